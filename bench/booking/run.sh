#!/usr/bin/env bash
# Booking holds benchmark on PostgreSQL: POST /api/bookings under contention (wrk, CLIENTS connections, every request
# a new Idempotency-Key, one seat on one of a few departures, so every hold updates one of a few hot rows), then a
# sold-out phase (a departure of SOLDOUT_CAPACITY seats: exactly that many 201, every other answer 409), then pgbench
# running the same SQL the server sends for one hold (bench/booking/hold.sql) at the same concurrency against the same
# database: the ceiling. Prints bookings/s and p50/p99 of each, and kamhub / pgbench (aim: at least 0.50).
# Usage: [CLIENTS=32] [DEPARTURES=4] [SOLDOUT_SECONDS=5] [WARMUP_SECONDS=20] [PG_DURABLE=on] [TRACE=file.nettrace] bash bench/booking/run.sh [DURATION_SECONDS=20] [SOLDOUT_CAPACITY=500]
# PERF=file.data: records the server's CPU with perf during the hold phase (`perf report -i FILE --no-children`).
# TRACE_IDLE=file.nettrace: the same for the 5 s the idle server's own CPU is measured (what a server does when nobody calls).
# TRACE: also records a CPU sampling trace of the server during the hold phase (dotnet-trace; `dotnet-trace report FILE topN`).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}; SOLDOUT_CAPACITY=${2:-500}
CLIENTS=${CLIENTS:-32}; DEPARTURES=${DEPARTURES:-4}; SOLDOUT_SECONDS=${SOLDOUT_SECONDS:-5}; WARMUP_SECONDS=${WARMUP_SECONDS:-20}
PG_DURABLE=${PG_DURABLE:-on}   # off: keep pg-test-server.sh's fsync=off, to separate disk flushes from the rest
PORT=${KAMHUB_BENCH_PORT:-5092}; PG_PORT=${KAMHUB_BENCH_PG_PORT:-55620}
COMMAND="$(printf '%q ' CLIENTS="$CLIENTS" DEPARTURES="$DEPARTURES" SOLDOUT_SECONDS="$SOLDOUT_SECONDS" WARMUP_SECONDS="$WARMUP_SECONDS" PG_DURABLE="$PG_DURABLE" bash bench/booking/run.sh "$DURATION" "$SOLDOUT_CAPACITY")"
bash scripts/ensure-tools.sh
PG_DATA=$(mktemp -d /tmp/kamhub-bench-pg-XXXXXX)
WORK=$(mktemp -d /tmp/kamhub-bench-booking-XXXXXX)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; bash scripts/pg-test-server.sh stop "$PG_DATA"; rm -rf "$WORK"; }
trap cleanup EXIT

export ConnectionStrings__Platform="$(bash scripts/pg-test-server.sh "$PG_PORT" "$PG_DATA")"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt)
if [ "$PG_DURABLE" = on ]; then
  "${PSQL[@]}" -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" -c "SELECT pg_reload_conf()" >/dev/null
fi
export KamHub__DataDir="$WORK" KamHub__Admin__Password="bench-admin-password" KamHub__Seed__DemoPassword="bench-demo-password"
# One loopback address at thousands of requests/s: the per-client request limits would answer 429.
export KamHub__RateLimits__Enabled=false
export KamHub__Jwt__AccessTokenMinutes=600 KamHub__Database__SlowQueryThresholdMs=100000
dotnet build src/KamHub -c Release -v q -nologo >/dev/null
DLL=src/KamHub/bin/Release/net10.0/kamhub.dll
BASE="http://127.0.0.1:$PORT"

# W^X double-maps JIT code (memfd:doublemapper), which hides it from the perf map: off while profiling.
[ -n "${PERF:-}" ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
dotnet $DLL serve --urls "$BASE" --Logging:LogLevel:Default=Warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 200); do curl -sf "$BASE/health/ready" >/dev/null && break; sleep 0.3; done
curl -sf "$BASE/health/ready" >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }

