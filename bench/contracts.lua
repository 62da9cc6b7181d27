-- POST /api/v1/contracts with a unique externalId per request and a mix of segments.
local threads = {}
local counter = 0

local token = os.getenv("BENCH_TOKEN") or "bench"
local run = os.getenv("BENCH_RUN") or "run"

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  id = id or 0
  math.randomseed(id * 7919 + os.time())
end

function request()
  counter = counter + 1
  local ext = string.format("%s-%d-%d", run, id, counter)
  local r = math.random(10)
  local employees, acv = 20, 3000
  if r <= 2 then employees, acv = 1500, 90000 elseif r <= 6 then employees, acv = 300, 25000 end
  local body = string.format('{"externalId":"%s","signedAt":"2026-%02d-%02dT09:00:00Z","account":{"externalId":"crm-%s",' ..
      '"name":"Bench %s","employees":%d,"acv":{"amount":%d,"currency":"USD"},"licensedSeats":50,"productType":"DAILY"}}',
      ext, 7 + math.random(4), math.random(28), ext, ext, employees, acv)
  return wrk.format("POST", "/api/v1/contracts",
      { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

dofile("bench/report.lua")
