-- ARGV: 4 client id. Returns {} when the client is not a live reservation in a listed room, else
-- { room id, status, endpoint, secret, tags JSON, expires }.
purge()
local c = redis.call('HMGET', key('client', ARGV[4]), 'room', 'status', 'tags', 'expires')
if not c[1] or c[2] ~= 'reserved' or tonumber(c[4]) <= NOW then return {} end
local h = room_listed(c[1])
if not h then return {} end
return { c[1], h.status, h.endpoint or '', h.secret or '', c[3] or '{}', c[4] }
