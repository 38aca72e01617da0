-- ARGV: 4 'live' | 'stale' | 'one', 5 server id (for 'one'), 6 tag count n, n key/value pairs, then required types.
-- Returns server records ordered by id.
purge()
local mode, ntags = ARGV[4], tonumber(ARGV[6])
local ids
if mode == 'one' then
  if not server_exists(ARGV[5]) then return {} end
  ids = { ARGV[5] }
elseif mode == 'live' then
  ids = redis.call('ZRANGEBYSCORE', SERVERS, NOW - STALE, '+inf')
else
  ids = redis.call('ZRANGEBYSCORE', SERVERS, '-inf', '(' .. (NOW - STALE))
end
table.sort(ids)
local out = {}
for _, sid in ipairs(ids) do
  local ok = server_exists(sid)
  for i = 7, 6 + 2 * ntags, 2 do
    if ok and redis.call('HGET', key('server', sid, 'tags'), ARGV[i]) ~= ARGV[i + 1] then ok = false end
  end
  for i = 7 + 2 * ntags, #ARGV do
    if ok and redis.call('SISMEMBER', key('server', sid, 'types'), ARGV[i]) == 0 then ok = false end
  end
  if ok then out[#out + 1] = server_record(sid) end
end
return out
