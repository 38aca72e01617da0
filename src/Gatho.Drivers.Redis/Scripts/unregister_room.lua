-- ARGV: 4 room id. Deletes the room and its clients and pushes "removed" to its server. Returns 1, or 0 if none.
purge()
local rid = ARGV[4]
if not room_exists(rid) then return 0 end
local sid = delete_room(rid)
redis.call('PUBLISH', key('events', sid), 'removed ' .. rid)
return 1
