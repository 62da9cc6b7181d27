-- Mixed load for ops/cluster.sh (wrk): out of every 20 requests, 2 sign a contract, 4 post a batch
-- of usage events, 7 are staff page views (with a signed-in session) and 7 are API reads.
-- Environment: ONWARD_TOKEN (admin API token), ONWARD_COOKIE (a staff session cookie),
-- ONWARD_ACCOUNT_ID / ONWARD_ACCOUNT_EXT (an account to read and to post events for),
-- ONWARD_CONNECTION_CLOSE=1 for a connection per request.
local token = os.getenv("ONWARD_TOKEN")
local cookie = os.getenv("ONWARD_COOKIE")
local accountId = os.getenv("ONWARD_ACCOUNT_ID")
local accountExt = os.getenv("ONWARD_ACCOUNT_EXT")
local threads = {}
local nextId = 0

function setup(thread)
  nextId = nextId + 1
  thread:set("tid", nextId)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  failed = 0
  ok = 0
  math.randomseed(os.time() * 1000 + tid)
end

local api = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local page = { ["Cookie"] = cookie }
-- ONWARD_CONNECTION_CLOSE=1: a new connection per request (no client keep-alive).
if os.getenv("ONWARD_CONNECTION_CLOSE") == "1" then
  api["Connection"] = "close"
  page["Connection"] = "close"
end

local function unique()
  return string.format("%d-%d-%d", tid, n, math.random(1, 1000000000))
end

request = function()
  n = n + 1
  local r = n % 20
  if r < 2 then
    local id = "load-" .. unique()
    local body = string.format('{"externalId":"%s","signedAt":"%s","account":{"externalId":"crm-%s","name":"Load %s",'
      .. '"industry":"logistics","employees":40,"acv":{"amount":5000,"currency":"USD"},"licensedSeats":20,'
      .. '"productType":"DAILY","technical":false,"language":"en","contacts":[{"name":"Siti Rahma",'
      .. '"email":"siti@load.example","role":"PROJECT_LEAD"}]}}', id, os.date("!%Y-%m-%dT%H:%M:%SZ"), id, id)
    return wrk.format("POST", "/api/v1/contracts", api, body)
  elseif r < 6 then
    local now = os.date("!%Y-%m-%dT%H:%M:%SZ")
    local events = {}
    for i = 1, 5 do
      events[i] = string.format('{"id":"evt-%s-%d","accountExternalId":"%s","userId":"u-%d","type":"%s",%s"occurredAt":"%s"}',
        unique(), i, accountExt, math.random(1, 40), i == 1 and "LOGIN" or "FEATURE_USED",
        i == 1 and "" or string.format('"feature":"feature-%d",', math.random(1, 12)), now)
    end
    return wrk.format("POST", "/api/v1/events", api, '{"events":[' .. table.concat(events, ",") .. ']}')
  elseif r < 13 then
    if r % 2 == 0 then
      return wrk.format("GET", "/", page)
    end
    return wrk.format("GET", "/accounts/" .. accountId, page)
  else
    if r % 3 == 0 then
      return wrk.format("GET", "/api/v1/accounts?size=20", api)
    elseif r % 3 == 1 then
      return wrk.format("GET", "/api/v1/accounts/" .. accountId .. "/adoption/users", api)
    end
    return wrk.format("GET", "/api/v1/accounts/" .. accountId, api)
  end
end

response = function(status, headers, body)
  if status >= 200 and status < 400 then ok = ok + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
  local good, bad = 0, 0
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    bad = bad + t:get("failed")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d ok=%d http_failed=%d socket_errors=%d rps=%.1f p50_ms=%.1f p99_ms=%.1f\n",
    summary.requests, good, bad, e.connect + e.read + e.write + e.timeout, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