json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
post() { # $1 = token, $2 = path, $3 = JSON body, then extra curl arguments; fails on anything but 2xx
  local token=$1 path=$2 body=$3; shift 3
  curl -sf -X POST "$BASE$path" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" "$@"
}
login() { curl -sf -X POST "$BASE/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$1@demo.kamhub.local\",\"password\":\"bench-demo-password\"}" | json '["accessToken"]'; }
OPERATOR_TOKEN=$(login operator); TOURIST_TOKEN=$(login tourist)
TOUR=$(post "$OPERATOR_TOKEN" /api/tours '{"title":{"ru":"Бенчмарк мест","en":"Seat benchmark"},"description":{"ru":"Тур для бенчмарка.","en":"A tour for the benchmark."},"region":"kamchatka","durationMinutes":240,"basePrice":500000,"currency":"RUB","maxGroupSize":10,"difficulty":"easy","tags":["bench"]}' | json '["id"]')
post "$OPERATOR_TOKEN" "/api/tours/$TOUR/publish" '' >/dev/null
departure() { post "$OPERATOR_TOKEN" "/api/tours/$TOUR/departures" "{\"startsAt\":\"2027-07-$1T08:00\",\"timeZone\":\"Asia/Kamchatka\",\"capacity\":$2}" | json '["id"]'; }
HOT=(); for i in $(seq 1 "$DEPARTURES"); do HOT+=("$(departure "$(printf '%02d' "$i")" 1000)"); done
SOLDOUT=$(departure 28 "$SOLDOUT_CAPACITY")
# The API caps capacity at 1000; the hold phase must never sell out, so the few hot rows stay the contention point.
"${PSQL[@]}" -c "UPDATE booking.departures SET capacity = 100000000 WHERE id IN ($(printf "'%s'," "${HOT[@]}" | sed 's/,$//'))"

# One hold with every statement logged: the check that hold.sql still is what the server sends.
"${PSQL[@]}" -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.5; LOG_START=$(wc -l <"$PG_DATA/server.log")
post "$TOURIST_TOKEN" /api/bookings "{\"departureId\":\"${HOT[0]}\",\"adults\":1,\"children\":0,\"participants\":[{\"name\":\"Bench guest\"}],\"contact\":{\"email\":\"bench@example.com\"}}" \
  -H "Idempotency-Key: sql-capture" >/dev/null
sleep 0.5; "${PSQL[@]}" -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
tail -n +"$((LOG_START + 1))" "$PG_DATA/server.log" >"$WORK/hold-statements.log"
SQL_CHECK=$(python3 bench/booking/sql_shape.py "$WORK/hold-statements.log" bench/booking/hold.sql)
read -r CUSTOMER OPERATOR < <("${PSQL[@]}" -F ' ' -c "SELECT customer_id, operator_id FROM booking.bookings WHERE idempotency_key = 'sql-capture'")

