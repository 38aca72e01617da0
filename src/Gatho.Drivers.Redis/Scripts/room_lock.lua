-- ARGV: 4 room id, 5 '1' (lock) or '0' (unlock).
purge()
local rid = ARGV[4]
if not room_exists(rid) then return fail('ROOM_NOT_FOUND', rid) end
redis.call('HSET', key('room', rid), 'locked', ARGV[5])
return 1
