-- ARGV: 4 server id. Deletes it only if it is still stale now (a heartbeat that landed meanwhile wins).
purge()
local sid = ARGV[4]
if not server_exists(sid) or server_live(sid) then return 0 end
delete_server(sid)
return 1
