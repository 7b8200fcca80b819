#!/usr/bin/env bash
# Search benchmark: 100,000 tours (PostgreSQL by default, or the embedded SQLite), wrk for a fixed time per run.
# Runs, one after the other on the same seeded catalogue:
#   popular   cache on,  the 15 popular searches of queries.lua only (the cache path)
#   longtail  cache on,  the same mix with LONG_TAIL_PERCENT (default 20) % never-seen long-tail queries
#   cold      cache off, cold.lua: every request a new query (random words in both languages, filters, sorts,
#             windows, map points; seeded by COLD_SEED, the first requests printed)
# and prints requests/s, p50, p99, errors and the ratios. SHAPES=1 first runs shapes.py (every sort x filter x
# text x map shape, EXPLAIN ANALYZE through auto_explain on PostgreSQL) and prints the slowest shapes.
# BEFORE_DLL=path/to/kamhub.dll runs every step with that build too, right after this one's, so a change is
# measured side by side in one run (same data, same machine load).
# Usage: [PROVIDER=postgres|sqlite] [RUNS="popular longtail cold"] [SHAPES=1] [BEFORE_DLL=...] [WARMUP_SECONDS=10]
#        bash bench/search/run.sh [DURATION_SECONDS=20] [TOURS=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}; TOURS=${2:-100000}
PROVIDER=${PROVIDER:-postgres}; PORT=${BENCH_PORT:-5090}; PG_PORT=${BENCH_PG_PORT:-55600}
RUNS=${RUNS:-popular longtail cold}
# Untimed load first: JIT tiering and PGO take several seconds of traffic, the figures describe a running server.
WARMUP=${WARMUP_SECONDS:-10}
bash scripts/ensure-tools.sh
PG_DATA=$(mktemp -d /tmp/kamhub-bench-pg-XXXXXX)
WORK=$(mktemp -d /tmp/kamhub-bench-XXXXXX)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; [ "$PROVIDER" = postgres ] && bash scripts/pg-test-server.sh stop "$PG_DATA"; rm -rf "$WORK"; }
trap cleanup EXIT

if [ "$PROVIDER" = postgres ]; then
  export ConnectionStrings__Platform="$(bash scripts/pg-test-server.sh $PG_PORT "$PG_DATA")"
fi
export KamHub__DataDir="$WORK" KamHub__Admin__Password="bench-admin-password" KamHub__Seed__DemoPassword="bench-demo-password"
# One loopback address at thousands of requests/s: the per-client request limits would answer 429.
export KamHub__RateLimits__Enabled=false
dotnet build src/KamHub -c Release -v q -nologo >/dev/null
DLL=src/KamHub/bin/Release/net10.0/kamhub.dll
echo "seeding $TOURS tours ($PROVIDER)..."
dotnet $DLL seed --tours "$TOURS" | tail -1
if [ "$PROVIDER" = postgres ]; then
  PSQL="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql -q -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres"
  $PSQL -c "VACUUM ANALYZE"
fi