wrk_run() { # $1 = label, $2 = seconds, $3 = departures (comma-separated); prints: label req/s p50 p99 created conflict other
  BENCH_TOKEN="$TOURIST_TOKEN" BENCH_RUN="$1" BENCH_DEPARTURES="$3" \
    wrk -t2 -c"$CLIENTS" -d"$2s" --timeout 30s --latency -s bench/booking/holds.lua "$BASE" >"$WORK/wrk-$1.txt"
  local rps p50 p99 counts
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/wrk-$1.txt"); p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk-$1.txt")
  counts=$(sed -n 's/^BOOKING-COUNTS created=\([0-9]*\) conflict=\([0-9]*\) other=\([0-9]*\)$/\1 \2 \3/p' "$WORK/wrk-$1.txt")
  echo "$1 $rps $p50 $p99 $counts"
}
HOT_LIST=$(IFS=,; echo "${HOT[*]}")
echo "== kamhub: warm-up ${WARMUP_SECONDS} s, then holds for ${DURATION} s, $CLIENTS clients on $DEPARTURES departures" >&2
wrk_run warmup "$WARMUP_SECONDS" "$HOT_LIST" >/dev/null
# The JIT keeps recompiling hot methods (tier 0, instrumented, tier 1) for a while after the first requests: measured
# after a short warm-up, much of the server's CPU is the JIT's, which a server that runs for hours does not pay.
# Server CPU (user + system, clock ticks) from the start of the hold phase until the dispatcher has delivered the holds'
# events, then the idle server's own CPU (pollers, metrics) over 5 s, subtracted pro rata: CPU per hold hardly depends on
# how busy the machine is, unlike holds/s. At a low hold rate the idle share is a large part of the gross figure.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
# PostgreSQL's CPU (postmaster, its live children, and the children it has reaped): the database's share of a hold,
# for the server's holds and for pgbench's alike.
POSTMASTER=$(head -1 "$PG_DATA/postmaster.pid")
pg_ticks() {
  local total pid
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$POSTMASTER/stat")
  for pid in $(cat "/proc/$POSTMASTER/task/$POSTMASTER/children"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
drain() { for _ in $(seq 1 240); do [ "$("${PSQL[@]}" -c "SELECT count(*) FROM booking.event_deliveries WHERE status = 'pending'")" = 0 ] && return; sleep 0.25; done; }
drain; sleep 1
CPU_START=$(cpu_ticks); PG_START=$(pg_ticks); T_START=$(date +%s.%N)
TRACE_PID=""
if [ -n "${TRACE:-}" ]; then
  "$HOME/.dotnet/tools/dotnet-trace" collect -p "$SERVER_PID" --profile dotnet-sampled-thread-time --duration "00:00:$(printf '%02d' "$((DURATION > 59 ? 59 : DURATION))")" -o "$TRACE" >"$WORK/trace.log" 2>&1 &
  TRACE_PID=$!
elif [ -n "${PERF:-}" ]; then
  perf record -F 999 -g -p "$SERVER_PID" -o "$PERF" -- sleep "$DURATION" >"$WORK/perf.log" 2>&1 &
  TRACE_PID=$!
fi
HOLDS=$(wrk_run holds "$DURATION" "$HOT_LIST")
[ -n "$TRACE_PID" ] && wait "$TRACE_PID"
drain; CPU_HOLDS=$(( $(cpu_ticks) - CPU_START )); PG_HOLDS=$(( $(pg_ticks) - PG_START )); T_HOLDS=$(python3 -c "import time; print(time.time() - $T_START)")
sleep 1; CPU_START=$(cpu_ticks)
if [ -n "${TRACE_IDLE:-}" ]; then
  "$HOME/.dotnet/tools/dotnet-trace" collect -p "$SERVER_PID" --profile dotnet-sampled-thread-time --duration 00:00:05 -o "$TRACE_IDLE" >"$WORK/trace-idle.log" 2>&1
else
  sleep 5
fi
CPU_IDLE=$(( $(cpu_ticks) - CPU_START )); CLOCK_TICKS=$(getconf CLK_TCK)
echo "== kamhub: sold-out phase, ${SOLDOUT_SECONDS} s on a departure of $SOLDOUT_CAPACITY seats" >&2
SOLD=$(wrk_run soldout "$SOLDOUT_SECONDS" "$SOLDOUT")
SOLD_TAKEN=$("${PSQL[@]}" -c "SELECT seats_taken FROM booking.departures WHERE id = '$SOLDOUT'")
SOLD_BOOKINGS=$("${PSQL[@]}" -c "SELECT count(*) FROM booking.bookings WHERE departure_id = '$SOLDOUT'")
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

# pgbench: one copy of hold.sql per hot departure, picked at random per transaction like wrk picks a departure.
SCRIPTS=()
for i in "${!HOT[@]}"; do
  sed -e "s/@DEPARTURE@/${HOT[$i]}/g" -e "s/@TOUR@/$TOUR/g" -e "s/@OPERATOR@/$OPERATOR/g" -e "s/@CUSTOMER@/$CUSTOMER/g" \
    bench/booking/hold.sql >"$WORK/hold-$i.sql"
  SCRIPTS+=(-f "$WORK/hold-$i.sql")
done
PGBENCH=("$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M extended -c "$CLIENTS" -j 2 -D n=0 "${SCRIPTS[@]}")
echo "== pgbench: warm-up ${WARMUP_SECONDS} s, then the same SQL for ${DURATION} s, $CLIENTS clients" >&2
RUN_ID=$(date +%s)
"${PGBENCH[@]}" -D run="$RUN_ID" -T "$WARMUP_SECONDS" postgres >"$WORK/pgbench-warmup.txt" 2>&1 || { cat "$WORK/pgbench-warmup.txt" >&2; exit 1; }
PG_START=$(pg_ticks)
(cd "$WORK" && "${PGBENCH[@]}" -D run="$((RUN_ID + 1))" -T "$DURATION" --log --log-prefix=pgb postgres >"$WORK/pgbench.txt" 2>&1) \
  || { cat "$WORK/pgbench.txt" >&2; exit 1; }
PG_PGBENCH=$(( $(pg_ticks) - PG_START ))

python3 - "$HOLDS" "$SOLD" "$WORK" "$SOLDOUT_CAPACITY" "$SOLD_TAKEN" "$SOLD_BOOKINGS" "$PG_DURABLE" "$DURATION" "$CLIENTS" "$DEPARTURES" "$SQL_CHECK" "$COMMAND" \
  "$CPU_HOLDS" "$CPU_IDLE" "$CLOCK_TICKS" "$T_HOLDS" "$PG_HOLDS" "$PG_PGBENCH" <<'PY'
import glob, re, sys
holds, sold, work, capacity, taken, booked, durable, duration, clients, departures, sql_check, command, cpu_ticks, idle_ticks, clock_ticks, t_holds, pg_holds, pg_pgbench = sys.argv[1:19]
def ms(v):
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit): return float(v[:-len(unit)]) * f
    return float(v)
def wrk(line):
    label, rps, p50, p99, created, conflict, other = line.split()
    return dict(label=label, rate=float(rps), p50=ms(p50), p99=ms(p99), created=int(created), conflict=int(conflict), other=int(other))
h, s = wrk(holds), wrk(sold)
text = open(f"{work}/pgbench.txt").read()
tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", text).group(1))
failed = re.search(r"number of failed transactions: (\d+)", text)
latencies = sorted(int(l.split()[2]) for f in glob.glob(f"{work}/pgb.*") for l in open(f))
pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))] / 1000.0
print(f"booking holds benchmark: PostgreSQL (fsync+synchronous_commit {durable}), {clients} clients, {duration} s, "
      f"1 seat per booking on {departures} hot departures; sold-out phase on {capacity} seats")
