-- ARGV: 4 room id, 5 'add' | 'remove', 6 size limit, then key/value pairs (add) or keys (remove). Keeps the tag
-- index sets in step with the room's tags.
purge()
local rid, op, limit = ARGV[4], ARGV[5], tonumber(ARGV[6])
if not room_exists(rid) then return fail('ROOM_NOT_FOUND', rid) end
local rk = key('room', rid)
if op == 'add' then
  local merged = {}
  local current = tags_of(room_map(rid))
  for i = 1, #current, 2 do merged[current[i]] = current[i + 1] end
  for i = 7, #ARGV, 2 do merged[ARGV[i]] = ARGV[i + 1] end
  local flat = {}
  for k, v in pairs(merged) do flat[#flat + 1] = k; flat[#flat + 1] = v end
  local size = tags_size(flat)
  if size > limit then return fail('TAGS_TOO_LARGE', tostring(size)) end
  for i = 7, #ARGV, 2 do
    local old = redis.call('HGET', rk, 't:' .. ARGV[i])
    if old then redis.call('SREM', tag_index(ARGV[i], old), rid) end
    redis.call('HSET', rk, 't:' .. ARGV[i], ARGV[i + 1])
    redis.call('SADD', tag_index(ARGV[i], ARGV[i + 1]), rid)
  end
else
  for i = 7, #ARGV do
    local old = redis.call('HGET', rk, 't:' .. ARGV[i])
    if old then
      redis.call('SREM', tag_index(ARGV[i], old), rid)
      redis.call('HDEL', rk, 't:' .. ARGV[i])
    end
  end
end
return 1
