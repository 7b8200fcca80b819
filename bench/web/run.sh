#!/usr/bin/env bash
# Page weight and speed: the tourist home and tour pages beside the JSON API calls that carry the same data.
# Usage: [WARMUP_SECONDS=5] [CONNECTIONS=16] bash bench/web/run.sh [DURATION_SECONDS=10]
# Three kamhub processes (Release, SQLite, demo tours and departures) on 127.0.0.1: the default one, one whose pages call
# the API over loopback and one that renders the home page every time (both without the home page cache). Each URL gets an untimed warm-up, then
# wrk for DURATION seconds. Per URL: bytes, server time of one unloaded request (curl's time to first byte, median of 20),
# requests/s and p99 under load. A page's cost is compared with the sum of its API calls' costs (1 / requests per second
# at saturation, i.e. server CPU per answer on this machine): the page runs those same endpoints through the app's own
# pipeline in process (no socket), then renders. The machine may be shared: compare ratios within one run only.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}; WARMUP=${WARMUP_SECONDS:-5}; CONNECTIONS=${CONNECTIONS:-16}; PORT=${PORT:-5093}
WORK=$(mktemp -d /tmp/kamhub-bench-web-XXXXXX)
SERVER_PID=""; LOOPBACK_PID=""; RENDERED_PID=""
cleanup() { for pid in $SERVER_PID $LOOPBACK_PID $RENDERED_PID; do kill "$pid" 2>/dev/null; done; rm -rf "$WORK"; }
trap cleanup EXIT

export KamHub__DataDir="$WORK" KamHub__Admin__Password="bench-admin-password" KamHub__Seed__DemoPassword="bench-demo-password"
# One loopback address at thousands of requests/s: the per-client request limits would answer 429.
export KamHub__RateLimits__Enabled=false
dotnet build src/KamHub -c Release -v q -nologo >/dev/null
DLL=src/KamHub/bin/Release/net10.0/kamhub.dll
dotnet $DLL serve --urls "http://127.0.0.1:$PORT" --Logging:LogLevel:Default=Warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
# The same pages calling the API over loopback HTTP (KamHub:Web:ApiBaseUrl, as before the in-process handler), beside it in
# this run: its own data directory, one more port.
LOOP_PORT=$((PORT + 1)); mkdir -p "$WORK/loopback"
KamHub__DataDir="$WORK/loopback" KamHub__Web__ApiBaseUrl="http://127.0.0.1:$LOOP_PORT" KamHub__Web__HomePageCacheSeconds=0 \
  dotnet $DLL serve --urls "http://127.0.0.1:$LOOP_PORT" --Logging:LogLevel:Default=Warning >"$WORK/loopback.log" 2>&1 &
LOOPBACK_PID=$!
# The home page rendered on every request (KamHub:Web:HomePageCacheSeconds=0; the loopback process above too, so the two
# compare the API call's way only): what the page itself costs behind the anonymous home page's output cache.
RENDER_PORT=$((PORT + 2)); mkdir -p "$WORK/rendered"
KamHub__DataDir="$WORK/rendered" KamHub__Web__HomePageCacheSeconds=0 \
  dotnet $DLL serve --urls "http://127.0.0.1:$RENDER_PORT" --Logging:LogLevel:Default=Warning >"$WORK/rendered.log" 2>&1 &
RENDERED_PID=$!
BASE="http://127.0.0.1:$PORT"; LOOP_BASE="http://127.0.0.1:$LOOP_PORT"; RENDER_BASE="http://127.0.0.1:$RENDER_PORT"
for _ in $(seq 1 200); do
  curl -sf "$BASE/health/ready" >/dev/null && curl -sf "$LOOP_BASE/health/ready" >/dev/null && curl -sf "$RENDER_BASE/health/ready" >/dev/null && break
  sleep 0.3
done

# The data of the pages: the home page's search (first page, as the page asks for it) and the first tour with a departure.
HOME_API="/api/tours?limit=$(grep -oP 'PageSize = \K[0-9]+' src/KamHub.Web/Pages/Index.cshtml.cs)"
for _ in $(seq 1 100); do
  SLUG=$(curl -s "$BASE$HOME_API" | python3 -c 'import json,sys; print(next((t["slug"] for t in json.load(sys.stdin)["items"] if t.get("nextDeparture")), ""))')
  [ -n "$SLUG" ] && break; sleep 0.3   # the demo departures are scheduled just after start
done
TOUR_ID=$(curl -s "$BASE/api/tours/$SLUG" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

measure() { # $1 = label, $2 = path [, $3 = base] -> "label bytes ttfb_ms rps p99"
  local url="${3:-$BASE}$2" bytes ttfb
  bytes=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Language: en' "$url")
  ttfb=$(for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_starttransfer}\n' -H 'Accept-Language: en' "$url"; done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]*1000}')
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -H 'Accept-Language: en' "$url" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H 'Accept-Language: en' "$url" >"$WORK/wrk-$1.txt"
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt"); p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk-$1.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk-$1.txt"); errors=${errors:-0}
  echo "$1 $bytes $ttfb $rps $p99 $errors"
}

{
  # Not the first after the start any more: the loopback row comes first, the in-process one after it.
  measure home-loopback "/" "$LOOP_BASE"
  measure home-rendered "/" "$RENDER_BASE"
  measure home-page "/"
  measure home-api "$HOME_API"
  measure tour-page "/tours/$SLUG"
  measure tour-loopback "/tours/$SLUG" "$LOOP_BASE"
  measure tour-api "/api/tours/$SLUG"
  measure departures-api "/api/tours/$TOUR_ID/departures"
  measure reviews-api "/api/tours/$TOUR_ID/reviews?limit=$(grep -oP 'ReviewCount = \K[0-9]+' src/KamHub.Web/Pages/Tours/Tour.cshtml.cs)"
} >"$WORK/rows.txt"

python3 - "$WORK/rows.txt" "$DURATION" "$CONNECTIONS" <<'PY'
import sys
def ms(v):
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit): return float(v[:-len(unit)]) * f
    return float(v)
rows = {r[0]: r for r in (l.split() for l in open(sys.argv[1]))}
print(f"web benchmark: SQLite, demo data, wrk -t2 -c{sys.argv[3]} -d{sys.argv[2]}s per URL, 127.0.0.1")
print(f"{'url':15} {'bytes':>7} {'ttfb ms':>8} {'req/s':>8} {'p99 ms':>8} {'non-2xx':>8}")
for r in rows.values():
    print(f"{r[0]:15} {int(r[1]):>7} {float(r[2]):>8.2f} {float(r[3]):>8.0f} {ms(r[4]):>8.2f} {r[5]:>8}")
cost = lambda *names: sum(1 / float(rows[n][3]) for n in names)
p99 = lambda *names: sum(ms(rows[n][4]) for n in names)
for page, apis in (("home-page", ["home-api"]), ("home-rendered", ["home-api"]), ("home-loopback", ["home-api"]), ("tour-page", ["tour-api", "departures-api", "reviews-api"]),
                   ("tour-loopback", ["tour-api", "departures-api", "reviews-api"])):
    print(f"{page}: cost x{cost(page) / cost(*apis):.2f} of its API calls ({' + '.join(apis)}), "
          f"p99 x{ms(rows[page][4]) / p99(*apis):.2f}, bytes x{int(rows[page][1]) / sum(int(rows[a][1]) for a in apis):.2f}")
PY
