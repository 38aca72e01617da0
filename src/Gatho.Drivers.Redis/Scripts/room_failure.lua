-- ARGV: 4 room id, 5 reason. Keeps the reason a minute (signals carry no text), signals "failed", then deletes the
-- room and pushes "removed" to its server.
purge()
local rid = ARGV[4]
redis.call('SET', key('room', rid, 'failure'), ARGV[5], 'PX', TOMBSTONE_MS)
redis.call('PUBLISH', key('room', rid, 'signals'), 'failed')
if room_exists(rid) then
  local sid = delete_room(rid)
  redis.call('PUBLISH', key('events', sid), 'removed ' .. rid)
end
return 1
