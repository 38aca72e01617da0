-- ARGV: 4 room id, 5 type, 6 server id, 7 ttl ms, 8 data, then tag key/value pairs.
-- Writes a requested room, indexes it and pushes "assigned" (ids only) to its server's channel.
purge()
local rid, rtype, sid, ttl = ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
if not server_exists(sid) then return fail('SERVER_NOT_FOUND', sid) end
if redis.call('EXISTS', key('room', rid)) == 1 then
  if room_exists(rid) then return fail('ROOM_EXISTS', rid) end
  delete_room(rid) -- lapsed but not yet purged
end
local seq = redis.call('INCR', key('sequence'))
local rk = key('room', rid)
redis.call('HSET', rk, 'type', rtype, 'server', sid, 'status', 'requested', 'created', NOW, 'expires', NOW + ttl, 'seq', seq, 'data', ARGV[8])
redis.call('DEL', key('room', rid, 'data'), key('room', rid, 'failure')) -- tombstones of an earlier room with this id
for i = 9, #ARGV, 2 do
  redis.call('HSET', rk, 't:' .. ARGV[i], ARGV[i + 1])
  redis.call('SADD', tag_index(ARGV[i], ARGV[i + 1]), rid)
end
redis.call('SADD', type_index(rtype), rid)
redis.call('SADD', status_index('requested'), rid)
redis.call('SADD', key('server', sid, 'rooms'), rid)
redis.call('ZADD', ROOMS, seq, rid)
redis.call('ZADD', LAPSING_ROOMS, NOW + ttl, rid)
redis.call('PUBLISH', key('events', sid), 'assigned ' .. rid .. ' ' .. rtype)
return 1
