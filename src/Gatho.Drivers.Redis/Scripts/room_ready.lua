-- ARGV: 4 room id, 5 endpoint, 6 secret. Marks the room running (no more TTL) and signals "ready" on its channel.
-- Returns 0 and writes nothing when the record is gone.
purge()
local rid = ARGV[4]
if not room_exists(rid) then return 0 end
local rk = key('room', rid)
local old = redis.call('HGET', rk, 'status')
redis.call('HSET', rk, 'status', 'running', 'endpoint', ARGV[5], 'secret', ARGV[6])
redis.call('HDEL', rk, 'expires')
redis.call('ZREM', LAPSING_ROOMS, rid)
redis.call('SREM', status_index(old), rid)
redis.call('SADD', status_index('running'), rid)
redis.call('PUBLISH', key('room', rid, 'signals'), 'ready')
return 1
