#!/usr/bin/env bash
# Notifications benchmark: queued → sent throughput of the real delivery queue and worker (claim, render, send, record),
# beside the raw send rate of the same channel client called directly in a loop without the queue, as a ratio.
# Channels: smtp (MailKit against the SMTP test server on 127.0.0.1, which parses and keeps each message), sendgrid and
# twilio (their HTTP clients against fake endpoints on 127.0.0.1). Queue runs on SQLite and PostgreSQL, each on a fresh
# database; the raw runs touch no database. Drives bench/notifications/BenchHost (one process per run).
# Usage: [PROVIDERS="sqlite postgres"] [CHANNELS="smtp sendgrid twilio"] bash bench/notifications/run.sh [MESSAGES=2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES=${1:-2000}; PG_PORT=${KAMHUB_BENCH_PG_PORT:-55630}
PROVIDERS=${PROVIDERS:-sqlite postgres}
CHANNELS=${CHANNELS:-smtp sendgrid twilio}
PG_DURABLE=${PG_DURABLE:-on}   # off: keep pg-test-server.sh's fsync=off
bash scripts/ensure-tools.sh
WORK=$(mktemp -d /tmp/kamhub-bench-notifications-XXXXXX)
PG_DATA=""
cleanup() { if [ -n "$PG_DATA" ]; then bash scripts/pg-test-server.sh stop "$PG_DATA"; fi; rm -rf "$WORK"; }
trap cleanup EXIT

if [[ " $PROVIDERS " == *" postgres "* ]]; then
  PG_DATA=$(mktemp -d /tmp/kamhub-bench-pg-XXXXXX)
  PG=$(bash scripts/pg-test-server.sh "$PG_PORT" "$PG_DATA")
  PSQL=("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt)
  if [ "$PG_DURABLE" = on ]; then
    "${PSQL[@]}" -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" -c "SELECT pg_reload_conf()" >/dev/null
  fi
fi
dotnet build bench/notifications/BenchHost -c Release -v q -nologo >/dev/null
DLL=bench/notifications/BenchHost/bin/Release/net10.0/KamHub.Notifications.BenchHost.dll

n=0
run() { # $1 = run number (a fresh database each), $2 = database (sqlite|postgres|none), then KEY=VALUE settings for the bench host
  local n=$1 db=$2; shift 2
  local dir="$WORK/run$n"; mkdir -p "$dir"
  local conn=()
  if [ "$db" = postgres ]; then
    "${PSQL[@]}" -c "CREATE DATABASE bench$n"
    conn=("ConnectionStrings__Platform=${PG/Database=postgres/Database=bench$n}")
  fi
  env "${conn[@]}" KamHub__DataDir="$dir" KamHub__Database__SlowQueryThresholdMs=100000 Bench__Messages="$MESSAGES" "$@" \
    dotnet "$DLL" >"$dir/out.log" 2>&1 || { cat "$dir/out.log" >&2; exit 1; }
  grep '^{' "$dir/out.log" | tail -1
}

RESULTS=()
for channel in $CHANNELS; do
  echo "== $channel: raw client, $MESSAGES messages" >&2
  n=$((n + 1)); RESULTS+=("$(run $n none Bench__Mode=raw Bench__Channel="$channel")")
  for provider in $PROVIDERS; do
    echo "== $channel: queue on $provider, $MESSAGES messages" >&2
    n=$((n + 1)); RESULTS+=("$(run $n "$provider" Bench__Mode=queue Bench__Channel="$channel")")
  done
done

echo "command: ${PROVIDERS:+PROVIDERS=\"$PROVIDERS\" }CHANNELS=\"$CHANNELS\" bash bench/notifications/run.sh $MESSAGES"
python3 - "$PG_DURABLE" "${RESULTS[@]}" <<'PY'
import json, sys
rows = [json.loads(a) for a in sys.argv[2:]]
print(f"PostgreSQL fsync+synchronous_commit: {sys.argv[1]}; one message at a time (the worker's way), sender and fake servers in one process")
print(f"{'channel':9} {'run':14} {'msgs':>6} {'sent':>6} {'recvd':>6} {'conns':>6} {'seconds':>8} {'msgs/s':>8} {'cpu ms/msg':>10} {'queue/raw':>9}")
raw = {}
for r in rows:
    if r["mode"] == "raw": raw[r["channel"]] = r
for r in rows:
    label = "raw client" if r["mode"] == "raw" else f"queue {r['database']}"
    ratio = "" if r["mode"] == "raw" else f"{r['perSecond'] / raw[r['channel']]['perSecond']:.2f}" if r["channel"] in raw else "-"
    conns = r["smtpConnections"] if r["channel"] == "smtp" else "-"
    print(f"{r['channel']:9} {label:14} {r['messages']:>6} {r['sent']:>6} {r['received']:>6} {conns:>6} {r['seconds']:>8.2f} {r['perSecond']:>8.0f} {r['cpuMsPerMessage']:>10.2f} {ratio:>9}")
PY
