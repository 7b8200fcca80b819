-- A cold search mix: every request is a query nobody asked a moment ago. Words come from the catalogue's own
-- vocabulary in both languages (the seeded tours' titles, descriptions and tags), combined with random filters,
-- sorts, date windows and map points. Seeded (COLD_SEED, default 22; each wrk thread adds its number), so two runs
-- send the same sequence; the first COLD_PRINT (default 8) requests of each thread are printed.
local words = {
  "volcano", "volcanoes", "ascent", "active", "bay", "bears", "brown", "salmon", "spawning", "rafting", "river",
  "fishing", "soup", "valley", "geysers", "helicopter", "caldera", "hot", "springs", "thermal", "pools", "sockeye",
  "guide", "airport", "transfer", "hotel", "truck", "fumaroles", "crater", "lake", "expedition", "trek", "lava",
  "caves", "snowmobile", "boat", "sea", "kayaking", "otters", "seals", "private", "sunrise", "premium", "wildlife",
  "winter", "hiking", "summit", "family", "relax",
  "вулкан", "восхождение", "бухту", "медведи", "медведями", "лосося", "сплав", "реке", "рыбалкой", "долина",
  "гейзеров", "вертолёте", "источники", "термальных", "рыбалка", "нерку", "гидом", "трансфер", "аэропорта",
  "вездеходе", "озеру", "экспедиция", "толбачик", "пещерам", "снегоходное", "сафари", "морская", "прогулка",
  "каякинг", "каланов", "рассвете", "премиум", "индивидуально", "вулканов", "кальдеру",
}
local tags = { "volcano", "hiking", "bears", "wildlife", "helicopter", "rafting", "fishing", "river", "geysers",
  "hot-springs", "family", "salmon", "transfer", "4x4", "trekking", "snowmobile", "winter", "boat", "sea", "kayak" }
local difficulties = { "easy", "moderate", "hard", "extreme" }
local sorts = { "price", "duration", "newest", "rating" }

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function chance(p) return math.random() < p end

local function cold_query()
  local p = { "limit=" .. ({ 10, 20, 20, 50 })[math.random(4)] }
  local text = chance(0.6)
  if text then
    local q = words[math.random(#words)]
    if chance(0.3) then q = q .. " " .. words[math.random(#words)] end
    p[#p + 1] = "q=" .. encode(q)
  end
  if not text or chance(0.4) then
    p[#p + 1] = "sort=" .. sorts[math.random(#sorts)]
    if chance(0.3) then p[#p + 1] = "desc=" .. (chance(0.5) and "true" or "false") end
  end
  if chance(0.3) then
    local low = math.random(10, 400) * 10000
    p[#p + 1] = string.format("minPrice=%d&maxPrice=%d", low, low + math.random(5, 600) * 10000)
  end
  if chance(0.2) then
    local low = math.random(1, 24) * 60
    p[#p + 1] = string.format("minDuration=%d&maxDuration=%d", low, low + math.random(1, 48) * 60)
  end
  if chance(0.2) then p[#p + 1] = "difficulty=" .. difficulties[math.random(#difficulties)] end
  if chance(0.2) then p[#p + 1] = "tags=" .. tags[math.random(#tags)] end
  if chance(0.05) then p[#p + 1] = "minRating=" .. math.random(1, 4) end
  if chance(0.15) then
    local month, day = math.random(1, 12), math.random(1, 20)
    p[#p + 1] = string.format("from=2027-%02d-%02d&to=2027-%02d-%02d", month, day, month, day + math.random(1, 8))
  end
  if chance(0.25) then
    p[#p + 1] = string.format("near=%.3f,%.3f&radiusKm=%d", 51.0 + math.random() * 5, 156.0 + math.random() * 10, math.random(5, 150))
  end
  return "/api/tours?" .. table.concat(p, "&")
end


local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

local printed = 0
local print_limit = tonumber(os.getenv("COLD_PRINT") or "8")

function init(args)
  math.randomseed(tonumber(os.getenv("COLD_SEED") or "22") * 1000 + (thread_number or 0))
end

request = function()
  local path = cold_query()
  if printed < print_limit then
    printed = printed + 1
    io.write("cold[" .. (thread_number or 0) .. "] " .. path .. "\n")
  end
  return wrk.format("GET", path)
end
