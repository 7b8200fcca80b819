#!/usr/bin/env bash
# Messages benchmark on PostgreSQL (ADR 0019): ROWS messages spread over 12 monthly partitions against the same rows in
# one unpartitioned table, both with the (booking_id, id) index the API reads by. Measures with pgbench, CLIENTS
# connections, SECONDS each: one-row inserts (into the month after the filled ones) and the newest page (50) of a
# random conversation's messages. Prints tps and mean latency of each and the partitioned / plain ratios.
# Usage: [CLIENTS=8] [SECONDS=15] bash bench/messages/run.sh [ROWS=2000000] [CONVERSATIONS=ROWS/40]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-2000000}; CONVERSATIONS=${2:-$((ROWS / 40))}
CLIENTS=${CLIENTS:-8}; SECONDS_EACH=${SECONDS:-15}
PG_PORT=${KAMHUB_BENCH_PG_PORT:-55630}
PG_DATA=$(mktemp -d /tmp/kamhub-bench-pg-XXXXXX)
cleanup() { bash scripts/pg-test-server.sh stop "$PG_DATA"; }
trap cleanup EXIT
bash scripts/pg-test-server.sh "$PG_PORT" "$PG_DATA" >/dev/null
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1)
"${PSQL[@]}" -f bench/messages/schema.sql >/dev/null
start=$(date +%s.%N)
"${PSQL[@]}" -v rows="$ROWS" -v conversations="$CONVERSATIONS" -f bench/messages/fill.sql >/dev/null
echo "filled $ROWS messages of $CONVERSATIONS conversations into both tables in $(echo "$(date +%s.%N) - $start" | bc | cut -c1-6) s"
"${PSQL[@]}" -c "SELECT 'partitions: ' || count(*) FROM pg_inherits WHERE inhparent = 'messages_partitioned'::regclass"

bench() { # script → "tps latency_ms"
  "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$CLIENTS" -j 2 -T "$SECONDS_EACH" -D conversations="$CONVERSATIONS" \
    -f "bench/messages/$1.sql" postgres 2>/dev/null | awk '/^latency average/ {l=$4} /^tps/ {t=$3} END {printf "%.0f %.3f", t, l}'
}
printf '%-22s %10s %12s\n' run tps "mean ms"
declare -A R
for run in read_partitioned read_plain insert_partitioned insert_plain; do
  R[$run]=$(bench "$run")
  printf '%-22s %10s %12s\n' "$run" ${R[$run]}
done
ratio() { echo "scale=2; $(echo "${R[$1]}" | cut -d' ' -f1) / $(echo "${R[$2]}" | cut -d' ' -f1)" | bc; }
echo "partitioned / plain throughput: newest page x$(ratio read_partitioned read_plain), insert x$(ratio insert_partitioned insert_plain)"
echo "command: CLIENTS=$CLIENTS SECONDS=$SECONDS_EACH bash bench/messages/run.sh $ROWS $CONVERSATIONS"
