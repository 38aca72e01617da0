-- ARGV: 4 room id. Returns { room record } or {} when the room is gone or its server's lease lapsed.
purge()
local rid = ARGV[4]
local sid = redis.call('HGET', key('room', rid), 'server')
if not sid or not room_listed(rid, sid) then return {} end
return { room_record(rid) }
