-- Shared by every Gatho script (prepended at load time). KEYS[1] is the hash-tagged prefix, e.g. "{gatho}": every
-- key below starts with it, so all of them live in one Redis Cluster slot. ARGV[1] is the caller's clock (Unix ms),
-- ARGV[2] the staleness threshold (ms), ARGV[3] how long a stale server is kept for the leader to reap (ms).
local P = KEYS[1]
local NOW = tonumber(ARGV[1])
local STALE = tonumber(ARGV[2])
local RETAIN = tonumber(ARGV[3])
local TOMBSTONE_MS = 60000

local function key(...) return P .. ':' .. table.concat({...}, ':') end

local SERVERS = key('servers')          -- zset: server id -> last heartbeat (ms)
local ROOMS = key('rooms')              -- zset: room id -> registration sequence (listing order)
local LAPSING_ROOMS = key('lapse', 'rooms')     -- zset: requested room id -> expiry (ms)
local LAPSING_CLIENTS = key('lapse', 'clients') -- zset: reserved client id -> expiry (ms)

local function fail(code, detail)
  return redis.error_reply('GATHO ' .. code .. ' ' .. (detail or ''))
end

-- Tags are [A-Za-z0-9_-], so their compact JSON needs no escaping: {"k":"v","k2":"v2"}.
local function tags_size(flat)
  local n = #flat / 2
  if n == 0 then return 2 end
  local size = 1 + (n - 1)
  for i = 1, #flat, 2 do size = size + #flat[i] + #flat[i + 1] + 6 end
  return size
end

local function tag_index(k, v) return key('idx', 'tag', k .. '=' .. v) end
local function type_index(t) return key('idx', 'type', t) end
local function status_index(s) return key('idx', 'status', s) end

local function delete_client(cid)
  local ck = key('client', cid)
  local room = redis.call('HGET', ck, 'room')
  if room then redis.call('SREM', key('room', room, 'clients'), cid) end
  redis.call('ZREM', LAPSING_CLIENTS, cid)
  return redis.call('DEL', ck) == 1
end

-- A room is one hash: type, server, status, endpoint, secret, created, expires (requested only), seq (listing
-- order), data, and one field "t:<key>" per tag. Read whole with HGETALL: one call per room in a listing.
local function room_map(rid)
  local flat = redis.call('HGETALL', key('room', rid))
  if #flat == 0 then return false end
  local h = {}
  for i = 1, #flat, 2 do h[flat[i]] = flat[i + 1] end
  return h
end

