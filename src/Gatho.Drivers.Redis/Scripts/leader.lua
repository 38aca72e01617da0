-- ARGV: 4 'acquire' | 'renew' | 'release', 5 server id, 6 lease ms. One holder at a time; a lapsed lease can be taken.
local lk = key('leader')
local op, sid, lease = ARGV[4], ARGV[5], tonumber(ARGV[6])
local h = redis.call('HMGET', lk, 'holder', 'until')
local held = h[1] and tonumber(h[2]) > NOW
if op == 'release' then
  if h[1] == sid then redis.call('DEL', lk) end
  return 1
end
if op == 'acquire' and (not held or h[1] == sid) or op == 'renew' and h[1] == sid then
  redis.call('HSET', lk, 'holder', sid, 'until', NOW + lease)
  return 1
end
return 0
