-- ARGV: 4 room id, 5 new client id, 6 ttl ms, 7 tags JSON. Returns { endpoint, secret }. The capacity check and the
-- write are one script, so concurrent reservations never overfill a room.
purge()
local rid, cid, ttl = ARGV[4], ARGV[5], tonumber(ARGV[6])
local h = room_listed(rid)
if not h then return fail('ROOM_NOT_FOUND', rid) end
if h.status ~= 'running' then return fail('ROOM_NOT_RUNNING', h.status) end
local refused = seat_refusal(rid, h)
if refused then return refused end
add_reservation(rid, cid, ttl, ARGV[7])
return { h.endpoint, h.secret }
