-- ARGV: 4 room id. Returns { room record } or {} when the room is gone or its server's lease lapsed.
purge()
local rid = ARGV[4]
local h = room_listed(rid)
if not h then return {} end
return { room_record(rid, h) }
