-- ARGV: 4 server id. Returns 1 when a server was deleted (with its rooms and their clients), else 0. Pushes nothing.
purge()
if not server_exists(ARGV[4]) then return 0 end
delete_server(ARGV[4])
return 1
