#!/usr/bin/env bash
# Event bus benchmark: durable publish + deliver throughput and publish-to-handle latency at a fixed rate, on SQLite
# and PostgreSQL, beside the raw insert rate of the same rows without the bus (the ceiling).
# Drives tests/KamHub.EventBus.TestHost in bench mode: each run is a fresh database, one process publishing
# proof.* events (a business row + aggregate counter per transaction) to three subscribers (exact, proof.*, *).
# The floor run writes, without the bus, the raw run's rows plus each event's outbox row and each effect's inbox row:
# what any bus that keeps history and an inbox must write at the least, with no delivery bookkeeping.
# The wolverine runs (PostgreSQL only) do the same work on Wolverine 6 (bench/events/wolverine): its EF Core outbox,
# durable local queues, one queue per subscriber, partitioned by aggregate (WOLVERINE_ORDERED=false: unordered).
# Usage: [EVENTS_PER_TX=1] [PROVIDERS="sqlite postgres"] [RUNS="raw floor bus latency wolverine wolverine-latency"] [PG_STATS=on [PG_TOP=N]] bash bench/events/run.sh [EVENTS=20000] [LATENCY_SECONDS=10]
# Columns: rates and publish-to-handle latency; CPU ms of this process per event; the PostgreSQL server's CPU ms per
# event (postmaster and backends, from /proc); statements per event (PG_STATS=on, from pg_stat_statements).
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-20000}; LATENCY_SECONDS=${2:-10}; PG_PORT=${KAMHUB_BENCH_PG_PORT:-55610}
PUBLISHERS=${PUBLISHERS:-4}           # publishing loops of the throughput runs; LATENCY_PUBLISHERS (8) for the paced run
EVENTS_PER_TX=${EVENTS_PER_TX:-1}   # events published per business transaction (each on its own aggregate)
PROVIDERS=${PROVIDERS:-sqlite postgres}
WARMUP=${WARMUP:-2000}        # events published and delivered untimed before each run (JIT tier-up, pools)
PG_DURABLE=${PG_DURABLE:-on}   # off: keep pg-test-server.sh's fsync=off, to separate disk flushes from the rest
PG_STATS=${PG_STATS:-off}      # on: load pg_stat_statements and report statements per event (a little server overhead)
RUNS=${RUNS:-raw floor bus latency}  # which runs, in this order, per provider
PG_TOP=${PG_TOP:-0}            # N > 0 (with PG_STATS=on): print each PostgreSQL run's N statements of most execution time
bash scripts/ensure-tools.sh
PG_DATA=$(mktemp -d /tmp/kamhub-bench-pg-XXXXXX)
WORK=$(mktemp -d /tmp/kamhub-bench-events-XXXXXX)
cleanup() { bash scripts/pg-test-server.sh stop "$PG_DATA"; rm -rf "$WORK"; }
trap cleanup EXIT

PG=$(bash scripts/pg-test-server.sh "$PG_PORT" "$PG_DATA")
PSQL=("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt)
# pg-test-server.sh switches fsync and synchronous_commit off for tests; a durable bus is measured with them on.
if [ "$PG_DURABLE" = on ]; then
  "${PSQL[@]}" -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" -c "SELECT pg_reload_conf()" >/dev/null
fi
if [ "$PG_STATS" = on ]; then
  "${PSQL[@]}" -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" >/dev/null
  bash scripts/pg-test-server.sh pause "$PG_DATA"; bash scripts/pg-test-server.sh resume "$PG_DATA"
fi
# The server's CPU per event is read from /proc for the postmaster and its backends.
POSTMASTER=$(head -1 "$PG_DATA/postmaster.pid")
dotnet build tests/KamHub.EventBus.TestHost -c Release -v q -nologo >/dev/null
DLL=tests/KamHub.EventBus.TestHost/bin/Release/net10.0/KamHub.EventBus.TestHost.dll
WOLVERINE_DLL=bench/events/wolverine/bin/Release/net10.0/KamHub.Bench.Wolverine.dll
case " $RUNS " in *" wolverine"*) dotnet build bench/events/wolverine -c Release -v q -nologo >/dev/null ;; esac

n=0
run() { # $1 = run number (a fresh database each), $2 = provider, then KEY=VALUE settings for the TestHost
  local n=$1 provider=$2; shift 2
  local dll=$DLL
  if [ "$provider" = wolverine ]; then provider=postgres; dll=$WOLVERINE_DLL; fi
  local dir="$WORK/run$n"; mkdir -p "$dir"
  local conn=()
  if [ "$provider" = postgres ]; then
    "${PSQL[@]}" -c "CREATE DATABASE bench$n"
    [ "$PG_STATS" = on ] && "${PSQL[@]}" -d "bench$n" -c "CREATE EXTENSION pg_stat_statements"
    conn=("ConnectionStrings__Platform=${PG/Database=postgres/Database=bench$n}")
  fi
  env "${conn[@]}" KamHub__DataDir="$dir" KamHub__Database__SlowQueryThresholdMs=100000 \
    Proof__Aggregates=${AGGREGATES:-1000} Proof__Publishers="$PUBLISHERS" Proof__EventsPerTransaction="$EVENTS_PER_TX" Bench__WarmupEvents="$WARMUP" Bench__PostmasterPid="$POSTMASTER" "$@" \
    Bench__Ordered="${WOLVERINE_ORDERED:-true}" dotnet "$dll" bench >"$dir/out.log" 2>&1 || { cat "$dir/out.log" >&2; exit 1; }
  grep '^{' "$dir/out.log" | tail -1
  if [ "$provider" = postgres ] && [ "$PG_STATS" = on ] && [ "$PG_TOP" -gt 0 ]; then
    { echo "== top statements of run $n ($*)"
      "${PSQL[@]}" -d "bench$n" -F ' | ' -c "SELECT calls, round(total_exec_time::numeric, 0) AS ms, round((total_exec_time / calls)::numeric, 3) AS ms_per_call, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT $PG_TOP"
    } >&2
  fi
  # A finished run's database goes, so autovacuum of its dead rows does not run (and count) during the next run.
  [ "$provider" = postgres ] && "${PSQL[@]}" -c "DROP DATABASE bench$n"
  return 0
}

