-- ARGV: 4 room id, 5 type, 6 server id, 7 ttl ms, 8 data, 9 capacity or '', then tag key/value pairs.
-- Writes a requested room, indexes it and pushes "assigned" (ids only) to its server's channel.
purge()
local refused = register_room(ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7]), ARGV[8], ARGV[9], 10)
if refused then return refused end
return 1
