-- ARGV: 4 type, 5 new room id, 6 server id, 7 room ttl ms, 8 room data, 9 capacity, 10 client id, 11 seat ttl ms,
-- 12 client tags JSON, 13 filter tag count n, n filter key/value pairs, then the new room's tag pairs (filter merged).
-- One script: choose the fullest (then oldest) listed, unlocked room of the type with every filter tag and a free
-- seat, or register the new room; then reserve. Returns { room id, created 0|1, status, endpoint, secret }.
purge()
local rtype, n = ARGV[4], tonumber(ARGV[13])
local sets = { type_index(rtype) }
for i = 14, 13 + 2 * n, 2 do sets[#sets + 1] = tag_index(ARGV[i], ARGV[i + 1]) end
local best, best_h, best_seats, best_seq = nil, nil, -1, 0
for _, rid in ipairs(redis.call('SINTER', unpack(sets))) do
  local h = room_listed(rid)
  if h and h.locked ~= '1' then
    local seats = live_seats(rid)
    local seq = tonumber(h.seq)
    if (not h.max or seats < tonumber(h.max)) and (seats > best_seats or (seats == best_seats and seq < best_seq)) then
      best, best_h, best_seats, best_seq = rid, h, seats, seq
    end
  end
end
local created = 0
if not best then
  local refused = register_room(ARGV[5], rtype, ARGV[6], tonumber(ARGV[7]), ARGV[8], ARGV[9], 14 + 2 * n)
  if refused then return refused end
  best, best_h, created = ARGV[5], room_map(ARGV[5]), 1
end
add_reservation(best, ARGV[10], tonumber(ARGV[11]), ARGV[12])
return { best, created, best_h.status, best_h.endpoint or '', best_h.secret or '' }
