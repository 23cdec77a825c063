/**
 * Lua scripts for the steps that must be atomic across bot instances sharing one Redis. Outbox items are
 * hashes of flat fields so the scripts never decode JSON (cjson would turn an empty array in a card into
 * an object); the card itself sits untouched in the `static` field.
 */

/**
 * KEYS: alert-key set, outbox id set, ready zset, then one item hash per entry.
 * ARGV, for each entry in turn: id, static JSON, how many alert keys, the alert keys.
 * Each entry records its keys and queues its item, or does nothing if its id or any of its keys was
 * recorded before (by an earlier entry too). Returns 1 (queued) or 0 (duplicate) per entry, in order.
 */
export const ENQUEUE_MANY = `
local results = {}
local a = 1
for n = 4, #KEYS do
  local id, static, first, last = ARGV[a], ARGV[a + 1], a + 3, a + 2 + tonumber(ARGV[a + 2])
  a = last + 1
  local duplicate = redis.call('SISMEMBER', KEYS[2], id) == 1
  for i = first, last do
    if duplicate then break end
    duplicate = redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 1
  end
  if duplicate then
    results[#results + 1] = 0
  else
    for i = first, last do redis.call('SADD', KEYS[1], ARGV[i]) end
    redis.call('SADD', KEYS[2], id)
    redis.call('HSET', KEYS[n], 'static', static, 'state', 'pending', 'attempts', 0, 'availableAt', 0)
    redis.call('ZADD', KEYS[3], 0, id)
    results[#results + 1] = 1
  end
end
return results
`;

/**
 * KEYS: ready zset, leased zset. ARGV: now, lease-until, limit, owner, item key prefix.
 * `ready` scores unleased pending items by when they may be sent (0, or a retry time); `leased` scores
 * claimed items by when their lease runs out. Claiming takes due items from `ready`, then items whose
 * lease has run out (their holder died), and moves them to `leased` in one step, so no two callers get
 * the same item.
 */
export const CLAIM = `
local limit = tonumber(ARGV[3])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, limit)
if #ids < limit then
  local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, limit - #ids)
  for _, id in ipairs(expired) do ids[#ids + 1] = id end
end
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZADD', KEYS[2], ARGV[2], id)
  redis.call('HSET', ARGV[5] .. id, 'leaseOwner', ARGV[4], 'availableAt', ARGV[2])
end
return ids
`;

/** Shared guard: the item is pending and `owner` (ARGV[1]) holds its lease. */
const HELD = `
if redis.call('HGET', KEYS[1], 'state') ~= 'pending' or redis.call('HGET', KEYS[1], 'leaseOwner') ~= ARGV[1] then return 0 end
`;

/** KEYS: item hash, ready zset, leased zset. ARGV: owner, id, now, activity id or ''. */
export const MARK_SENT = `${HELD}
redis.call('HSET', KEYS[1], 'state', 'sent', 'finishedAt', ARGV[3])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'activityId', ARGV[4]) end
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('HDEL', KEYS[1], 'leaseOwner')
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[2])
return 1
`;

/** KEYS: item hash, ready zset, leased zset. ARGV: owner, id, retry-at, error, first-attempt-at. */
export const RELEASE = `${HELD}
redis.call('HSET', KEYS[1], 'availableAt', ARGV[3], 'lastError', ARGV[4], 'firstAttemptAt', ARGV[5])
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('HDEL', KEYS[1], 'leaseOwner')
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
return 1
`;

/** KEYS: item hash, ready zset, leased zset. ARGV: owner, id, now, error. */
export const MARK_FAILED = `${HELD}
redis.call('HSET', KEYS[1], 'state', 'failed', 'finishedAt', ARGV[3], 'lastError', ARGV[4])
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('HDEL', KEYS[1], 'leaseOwner')
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[2])
return 1
`;

/**
 * KEYS: records hash. ARGV: id, expected version ('' = must not exist), value JSON.
 * Values are stored as "<version>:<json>" so the version check needs no JSON decoding.
 * Returns {1, new version} or {0, actual version (0 = none)}.
 */
export const PUT_RECORD = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local actual = 0
if raw then actual = tonumber(string.match(raw, '^(%d+):')) end
local expected = 0
if ARGV[2] ~= '' then expected = tonumber(ARGV[2]) end
if actual ~= expected then return {0, actual} end
redis.call('HSET', KEYS[1], ARGV[1], (actual + 1) .. ':' .. ARGV[3])
return {1, actual + 1}
`;

/**
 * KEYS: ready zset, leased zset. ARGV: owner, now, item key prefix, ids to keep...
 * Moves every item `owner` holds a lease on (but those to keep) back to `ready` at `now`.
 */
export const RELEASE_LEASES = `
local keep = {}
for i = 4, #ARGV do keep[ARGV[i]] = true end
local released = 0
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local key = ARGV[3] .. id
  if not keep[id] and redis.call('HGET', key, 'leaseOwner') == ARGV[1] and redis.call('HGET', key, 'state') == 'pending' then
    redis.call('ZREM', KEYS[2], id)
    redis.call('ZADD', KEYS[1], ARGV[2], id)
    redis.call('HDEL', key, 'leaseOwner')
    redis.call('HSET', key, 'availableAt', ARGV[2])
    released = released + 1
  end
end
return released
`;
