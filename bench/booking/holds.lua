-- POST /api/bookings as a shop front sends it: one seat, a fresh Idempotency-Key per request, a departure picked at
-- random from BENCH_DEPARTURES (comma-separated ids), signed in as BENCH_TOKEN. Counts answers by status, so run.sh
-- can check the sold-out phase (exactly capacity × 201, the rest 409, nothing else) and print a BOOKING-COUNTS line.
local token = os.getenv("BENCH_TOKEN")
local run = os.getenv("BENCH_RUN") or "run"
local departures = {}
for id in string.gmatch(os.getenv("BENCH_DEPARTURES") or "", "[^,]+") do departures[#departures + 1] = id end

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("tid", #threads)
end

function init(args)
  created, conflict, other, sent = 0, 0, 0, 0
  math.randomseed(os.time() * 1000 + tid)
end

function request()
  sent = sent + 1
  local body = string.format(
    '{"departureId":"%s","adults":1,"children":0,"participants":[{"name":"Bench guest"}],"contact":{"email":"bench@example.com"}}',
    departures[math.random(#departures)])
  return wrk.format("POST", "/api/bookings", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("wrk-%s-%d-%d", run, tid, sent),
  }, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 then conflict = conflict + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c, k, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created"); k = k + thread:get("conflict"); o = o + thread:get("other")
  end
  io.write(string.format("BOOKING-COUNTS created=%d conflict=%d other=%d\n", c, k, o))
end
