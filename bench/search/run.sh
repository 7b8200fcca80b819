#!/usr/bin/env bash
# Search benchmark: PostgreSQL with 100,000 tours, wrk for a fixed time with a mix of queries, cache on vs off.
# Usage: [LONG_TAIL_PERCENT=20] [WARMUP_SECONDS=10] bash bench/search/run.sh [DURATION_SECONDS=20] [TOURS=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}; TOURS=${2:-100000}; PORT=5090; PG_PORT=55600
# Untimed load first: JIT tiering and PGO take several seconds of traffic, the figures describe a running server.
WARMUP=${WARMUP_SECONDS:-10}
bash scripts/ensure-tools.sh
PG_DATA=$(mktemp -d /tmp/kamhub-bench-pg-XXXXXX)
WORK=$(mktemp -d /tmp/kamhub-bench-XXXXXX)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; bash scripts/pg-test-server.sh stop "$PG_DATA"; rm -rf "$WORK"; }
trap cleanup EXIT

export ConnectionStrings__Platform="$(bash scripts/pg-test-server.sh $PG_PORT "$PG_DATA")"
export KamHub__DataDir="$WORK" KamHub__Admin__Password="bench-admin-password" KamHub__Seed__DemoPassword="bench-demo-password"
# One loopback address at thousands of requests/s: the per-client request limits would answer 429.
export KamHub__RateLimits__Enabled=false
dotnet build src/KamHub -c Release -v q -nologo >/dev/null
DLL=src/KamHub/bin/Release/net10.0/kamhub.dll
echo "seeding $TOURS tours..."
dotnet $DLL seed --tours "$TOURS" | tail -1

run() { # $1 = label, $2 = cache enabled
  dotnet $DLL serve --urls "http://127.0.0.1:$PORT" --KamHub:Cache:Enabled=$2 --Logging:LogLevel:Default=Warning >"$WORK/server-$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.3; done
  wrk -t2 -c32 -d"${WARMUP}s" -s bench/search/queries.lua "http://127.0.0.1:$PORT" >/dev/null   # warm-up (JIT, pool, caches)
  wrk -t2 -c32 -d"${DURATION}s" --latency -s bench/search/queries.lua "http://127.0.0.1:$PORT" >"$WORK/wrk-$1.txt"
  local metrics; metrics=$(curl -s "http://127.0.0.1:$PORT/metrics")
  local hits misses; hits=$(echo "$metrics" | awk '/^kamhub_cache_hits_total\{.*region="search".*\}/ {print $2}')
  misses=$(echo "$metrics" | awk '/^kamhub_cache_misses_total\{.*region="search".*\}/ {print $2}')
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/wrk-$1.txt"); p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk-$1.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk-$1.txt"); errors=${errors:-0}
  echo "$1 $rps $p50 $p99 ${hits:-0} ${misses:-0} $errors"
}

CACHED=$(run cached true)
UNCACHED=$(run uncached false)
python3 - "$CACHED" "$UNCACHED" "$DURATION" "$TOURS" <<'PY'
import sys
def ms(v):
    v = v.strip()
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit): return float(v[:-len(unit)]) * f
    return float(v)
rows = [l.split() for l in sys.argv[1:3]]
print(f"search benchmark: PostgreSQL, {sys.argv[4]} tours, wrk -t2 -c32 -d{sys.argv[3]}s, popular queries + {__import__('os').environ.get('LONG_TAIL_PERCENT', '20')} % random long tail (bench/search/queries.lua)")
print(f"{'run':10} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'hit ratio':>9} {'non-2xx':>8}")
for r in rows:
    hits, misses = float(r[4]), float(r[5])
    ratio = hits / (hits + misses) if hits + misses else 0
    print(f"{r[0]:10} {float(r[1]):>10.0f} {ms(r[2]):>8.2f} {ms(r[3]):>8.2f} {ratio:>9.3f} {r[6]:>8}")
c, u = rows
print(f"cache on / cache off: throughput x{float(c[1]) / float(u[1]):.1f}, p99 x{ms(u[3]) / ms(c[3]):.1f} lower")
PY
