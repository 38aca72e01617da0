-- ARGV: 4 server id, 5 endpoint, 6 tag count n, then n key/value pairs (used only on insert), then room types.
-- Returns { registered 0/1, { tag k, v, ... }, { { room id, type, data, status }, ... } }.
purge()
local sid, endpoint, ntags = ARGV[4], ARGV[5], tonumber(ARGV[6])
local sk = key('server', sid)
local registered = 0
if not server_exists(sid) then
  registered = 1
  -- Same endpoint, other id: the same server restarted under a new id; its old record would double-count in placement.
  for _, other in ipairs(redis.call('ZRANGE', SERVERS, 0, -1)) do
    if other ~= sid and redis.call('HGET', key('server', other), 'endpoint') == endpoint then delete_server(other) end
  end
  redis.call('DEL', key('server', sid, 'tags'), key('server', sid, 'rooms'))
  for i = 7, 6 + 2 * ntags, 2 do redis.call('HSET', key('server', sid, 'tags'), ARGV[i], ARGV[i + 1]) end
end
redis.call('HSET', sk, 'endpoint', endpoint, 'beat', NOW)
redis.call('DEL', key('server', sid, 'types'))
for i = 7 + 2 * ntags, #ARGV do redis.call('SADD', key('server', sid, 'types'), ARGV[i]) end
redis.call('ZADD', SERVERS, NOW, sid)
local desired = {}
for _, rid in ipairs(rooms_of_server(sid)) do
  local h = redis.call('HMGET', key('room', rid), 'type', 'status', 'data')
  desired[#desired + 1] = { rid, h[1], h[3] or '{}', h[2] }
end
return { registered, redis.call('HGETALL', key('server', sid, 'tags')), desired }
