-- GET a random page of a paged list: the portfolio (cookie session) or the accounts API (bearer token).
local path = os.getenv("BENCH_PATH") or "/api/v1/accounts?size=50&page="
local pages = tonumber(os.getenv("BENCH_PAGES") or "200")
local headers = {}
if os.getenv("BENCH_COOKIE") then headers["Cookie"] = os.getenv("BENCH_COOKIE") end
if os.getenv("BENCH_TOKEN") then headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") end

function request()
  return wrk.format("GET", path .. math.random(0, pages - 1), headers)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f errors=%d\n",
      summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
      latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
