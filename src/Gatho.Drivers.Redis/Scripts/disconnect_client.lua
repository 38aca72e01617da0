-- ARGV: 4 client id. Returns 1 when a record was deleted.
purge()
local ck = key('client', ARGV[4])
local h = redis.call('HMGET', ck, 'status', 'expires')
if not h[1] then return 0 end
local live = h[1] == 'connected' or tonumber(h[2]) > NOW
delete_client(ARGV[4])
return live and 1 or 0
