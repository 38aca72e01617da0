-- ARGV: 4 room id, 5 new client id, 6 ttl ms, 7 tags JSON. Returns { endpoint, secret }.
purge()
local rid, cid, ttl = ARGV[4], ARGV[5], tonumber(ARGV[6])
local h = room_listed(rid)
if not h then return fail('ROOM_NOT_FOUND', rid) end
if h.status ~= 'running' then return fail('ROOM_NOT_RUNNING', h.status) end
redis.call('HSET', key('client', cid), 'room', rid, 'status', 'reserved', 'tags', ARGV[7], 'expires', NOW + ttl)
redis.call('SADD', key('room', rid, 'clients'), cid)
redis.call('ZADD', LAPSING_CLIENTS, NOW + ttl, cid)
return { h.endpoint, h.secret }
