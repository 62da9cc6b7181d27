-- GET a random page of a paged list: the portfolio (cookie session) or the accounts API (bearer token).
local path = os.getenv("BENCH_PATH") or "/api/v1/accounts?size=50&page="
local pages = tonumber(os.getenv("BENCH_PAGES") or "200")
local headers = {}
if os.getenv("BENCH_COOKIE") then headers["Cookie"] = os.getenv("BENCH_COOKIE") end
if os.getenv("BENCH_TOKEN") then headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") end
if os.getenv("BENCH_HX") then headers["HX-Request"] = "true" end

function request()
  return wrk.format("GET", path .. math.random(0, pages - 1), headers)
end

dofile("bench/report.lua")
