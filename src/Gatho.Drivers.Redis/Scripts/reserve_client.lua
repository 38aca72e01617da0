-- ARGV: 4 room id, 5 new client id, 6 ttl ms, 7 tags JSON. Returns { endpoint, secret }.
purge()
local rid, cid, ttl = ARGV[4], ARGV[5], tonumber(ARGV[6])
local h = redis.call('HMGET', key('room', rid), 'server', 'status', 'endpoint', 'secret')
if not h[1] or not room_listed(rid, h[1]) then return fail('ROOM_NOT_FOUND', rid) end
if h[2] ~= 'running' then return fail('ROOM_NOT_RUNNING', h[2]) end
redis.call('HSET', key('client', cid), 'room', rid, 'status', 'reserved', 'tags', ARGV[7], 'expires', NOW + ttl)
redis.call('SADD', key('room', rid, 'clients'), cid)
redis.call('ZADD', LAPSING_CLIENTS, NOW + ttl, cid)
return { h[3], h[4] }
