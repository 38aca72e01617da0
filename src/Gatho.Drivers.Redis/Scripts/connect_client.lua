-- ARGV: 4 client id, 5 room id, 6 tags JSON. An idempotent full upsert; moves a client recorded in another room.
purge()
local cid, rid = ARGV[4], ARGV[5]
if not room_exists(rid) then return fail('ROOM_NOT_FOUND', rid) end
local ck = key('client', cid)
local old = redis.call('HGET', ck, 'room')
if old and old ~= rid then redis.call('SREM', key('room', old, 'clients'), cid) end
redis.call('HSET', ck, 'room', rid, 'status', 'connected', 'tags', ARGV[6], 'connected', NOW)
redis.call('HDEL', ck, 'expires')
redis.call('ZREM', LAPSING_CLIENTS, cid)
redis.call('SADD', key('room', rid, 'clients'), cid)
return 1