print(f"command: {command.strip()}")
print(sql_check)
print(f"{'run':28} {'per s':>9} {'p50 ms':>8} {'p99 ms':>8} {'201':>7} {'409':>7} {'other':>6}")
print(f"{'kamhub POST /api/bookings':28} {h['rate']:>9.0f} {h['p50']:>8.2f} {h['p99']:>8.2f} {h['created']:>7} {h['conflict']:>7} {h['other']:>6}")
print(f"{'pgbench hold.sql (ceiling)':28} {tps:>9.0f} {pct(0.50):>8.2f} {pct(0.99):>8.2f} {len(latencies):>7} {'-':>7} {failed.group(1) if failed else 0:>6}")
print(f"{'kamhub sold-out departure':28} {s['rate']:>9.0f} {s['p50']:>8.2f} {s['p99']:>8.2f} {s['created']:>7} {s['conflict']:>7} {s['other']:>6}")
print(f"kamhub / pgbench: {h['rate'] / tps:.2f} (aim: at least 0.50)")
statements = re.search(r"the (\d+) statements", sql_check)
idle_per_s = int(idle_ticks) * 1000 / int(clock_ticks) / 5
cpu_ms, idle_ms = int(cpu_ticks) * 1000 / int(clock_ticks), idle_per_s * float(t_holds)
print(f"kamhub server CPU per hold: {(cpu_ms - idle_ms) / max(1, h['created']):.1f} ms (request + the in-process dispatcher delivering its events, "
      f"net of the idle server's {idle_per_s:.0f} ms/s; gross {cpu_ms / max(1, h['created']):.1f} ms); statements per hold sent by the request: "
      f"{statements.group(1) if statements else 'see the SQL check'}")
tick_ms = 1000 / int(clock_ticks)
print(f"PostgreSQL CPU per hold: {int(pg_holds) * tick_ms / max(1, h['created']):.2f} ms under kamhub (its holds, dispatcher, publisher and pollers), "
      f"{int(pg_pgbench) * tick_ms / max(1, len(latencies)):.2f} ms under pgbench")
ok = s["created"] == int(capacity) == int(taken) == int(booked) and s["other"] == 0 and h["other"] == 0 and h["conflict"] == 0
print(f"checks: holds all 201 ({h['created']}), sold out with exactly {s['created']} × 201 for {capacity} seats "
      f"(seats taken {taken}, bookings {booked}), {s['conflict']} × 409, {s['other'] + h['other']} other answers: {'OK' if ok else 'FAILED'}")
sys.exit(0 if ok else 1)
PY