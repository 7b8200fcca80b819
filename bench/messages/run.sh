#!/usr/bin/env bash
# Messages benchmark on PostgreSQL (ADR 0019): ROWS messages spread over 12 monthly partitions against the same rows in
# one unpartitioned table, both with the (booking_id, id) index the API reads by. Measures with pgbench, CLIENTS
# connections, SECONDS each: one-row inserts (into the month after the filled ones) and the newest page (50) of a
# random conversation's messages. Prints the buffers a newest page touches (buffers.sql: flat means the same figure at
# 1 M and 10 M rows, whatever else the machine is doing), tps and mean latency of each and the partitioned / plain ratios.
# Usage: [CLIENTS=8] [SECONDS=15] [SHARED_BUFFERS=6GB] [RECENT_WINDOWS=17] bash bench/messages/run.sh [ROWS=2000000] [CONVERSATIONS=ROWS/40]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-2000000}; CONVERSATIONS=${2:-$((ROWS / 40))}
CLIENTS=${CLIENTS:-8}; SECONDS_EACH=${SECONDS:-15}
# Reads pick conversations from the last RECENT_WINDOWS of the 17 three-week windows (fill.sql); 17 (default): the whole
# year, uniformly. 1: the newest conversations only, the ones people read, whose pages stay hot in memory.
RECENT_WINDOWS=${RECENT_WINDOWS:-17}
PG_PORT=${KAMHUB_BENCH_PG_PORT:-55630}
PG_DATA=$(mktemp -d /tmp/kamhub-bench-pg-XXXXXX)
cleanup() { bash scripts/pg-test-server.sh stop "$PG_DATA"; }
trap cleanup EXIT
bash scripts/pg-test-server.sh "$PG_PORT" "$PG_DATA" >/dev/null
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1)
if [ -n "${SHARED_BUFFERS:-}" ]; then  # e.g. 6GB: a database sized to hold the whole table, so latency shows the work
  "${PSQL[@]}" -c "ALTER SYSTEM SET shared_buffers = '$SHARED_BUFFERS'"  # of a page, not the memory it spills to
  bash scripts/pg-test-server.sh pause "$PG_DATA"; bash scripts/pg-test-server.sh resume "$PG_DATA"
fi
"${PSQL[@]}" -f bench/messages/schema.sql >/dev/null
start=$(date +%s.%N)
"${PSQL[@]}" -v rows="$ROWS" -v conversations="$CONVERSATIONS" -f bench/messages/fill.sql >/dev/null
echo "filled $ROWS messages of $CONVERSATIONS conversations into both tables in $(echo "$(date +%s.%N) - $start" | bc | cut -c1-6) s"
"${PSQL[@]}" -c "SELECT 'partitions: ' || count(*) FROM pg_inherits WHERE inhparent = 'messages_partitioned'::regclass"
"${PSQL[@]}" -c "SELECT 'shared_buffers: ' || current_setting('shared_buffers') || ', tables with indexes: ' ||
  pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c WHERE c.relname ~ '^messages_(y|plain)' AND c.relkind = 'r'"

"${PSQL[@]}" -v conversations="$CONVERSATIONS" -v samples=500 -f bench/messages/buffers.sql

bench() { # script → "tps transaction_ms statement_ms" (statement: the messages statement's own mean, pgbench -r; the
           # read scripts also run a one-row SELECT that turns the window into literals)
  "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -r -c "$CLIENTS" -j 2 -T "$SECONDS_EACH" -D conversations="$CONVERSATIONS" \
    -D first_window=$((17 - RECENT_WINDOWS)) -f "bench/messages/$1.sql" postgres 2>/dev/null |
    awk '/^latency average/ {l=$4} /^tps/ {t=$3} /^ +[0-9.]+ +[0-9]+ +(SELECT id|INSERT)/ {s=$1} END {printf "%.0f %.3f %.3f", t, l, s}'
}
printf '%-22s %10s %12s %14s\n' run tps "mean ms" "statement ms"
declare -A R
for run in read_partitioned read_plain insert_partitioned insert_plain; do
  R[$run]=$(bench "$run")
  printf '%-22s %10s %12s %14s\n' "$run" ${R[$run]}
done
ratio() { echo "scale=2; $(echo "${R[$1]}" | cut -d' ' -f"$3") / $(echo "${R[$2]}" | cut -d' ' -f"$3")" | bc; }
echo "partitioned / plain throughput: newest page x$(ratio read_partitioned read_plain 1), insert x$(ratio insert_partitioned insert_plain 1)"
echo "partitioned / plain statement time: newest page x$(ratio read_partitioned read_plain 3), insert x$(ratio insert_partitioned insert_plain 3)"
echo "command: RECENT_WINDOWS=$RECENT_WINDOWS CLIENTS=$CLIENTS SECONDS=$SECONDS_EACH bash bench/messages/run.sh $ROWS $CONVERSATIONS"