local function tags_of(h)
  local flat = {}
  for k, v in pairs(h) do
    if string.sub(k, 1, 2) == 't:' then flat[#flat + 1] = string.sub(k, 3); flat[#flat + 1] = v end
  end
  return flat
end

-- Deletes a room with its clients and index entries. Its data stays a minute as a tombstone, so a push reader that
-- learns of the assignment late can still build the event. Returns the server id, or false when there was no room.
local function delete_room(rid)
  local h = room_map(rid)
  if not h then return false end
  for _, cid in ipairs(redis.call('SMEMBERS', key('room', rid, 'clients'))) do
    redis.call('DEL', key('client', cid))
    redis.call('ZREM', LAPSING_CLIENTS, cid)
  end
  local tags = tags_of(h)
  for i = 1, #tags, 2 do redis.call('SREM', tag_index(tags[i], tags[i + 1]), rid) end
  redis.call('SREM', type_index(h.type), rid)
  redis.call('SREM', status_index(h.status), rid)
  redis.call('SREM', key('server', h.server, 'rooms'), rid)
  redis.call('ZREM', ROOMS, rid)
  redis.call('ZREM', LAPSING_ROOMS, rid)
  redis.call('DEL', key('room', rid), key('room', rid, 'clients'))
  redis.call('SET', key('room', rid, 'data'), h.data or '{}', 'PX', TOMBSTONE_MS)
  return h.server
end

local function delete_server(sid)
  for _, rid in ipairs(redis.call('SMEMBERS', key('server', sid, 'rooms'))) do delete_room(rid) end
  redis.call('ZREM', SERVERS, sid)
  return redis.call('DEL', key('server', sid), key('server', sid, 'tags'), key('server', sid, 'types'), key('server', sid, 'rooms')) > 0
end

-- Deletes what lapsed (requested rooms and reservations past their TTL, servers stale for longer than the retention),
-- a bounded batch per call; readers also hide lapsed records, so a backlog is never visible.
local function purge()
  for _, rid in ipairs(redis.call('ZRANGEBYSCORE', LAPSING_ROOMS, '-inf', NOW, 'LIMIT', 0, 256)) do delete_room(rid) end
  for _, cid in ipairs(redis.call('ZRANGEBYSCORE', LAPSING_CLIENTS, '-inf', NOW, 'LIMIT', 0, 256)) do delete_client(cid) end
  for _, sid in ipairs(redis.call('ZRANGEBYSCORE', SERVERS, '-inf', '(' .. (NOW - STALE - RETAIN), 'LIMIT', 0, 16)) do delete_server(sid) end
end

-- Memoised per script run: a listing asks about the same few servers for thousands of rooms.
local live_servers = {}
local function server_live(sid)
  local live = live_servers[sid]
  if live == nil then
    local beat = redis.call('ZSCORE', SERVERS, sid)
    live = beat ~= false and (NOW - tonumber(beat)) <= STALE
    live_servers[sid] = live
  end
  return live
end

-- A room exists when its record is there and it is running or its request has not lapsed.
local function room_exists(rid)
  local h = redis.call('HMGET', key('room', rid), 'status', 'expires')
  if not h[1] then return false end
  return h[1] == 'running' or tonumber(h[2]) > NOW
end

-- A room is listed while it exists and its server's lease holds: a dead server's rooms vanish from reads when its
-- heartbeats stop, before anyone reaps them. Returns the room's fields or false.
local function room_listed(rid)
  local h = room_map(rid)
  if h and (h.status == 'running' or tonumber(h.expires) > NOW) and server_live(h.server) then return h end
  return false
end

local function client_records(rid)
  local out = {}
  local ids = redis.call('SMEMBERS', key('room', rid, 'clients'))
  table.sort(ids)
  for _, cid in ipairs(ids) do
    local c = redis.call('HMGET', key('client', cid), 'status', 'tags', 'connected', 'expires')
    if c[1] and (c[1] == 'connected' or tonumber(c[4]) > NOW) then
      out[#out + 1] = { cid, c[1], c[2], c[3] or '' }
    end
  end
  return out
end

-- { id, type, server, status, endpoint, created, data, { tag k, v, ... }, { client records }, max or '', locked }.
-- Never the secret: it leaves Redis only in a reservation.
local function room_record(rid, h)
  h = h or room_map(rid)
  return { rid, h.type, h.server, h.status, h.endpoint or '', h.created, h.data or '{}', tags_of(h), client_records(rid), h.max or '', h.locked or '0' }
end

-- Seats a room holds now: connected clients plus reservations that have not lapsed (a lapsed one not yet purged
-- does not count, so capacity frees exactly at the TTL).
local function live_seats(rid)
  local n = 0
  for _, cid in ipairs(redis.call('SMEMBERS', key('room', rid, 'clients'))) do
    local c = redis.call('HMGET', key('client', cid), 'status', 'expires')
    if c[1] and (c[1] == 'connected' or tonumber(c[2]) > NOW) then n = n + 1 end
  end
  return n
end

-- Nil when the room (fields h) takes a new seat now, else the refusal: locked, or full at its capacity.
local function seat_refusal(rid, h)
  if h.locked == '1' then return fail('ROOM_LOCKED', rid) end
  if h.max and live_seats(rid) >= tonumber(h.max) then return fail('ROOM_FULL', h.max) end
  return nil
end

local function add_reservation(rid, cid, ttl, tags_json)
  redis.call('HSET', key('client', cid), 'room', rid, 'status', 'reserved', 'tags', tags_json, 'expires', NOW + ttl)
  redis.call('SADD', key('room', rid, 'clients'), cid)
  redis.call('ZADD', LAPSING_CLIENTS, NOW + ttl, cid)
end

local function server_exists(sid)
  return redis.call('EXISTS', key('server', sid)) == 1
end

-- Writes a requested room (max '' for no capacity) with tag pairs ARGV[first..], indexes it and pushes "assigned"
-- (ids only) to its server's channel. Returns nil or a refusal.
local function register_room(rid, rtype, sid, ttl, data, max, first)
  if not server_exists(sid) then return fail('SERVER_NOT_FOUND', sid) end
  if redis.call('EXISTS', key('room', rid)) == 1 then
    if room_exists(rid) then return fail('ROOM_EXISTS', rid) end
    delete_room(rid) -- lapsed but not yet purged
  end
  local seq = redis.call('INCR', key('sequence'))
  local rk = key('room', rid)
  redis.call('HSET', rk, 'type', rtype, 'server', sid, 'status', 'requested', 'created', NOW, 'expires', NOW + ttl, 'seq', seq, 'data', data)
  if max ~= '' then redis.call('HSET', rk, 'max', max) end
  redis.call('DEL', key('room', rid, 'data'), key('room', rid, 'failure')) -- tombstones of an earlier room with this id
  for i = first, #ARGV, 2 do
    redis.call('HSET', rk, 't:' .. ARGV[i], ARGV[i + 1])
    redis.call('SADD', tag_index(ARGV[i], ARGV[i + 1]), rid)
  end
  redis.call('SADD', type_index(rtype), rid)
  redis.call('SADD', status_index('requested'), rid)
  redis.call('SADD', key('server', sid, 'rooms'), rid)
  redis.call('ZADD', ROOMS, seq, rid)
  redis.call('ZADD', LAPSING_ROOMS, NOW + ttl, rid)
  redis.call('PUBLISH', key('events', sid), 'assigned ' .. rid .. ' ' .. rtype)
  return nil
end

-- Existing rooms of a server, oldest first.
local function rooms_of_server(sid)
  local alive = {}
  local seqs = {}
  for _, rid in ipairs(redis.call('SMEMBERS', key('server', sid, 'rooms'))) do
    local h = redis.call('HMGET', key('room', rid), 'status', 'expires', 'seq')
    if h[1] and (h[1] == 'running' or tonumber(h[2]) > NOW) then
      alive[#alive + 1] = rid
      seqs[rid] = tonumber(h[3])
    end
  end
  table.sort(alive, function(a, b) return seqs[a] < seqs[b] end)
  return alive
end

-- { id, endpoint, beat, { room records }, { tag k, v, ... }, { types } }
local function server_record(sid)
  local h = redis.call('HMGET', key('server', sid), 'endpoint', 'beat')
  local rooms = {}
  for _, rid in ipairs(rooms_of_server(sid)) do rooms[#rooms + 1] = room_record(rid) end
  local types = redis.call('SMEMBERS', key('server', sid, 'types'))
  table.sort(types)
  return { sid, h[1], h[2], rooms, redis.call('HGETALL', key('server', sid, 'tags')), types }
end