RESULTS=()
for provider in $PROVIDERS; do
  for kind in $RUNS; do
    n=$((n + 1))
    case $kind in
      raw) echo "== $provider: raw inserts, $EVENTS events" >&2
        RESULTS+=("raw|$(run $n $provider Bench__Mode=raw Proof__Events="$EVENTS")") ;;
      floor) echo "== $provider: floor (raw + outbox and inbox rows, nothing delivered), $EVENTS events" >&2
        RESULTS+=("floor|$(run $n $provider Bench__Mode=floor Proof__Events="$EVENTS")") ;;
      bus) echo "== $provider: bus throughput, $EVENTS events" >&2
        RESULTS+=("bus|$(run $n $provider Bench__Mode=bus Proof__Events="$EVENTS")") ;;
      latency) echo "== $provider: bus latency, 1000 events/s for ${LATENCY_SECONDS}s" >&2
        RESULTS+=("latency|$(run $n $provider Bench__Mode=bus Proof__Rate=1000 Proof__Events=$((LATENCY_SECONDS * 1000)) Proof__Publishers="${LATENCY_PUBLISHERS:-8}")") ;;
      wolverine) [ "$provider" = postgres ] || continue
        echo "== wolverine: throughput, $EVENTS events" >&2
        RESULTS+=("wolverine|$(run $n wolverine Proof__Events="$EVENTS")") ;;
      wolverine-latency) [ "$provider" = postgres ] || continue
        echo "== wolverine: latency, 1000 events/s for ${LATENCY_SECONDS}s" >&2
        RESULTS+=("wolverine-latency|$(run $n wolverine Proof__Rate=1000 Proof__Events=$((LATENCY_SECONDS * 1000)) Proof__Publishers="${LATENCY_PUBLISHERS:-8}")") ;;
      *) echo "unknown run '$kind' in RUNS (raw floor bus latency wolverine wolverine-latency)" >&2; exit 2 ;;
    esac
  done
done

python3 - "$PG_DURABLE" "$EVENTS_PER_TX" "${RESULTS[@]}" <<'PY'
import json, sys
labels = {"raw": "raw (no bus)", "floor": "floor (+rows)", "bus": "bus throughput", "latency": "bus @1000/s",
          "wolverine": "wolverine thrpt", "wolverine-latency": "wolverine @1000/s"}
rows = [(a.split("|", 1)[0], json.loads(a.split("|", 1)[1])) for a in sys.argv[3:]]
print(f"PostgreSQL fsync+synchronous_commit: {sys.argv[1]}")
print(f"event bus benchmark: aggregates as set (default 1000), {sys.argv[2]} event(s) + business row(s) per transaction, 3 subscribers (exact, proof.*, *)")
print(f"{'provider':9} {'run':16} {'events':>7} {'deliv.':>7} {'publish/s':>10} {'events/s e2e':>13} {'deliv./s':>9} {'p50 ms':>9} {'p99 ms':>9} {'CPU ms/ev':>10} {'srv CPU':>8} {'stmts/ev':>9}")
opt = lambda v, f: f"{'-':>{f}}" if v is None else f"{v:>{f}.2f}"
by_provider = {}
for kind, r in rows:
    by_provider.setdefault(r["provider"], {})[kind] = r
    pub = r["events"] / r["publishSeconds"] if r["publishSeconds"] else 0
    lat_cols = f"{r['p50Ms']:>9.1f} {r['p99Ms']:>9.1f}" if r["mode"] not in ("raw", "floor") else f"{'-':>9} {'-':>9}"
    print(f"{r['provider']:9} {labels[kind]:16} {r['events']:>7} {r['deliveries']:>7} {pub:>10.0f} {r['eventsPerSecond']:>13.0f} {r['deliveriesPerSecond']:>9.0f} {lat_cols} {r['cpuMsPerEvent']:>10.3f} {opt(r.get('serverCpuMsPerEvent'), 8)} {opt(r.get('statementsPerEvent'), 9)}"
          + ("" if r["finished"] else "  (NOT FINISHED)") + (f"  ({r['outOfOrder']} out of order)" if r.get("outOfOrder") else ""))
for provider, k in by_provider.items():
    rate = lambda a, b: f"{k[a]['eventsPerSecond'] / k[b]['eventsPerSecond']:.2f}" if a in k and b in k else "-"
    print(f"{provider:9} bus / raw ceiling: {rate('bus', 'raw')}; floor / raw: {rate('floor', 'raw')}; bus / floor: {rate('bus', 'floor')}"
          + (f"; bus / wolverine: {rate('bus', 'wolverine')}" if 'wolverine' in k else ""))
PY
