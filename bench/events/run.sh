#!/usr/bin/env bash
# Event bus benchmark: durable publish + deliver throughput and publish-to-handle latency at a fixed rate, on SQLite
# and PostgreSQL, beside the raw insert rate of the same rows without the bus (the ceiling).
# Drives tests/KamHub.EventBus.TestHost in bench mode: each run is a fresh database, one process publishing
# proof.* events (a business row + aggregate counter per transaction) to three subscribers (exact, proof.*, *).
# The floor run writes, without the bus, the raw run's rows plus each event's outbox row and each effect's inbox row:
# what any bus that keeps history and an inbox must write at the least, with no delivery bookkeeping.
# Usage: [EVENTS_PER_TX=1] [PROVIDERS="sqlite postgres"] [PG_STATS=on] bash bench/events/run.sh [EVENTS=20000] [LATENCY_SECONDS=10]
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

n=0
run() { # $1 = run number (a fresh database each), $2 = provider, then KEY=VALUE settings for the TestHost
  local n=$1 provider=$2; shift 2
  local dir="$WORK/run$n"; mkdir -p "$dir"
  local conn=()
  if [ "$provider" = postgres ]; then
    "${PSQL[@]}" -c "CREATE DATABASE bench$n"
    [ "$PG_STATS" = on ] && "${PSQL[@]}" -d "bench$n" -c "CREATE EXTENSION pg_stat_statements"
    conn=("ConnectionStrings__Platform=${PG/Database=postgres/Database=bench$n}")
  fi
  env "${conn[@]}" KamHub__DataDir="$dir" KamHub__Database__SlowQueryThresholdMs=100000 \
    Proof__Aggregates=${AGGREGATES:-1000} Proof__Publishers="$PUBLISHERS" Proof__EventsPerTransaction="$EVENTS_PER_TX" Bench__WarmupEvents="$WARMUP" Bench__PostmasterPid="$POSTMASTER" "$@" \
    dotnet "$DLL" bench >"$dir/out.log" 2>&1 || { cat "$dir/out.log" >&2; exit 1; }
  grep '^{' "$dir/out.log" | tail -1
}

RESULTS=()
for provider in $PROVIDERS; do
  echo "== $provider: raw inserts, $EVENTS events" >&2
  n=$((n + 1)); RESULTS+=("$(run $n $provider Bench__Mode=raw Proof__Events="$EVENTS")")
  echo "== $provider: floor (raw + outbox and inbox rows, nothing delivered), $EVENTS events" >&2
  n=$((n + 1)); RESULTS+=("$(run $n $provider Bench__Mode=floor Proof__Events="$EVENTS")")
  echo "== $provider: bus throughput, $EVENTS events" >&2
  n=$((n + 1)); RESULTS+=("$(run $n $provider Bench__Mode=bus Proof__Events="$EVENTS")")
  echo "== $provider: bus latency, 1000 events/s for ${LATENCY_SECONDS}s" >&2
  n=$((n + 1)); RESULTS+=("$(run $n $provider Bench__Mode=bus Proof__Rate=1000 Proof__Events=$((LATENCY_SECONDS * 1000)) Proof__Publishers="${LATENCY_PUBLISHERS:-8}")")
done

python3 - "$PG_DURABLE" "$EVENTS_PER_TX" "${RESULTS[@]}" <<'PY'
import json, sys
rows = [json.loads(a) for a in sys.argv[3:]]
print(f"PostgreSQL fsync+synchronous_commit: {sys.argv[1]}")
print(f"event bus benchmark: aggregates as set (default 1000), {sys.argv[2]} event(s) + business row(s) per transaction, 3 subscribers (exact, proof.*, *)")
print(f"{'provider':9} {'run':16} {'events':>7} {'deliv.':>7} {'publish/s':>10} {'events/s e2e':>13} {'deliv./s':>9} {'p50 ms':>9} {'p99 ms':>9} {'CPU ms/ev':>10} {'srv CPU':>8} {'stmts/ev':>9}")
opt = lambda v, f: f"{'-':>{f}}" if v is None else f"{v:>{f}.2f}"
for i in range(0, len(rows), 4):
    raw, floor, bus, lat = rows[i:i + 4]
    for label, r in (("raw (no bus)", raw), ("floor (+rows)", floor), ("bus throughput", bus), ("bus @1000/s", lat)):
        pub = r["events"] / r["publishSeconds"] if r["publishSeconds"] else 0
        lat_cols = f"{r['p50Ms']:>9.1f} {r['p99Ms']:>9.1f}" if r["mode"] == "bus" else f"{'-':>9} {'-':>9}"
        print(f"{r['provider']:9} {label:16} {r['events']:>7} {r['deliveries']:>7} {pub:>10.0f} {r['eventsPerSecond']:>13.0f} {r['deliveriesPerSecond']:>9.0f} {lat_cols} {r['cpuMsPerEvent']:>10.3f} {opt(r.get('serverCpuMsPerEvent'), 8)} {opt(r.get('statementsPerEvent'), 9)}"
              + ("" if r["finished"] else "  (NOT FINISHED)"))
    print(f"{raw['provider']:9} bus / raw ceiling: {bus['eventsPerSecond'] / raw['eventsPerSecond']:.2f}; floor / raw: {floor['eventsPerSecond'] / raw['eventsPerSecond']:.2f}; bus / floor: {bus['eventsPerSecond'] / floor['eventsPerSecond']:.2f}")
PY
