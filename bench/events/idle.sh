#!/usr/bin/env bash
# What an idle instance costs PostgreSQL: a kamhub server (Release, demo data, PostgreSQL) that nobody calls, per
# dispatch-loop setting. Per setting: a fresh database, the server started and ready, SETTLE seconds untouched, then
# SECONDS_IDLE seconds measured: the PostgreSQL server's CPU (postmaster and every backend, from /proc, exited ones
# included through the postmaster's children times) and the event claims the dispatch loops ran
# (kamhub_events_claims_total from /metrics, every module). The floor is DispatchLoops=1: one polling loop per module
# database, which any polling dispatcher needs; the default (4 loops on PostgreSQL) should cost the same when idle.
# Usage: [LOOPS="default 1"] [SETTLE=20] bash bench/events/idle.sh [SECONDS_IDLE=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_IDLE=${1:-30}; SETTLE=${SETTLE:-20}; LOOPS=${LOOPS:-default 1}
PG_PORT=${KAMHUB_BENCH_PG_PORT:-55620}; PORT=${PORT:-5097}
bash scripts/ensure-tools.sh
PG_DATA=$(mktemp -d /tmp/kamhub-bench-pg-XXXXXX)
WORK=$(mktemp -d /tmp/kamhub-bench-idle-XXXXXX)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; bash scripts/pg-test-server.sh stop "$PG_DATA"; rm -rf "$WORK"; }
trap cleanup EXIT
PG=$(bash scripts/pg-test-server.sh "$PG_PORT" "$PG_DATA")
PSQL=("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt)
dotnet build src/KamHub -c Release -v q -nologo >/dev/null
DLL=src/KamHub/bin/Release/net10.0/kamhub.dll
POSTMASTER=$(head -1 "$PG_DATA/postmaster.pid")

# CPU seconds of the postmaster, its live children and its waited-for (exited) children.
pg_cpu() {
  python3 - "$POSTMASTER" <<'PY'
import os, sys
tick = os.sysconf('SC_CLK_TCK'); pm = sys.argv[1]
def fields(pid): return open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
f = fields(pm); total = sum(int(x) for x in f[11:15])
for pid in os.listdir('/proc'):
    if not pid.isdigit() or pid == pm: continue
    try:
        g = fields(pid)
        if g[1] == pm: total += int(g[11]) + int(g[12])
    except (FileNotFoundError, ProcessLookupError): pass
print(total / tick)
PY
}

claims() { curl -sf "http://127.0.0.1:$PORT/metrics" | awk '/^kamhub_events_claims_total\{/ { s += $NF } END { print s + 0 }'; }

printf '%-10s %10s %16s %14s\n' loops "claims/s" "pg cpu ms/s" "pg cpu %core"
for loops in $LOOPS; do
  db="idle_$loops"
  "${PSQL[@]}" -c "CREATE DATABASE $db"
  setting=(); [ "$loops" != default ] && setting=(--KamHub:Events:DispatchLoops="$loops")
  mkdir -p "$WORK/$loops"
  KamHub__DataDir="$WORK/$loops" KamHub__Admin__Password="bench-admin-password" KamHub__Seed__DemoPassword="bench-demo-password" \
    ConnectionStrings__Platform="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$db" \
    dotnet $DLL serve --urls "http://127.0.0.1:$PORT" --Logging:LogLevel:Default=Warning "${setting[@]}" >"$WORK/$loops.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.3; done
  sleep "$SETTLE"
  c0=$(claims); p0=$(pg_cpu)
  sleep "$SECONDS_IDLE"
  c1=$(claims); p1=$(pg_cpu)
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  python3 -c "
c=($c1-$c0)/$SECONDS_IDLE; p=($p1-$p0)*1000/$SECONDS_IDLE
print(f'{\"$loops\":<10} {c:>10.1f} {p:>16.1f} {p/10:>13.1f}%')"
done
