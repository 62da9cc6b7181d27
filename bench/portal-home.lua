-- wrk script: GET /portal as signed-in contacts, each request with the next session cookie of
-- the list (target/bench-portal-tokens.txt), and the p95 printed at the end.
local tokens = {}
for line in io.lines("target/bench-portal-tokens.txt") do tokens[#tokens + 1] = line end
local i = 0
request = function()
  i = i + 1
  local token = tokens[(i % #tokens) + 1]
  return wrk.format("GET", "/portal", { ["Cookie"] = "onward_portal=" .. token })
end
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, non-200 %d, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.0f req/s\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
