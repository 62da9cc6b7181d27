-- wrk script: GET /portal as signed-in contacts, the requests going round their sessions (one line
-- "session-token csrf-token" per contact in target/bench-portal-tokens.txt: the portal cookie and the
-- CSRF cookie a browser sends back after its first page), and the percentiles printed at the end.
-- THINK_MS (default 0): each connection waits this long on average (uniformly 0.5–1.5×, so the
-- contacts do not fall into step) between a response and its next request — a contact reading the
-- page; wrk's latency does not include the wait. 0 is a closed loop as fast as the machine answers.
-- BENCH_PATH (default /portal): another path at the same pace and connections, e.g. the liveness
-- probe as the machine's floor (no cookies sent to it).
local path = os.getenv("BENCH_PATH") or "/portal"
local think = tonumber(os.getenv("THINK_MS") or "0")
local contacts = {}
for line in io.lines("target/bench-portal-tokens.txt") do
  local session, csrf = line:match("^(%S+)%s*(%S*)")
  local cookie = "onward_portal=" .. session
  if csrf ~= "" then cookie = cookie .. "; onward_portal_csrf=" .. csrf end
  contacts[#contacts + 1] = cookie
end

local i = 0
request = function()
  if path ~= "/portal" then return wrk.format("GET", path) end
  i = i + 1
  return wrk.format("GET", path, { ["Cookie"] = contacts[(i % #contacts) + 1] })
end

if think > 0 then
  delay = function()
    return math.floor(think * (0.5 + math.random()))
  end
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, non-200 %d, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.0f req/s\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
