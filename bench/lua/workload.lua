-- One workload of bench/run.sh, against issuegraph (GraphQL) or the HTTP floor (plain JSON), chosen by
-- the environment: BENCH_TARGET (issuegraph|floor), BENCH_WORKLOAD (list, deep, filtered, count, create,
-- mixed, search, changed), BENCH_TOKENS (a file of "<user id> <token>" lines), BENCH_AFTER (the deep page's cursor),
-- BENCH_VOCABULARY (bench/vocabulary.txt: a search is a component and a problem of it, e.g. "login crash"),
-- BENCH_T0 (epoch milliseconds; when set, completed requests are also counted per second since then,
-- from the second before the first answer on).
-- Requests are built once per thread; each picks one of the users at random (a search also its words).
-- done() prints one RESULT line (and a TIMELINE line), the format bench/run.sh reads.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]]
local timespec = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(0, timespec)
  return tonumber(timespec.tv_sec) * 1000 + math.floor(tonumber(timespec.tv_nsec) / 1000000)
end

local PAGE = "edges { node { id title status assignee { name email } createdAt } } pageInfo { hasNextPage endCursor }"
local GRAPHQL = {
  list = '{"operationName":"List","query":"query List { issues(first: 20) { ' .. PAGE .. ' } }"}',
  deep = '{"operationName":"DeepPage","query":"query DeepPage($after: String) { issues(first: 20, after: $after) { '
    .. PAGE .. ' } }","variables":{"after":"%s"}}',
  filtered = '{"operationName":"Filtered","query":"query Filtered { issues(first: 20, filter: '
    .. '{status: [TODO, IN_PROGRESS], assignedToMe: true}) { ' .. PAGE .. ' } }"}',
  count = '{"operationName":"Count","query":"query Count { issues { totalCount } }"}',
  search = '{"operationName":"Search","query":"query Search($words: String) { issues(first: 20, filter: {search: $words}) { '
    .. PAGE .. ' } }","variables":{"words":"%s"}}',
  changed = '{"operationName":"Changed","query":"query Changed { issues(first: 20, orderBy: {field: UPDATED_AT, '
    .. 'direction: DESC}) { ' .. PAGE .. ' } }"}',
  create = '{"operationName":"Create","query":"mutation Create($title: String!) { createIssue(input: {title: $title}) '
    .. '{ id title status assignee { name email } createdAt } }","variables":{"title":"bench create"}}',
}

local target = os.getenv("BENCH_TARGET") or "issuegraph"
local workload = os.getenv("BENCH_WORKLOAD") or "list"
local after = os.getenv("BENCH_AFTER") or ""
local t0 = tonumber(os.getenv("BENCH_T0") or "")

local function words(line)
  local list = {}
  for word in line:gmatch("%S+") do
    table.insert(list, word)
  end
  return list
end

local components, problems = {}, {}
if workload == "search" then
  local lines = {}
  for line in io.lines(os.getenv("BENCH_VOCABULARY")) do
    table.insert(lines, line)
  end
  components, problems = words(lines[2]), words(lines[3])
end

-- The request of one kind ("list", "create", …) for user number n with that user's token; a search for
-- `search` (words separated by a space).
local function build(kind, n, token, search)
  if target == "floor" then
    local paths = { list = "/list", deep = "/list?after=" .. after, filtered = "/filtered?user=" .. n, count = "/count",
      search = "/search?q=" .. (search or ""):gsub(" ", "+"), changed = "/changed" }
    if kind == "create" then
      return wrk.format("POST", "/create?user=" .. n, { ["Content-Type"] = "application/json" },
        '{"title":"bench create"}')
    end
    return wrk.format("GET", paths[kind])
  end
  return wrk.format("POST", "/graphql", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, string.format(GRAPHQL[kind], search or after))
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local requests = {}
local creates = {}
local tokens = {}
errors = 0
acked_creates = 0
timeline = {}

function init(args)
  local n = 0
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    n = n + 1
    local token = line:match("^%S+ (%S+)$")
    tokens[n] = token
    if workload == "mixed" then
      requests[n] = build("list", n, token)
      creates[n] = build("create", n, token)
    else
      requests[n] = build(workload, n, token)
    end
  end
  math.randomseed(now_ms() + n)
end

function request()
  local n = math.random(#requests)
  if workload == "search" then
    return build("search", n, tokens[n], components[math.random(#components)] .. " " .. problems[math.random(#problems)])
  end
  if workload == "mixed" and math.random(10) == 1 then
    return creates[n]
  end
  return requests[n]
end

function response(status, headers, body)
  if status ~= 200 then
    return -- wrk counts it among its own status errors
  end
  if body:find('"errors"', 1, true) then
    errors = errors + 1
  elseif body:find('"createIssue"', 1, true) or (target == "floor" and body:sub(1, 6) == '{"id":') then
    acked_creates = acked_creates + 1
  end
  if t0 then
    local second = math.floor((now_ms() - t0) / 1000)
    timeline[second] = (timeline[second] or 0) + 1
  end
end

function done(summary, latency, requests)
  local graphql_errors, acked, seconds = 0, 0, {}
  for _, thread in ipairs(threads) do
    graphql_errors = graphql_errors + thread:get("errors")
    acked = acked + thread:get("acked_creates")
    for second, count in pairs(thread:get("timeline")) do
      seconds[second] = (seconds[second] or 0) + count
    end
  end
  local e = summary.errors
  local failed = e.connect + e.read + e.write + e.status + e.timeout + graphql_errors
  local duration = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d acked_creates=%d\n",
    summary.requests, duration, summary.requests / duration, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, failed, acked))
  if t0 then
    local line, first, last = {}, math.huge, -1
    for second in pairs(seconds) do
      first, last = math.min(first, second), math.max(last, second)
    end
    for second = math.max(first - 1, 0), last do
      table.insert(line, second .. ":" .. (seconds[second] or 0))
    end
    io.write("TIMELINE " .. table.concat(line, " ") .. "\n")
  end
end
