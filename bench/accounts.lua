-- GET a per-account path (BENCH_PATH with {id}) for a random account id from BENCH_IDS.
local path = os.getenv("BENCH_PATH") or "/api/v1/accounts/{id}/health"
local headers = { ["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "") }
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end

function request()
  local id = ids[math.random(1, #ids)]
  return wrk.format("GET", (path:gsub("{id}", id)), headers)
end

dofile("bench/report.lua")
