-- ARGV: 4 server id, 5 'add' | 'remove', 6 size limit, then key/value pairs (add) or keys (remove).
purge()
local sid, op, limit = ARGV[4], ARGV[5], tonumber(ARGV[6])
if not server_exists(sid) then return fail('SERVER_NOT_FOUND', sid) end
local tk = key('server', sid, 'tags')
if op == 'add' then
  local merged = {}
  local current = redis.call('HGETALL', tk)
  for i = 1, #current, 2 do merged[current[i]] = current[i + 1] end
  for i = 7, #ARGV, 2 do merged[ARGV[i]] = ARGV[i + 1] end
  local flat = {}
  for k, v in pairs(merged) do flat[#flat + 1] = k; flat[#flat + 1] = v end
  local size = tags_size(flat)
  if size > limit then return fail('TAGS_TOO_LARGE', tostring(size)) end
  for i = 7, #ARGV, 2 do redis.call('HSET', tk, ARGV[i], ARGV[i + 1]) end
else
  for i = 7, #ARGV do redis.call('HDEL', tk, ARGV[i]) end
end
return 1
