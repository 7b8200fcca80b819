-- A catalog query mix shaped like real traffic: most requests repeat popular searches (front page,
-- common words, common filters), one in five is a long-tail query with random parameters that no
-- cache has seen. The cache hit ratio the benchmark reports therefore reflects this mix, not 100 %.
-- LONG_TAIL_PERCENT (default 20) sets that share; 0 measures the popular queries alone (the cache path).
local popular = {
  "/api/tours?limit=20",
  "/api/tours?q=volcano&limit=20",
  "/api/tours?q=%D0%B2%D1%83%D0%BB%D0%BA%D0%B0%D0%BD&limit=20",            -- вулкан
  "/api/tours?q=bears&limit=20",
  "/api/tours?q=%D0%BC%D0%B5%D0%B4%D0%B2%D0%B5%D0%B4%D0%B8&limit=20",      -- медведи
  "/api/tours?q=rafting&sort=price&limit=10",
  "/api/tours?sort=price&limit=20",
  "/api/tours?sort=newest&limit=20",
  "/api/tours?minPrice=500000&maxPrice=3000000&limit=20",
  "/api/tours?difficulty=hard&sort=duration&limit=20",
  "/api/tours?difficulty=easy&limit=20",
  "/api/tours?tags=bears&limit=20",
  "/api/tours?tags=helicopter&limit=20",
  "/api/tours?near=53.02,158.65&radiusKm=50&limit=20",
  "/api/tours?minDuration=240&maxDuration=600&sort=newest&limit=20",
}
local words = { "volcano", "bears", "rafting", "fishing", "hot%20springs", "kayak", "geysers", "helicopter", "ski", "whales" }

local function long_tail()
  local kind = math.random(4)
  if kind == 1 then
    local low = math.random(10, 400) * 10000
    return string.format("/api/tours?minPrice=%d&maxPrice=%d&limit=20", low, low + math.random(5, 200) * 10000)
  elseif kind == 2 then
    return string.format("/api/tours?near=%.3f,%.3f&radiusKm=%d&limit=20",
      52.5 + math.random() * 3, 156.5 + math.random() * 4, math.random(10, 150))
  elseif kind == 3 then
    return string.format("/api/tours?q=%s&minDuration=%d&limit=20", words[math.random(#words)], math.random(1, 48) * 60)
  else
    return string.format("/api/tours?q=%s&sort=price&maxPrice=%d&limit=20", words[math.random(#words)], math.random(50, 500) * 10000)
  end
end

local long_tail_percent = tonumber(os.getenv("LONG_TAIL_PERCENT") or "20")

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

request = function()
  if math.random(100) <= long_tail_percent then
    return wrk.format("GET", long_tail())
  end
  return wrk.format("GET", popular[math.random(#popular)])
end
