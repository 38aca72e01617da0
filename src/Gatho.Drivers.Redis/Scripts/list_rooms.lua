-- ARGV: 4 type or '', 5 status or '', 6 server id or '', 7 locked '1' | '0' | '', 8 equal-tag count n, n key/value
-- pairs, then not-equal pairs. Candidates come from intersecting index sets (type, status, server, each equal tag); the
-- lock, not-equal tags and leases are checked per candidate. Returns room records, oldest first.
purge()
local rtype, status, sid, locked, eq = ARGV[4], ARGV[5], ARGV[6], ARGV[7], tonumber(ARGV[8])
local sets = {}
if rtype ~= '' then sets[#sets + 1] = type_index(rtype) end
if status ~= '' then sets[#sets + 1] = status_index(status) end
if sid ~= '' then sets[#sets + 1] = key('server', sid, 'rooms') end
for i = 9, 8 + 2 * eq, 2 do sets[#sets + 1] = tag_index(ARGV[i], ARGV[i + 1]) end
local ids
if #sets == 0 then
  ids = redis.call('ZRANGE', ROOMS, 0, -1)
else
  ids = redis.call('SINTER', unpack(sets))
end
local seqs = {}
local picked = {}
local fields = {}
for _, rid in ipairs(ids) do
  local h = room_listed(rid)
  local ok = h ~= false
  if ok and locked ~= '' and (h.locked or '0') ~= locked then ok = false end
  for i = 9 + 2 * eq, #ARGV, 2 do
    if ok and h['t:' .. ARGV[i]] == ARGV[i + 1] then ok = false end
  end
  if ok then
    picked[#picked + 1] = rid
    fields[rid] = h
    seqs[rid] = tonumber(h.seq)
  end
end
if #sets > 0 then table.sort(picked, function(a, b) return seqs[a] < seqs[b] end) end
local out = {}
for i, rid in ipairs(picked) do out[i] = room_record(rid, fields[rid]) end
return out