start() { # $1 = dll, $2 = cache enabled
  dotnet "$1" serve --urls "http://127.0.0.1:$PORT" --KamHub:Cache:Enabled=$2 --Logging:LogLevel:Default=Warning >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.3; done
  # The first search waits for the search index to load (ADR 0026): not part of any timed run.
  curl -sf -m 600 "http://127.0.0.1:$PORT/api/tours?limit=1" >/dev/null || true
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

shapes() { # $1 = label, $2 = dll
  if [ "$PROVIDER" = postgres ]; then
    # Every statement logged with its EXPLAIN ANALYZE (no per-node timing: the total is what is compared).
    # LOAD first: PostgreSQL 15 refuses ALTER SYSTEM for auto_explain's settings in a session that has not loaded it.
    $PSQL -c "LOAD 'auto_explain'" -c "ALTER SYSTEM SET session_preload_libraries = 'auto_explain'" -c "ALTER SYSTEM SET auto_explain.log_min_duration = 0" \
      -c "ALTER SYSTEM SET auto_explain.log_analyze = on" -c "ALTER SYSTEM SET auto_explain.log_timing = off" -c "SELECT pg_reload_conf()" >/dev/null
    start "$2" false
    python3 bench/search/shapes.py --url "http://127.0.0.1:$PORT" --pg-log "$PG_DATA/server.log" --reps 2 --top 15 --label "$1 ($PROVIDER, $TOURS tours)" --plans
    stop
    $PSQL -c "ALTER SYSTEM RESET ALL" -c "SELECT pg_reload_conf()" >/dev/null
  else
    start "$2" false
    python3 bench/search/shapes.py --url "http://127.0.0.1:$PORT" --reps 2 --top 15 --label "$1 ($PROVIDER, $TOURS tours)"
    stop
  fi
}

run() { # $1 = label, $2 = dll, $3 = cache enabled, $4 = script, $5 = long-tail percent
  start "$2" "$3"
  LONG_TAIL_PERCENT=$5 wrk -t2 -c32 -d"${WARMUP}s" -s "$4" "http://127.0.0.1:$PORT" >/dev/null   # warm-up (JIT, pool, caches)
  LONG_TAIL_PERCENT=$5 wrk -t2 -c32 -d"${DURATION}s" --latency -s "$4" "http://127.0.0.1:$PORT" >"$WORK/wrk-$1.txt"
  local rss; rss=$(ps -o rss= -p "$SERVER_PID" | tr -d ' ')
  stop
  grep '^cold\[' "$WORK/wrk-$1.txt" | head -4 >&2 || true
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/wrk-$1.txt"); p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk-$1.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk-$1.txt"); errors=${errors:-0}
  echo "$1 $rps $p50 $p99 $errors $rss"
}

BUILDS=("after:$DLL"); [ -n "${BEFORE_DLL:-}" ] && BUILDS+=("before:$BEFORE_DLL")
if [ "${SHAPES:-0}" = 1 ]; then
  for b in "${BUILDS[@]}"; do shapes "${b%%:*}" "${b#*:}"; done
fi
ROWS=()
for r in $RUNS; do
  for b in "${BUILDS[@]}"; do
    label="${b%%:*}-$r"; dll="${b#*:}"
    case $r in
      popular) ROWS+=("$(run "$label" "$dll" true bench/search/queries.lua 0)") ;;
      longtail) ROWS+=("$(run "$label" "$dll" true bench/search/queries.lua "${LONG_TAIL_PERCENT:-20}")") ;;
      cold) ROWS+=("$(run "$label" "$dll" false bench/search/cold.lua 0)") ;;
    esac
  done
done
python3 - "$DURATION" "$TOURS" "$PROVIDER" "${ROWS[@]}" <<'PY'
import os, sys
def ms(v):
    v = v.strip()
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit): return float(v[:-len(unit)]) * f
    return float(v)
duration, tours, provider, rows = sys.argv[1], sys.argv[2], sys.argv[3], [l.split() for l in sys.argv[4:]]
print(f"search benchmark: {provider}, {tours} tours, wrk -t2 -c32 -d{duration}s; popular/longtail: cache on, queries.lua "
      f"({os.environ.get('LONG_TAIL_PERCENT', '20')} % long tail); cold: cache off, cold.lua (seed {os.environ.get('COLD_SEED', '22')})")
print(f"{'run':16} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'RSS MB':>8}")
by = {}
for r in rows:
    by[r[0]] = float(r[1])
    print(f"{r[0]:16} {float(r[1]):>10.0f} {ms(r[2]):>8.2f} {ms(r[3]):>8.2f} {r[4]:>8} {int(r[5]) / 1024:>8.0f}")
for build in ("after", "before"):
    if f"{build}-popular" in by and f"{build}-longtail" in by:
        print(f"{build}: long-tail mix / all-popular throughput = {by[f'{build}-longtail'] / by[f'{build}-popular']:.1%}")
for run in ("popular", "longtail", "cold"):
    if f"after-{run}" in by and f"before-{run}" in by:
        print(f"{run}: after / before throughput = x{by[f'after-{run}'] / by[f'before-{run}']:.2f}")
PY
