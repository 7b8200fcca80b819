#!/usr/bin/env bash
# The data toolkit's bench (docs/benchmarks.md, "Data toolkit"): ROWS event-history rows (Discovery's outbox_events)
# in a migrated SQLite file, moved into PostgreSQL by `kamhub data copy` and by pgloader in the same run, then verified.
# Also the floors: a bare read of the SQLite table, a bare binary COPY of the same rows into the same table, a bare
# binary read of the PostgreSQL table. Only ratios within one run mean anything on a shared machine.
#   bash bench/data/run.sh [ROWS]
#   KAMHUB_BENCH_PG_PORT=55640 (a throwaway server is started there) or KAMHUB_BENCH_PG=host:port of a running one (trust auth, user postgres)
set -euo pipefail
ROWS=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/kamhub-bench-data-XXXXXX)
chmod 755 "$WORK"
K="$ROOT/src/KamHub/bin/Release/net10.0/kamhub"
[ -n "${NO_BUILD:-}" ] || dotnet build "$ROOT/src/KamHub" -c Release -v q -nologo -nodeReuse:false >/dev/null
command -v pgloader >/dev/null || apt-get install -y pgloader >/dev/null

if [ -n "${KAMHUB_BENCH_PG:-}" ]; then
  PGH=${KAMHUB_BENCH_PG%:*}; PGP=${KAMHUB_BENCH_PG#*:}
else
  PGH=127.0.0.1; PGP=${KAMHUB_BENCH_PG_PORT:-55640}
  bash "$ROOT/scripts/pg-test-server.sh" "$PGP" "$WORK/pg" >/dev/null
fi
cleanup() {
  for db in bench_kamhub bench_pgloader bench_floor; do psql -q -h "$PGH" -p "$PGP" -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres >/dev/null 2>&1 || true; done
  [ -z "${KAMHUB_BENCH_PG:-}" ] && bash "$ROOT/scripts/pg-test-server.sh" stop "$WORK/pg"
  rm -rf "$WORK"
}
trap cleanup EXIT
pg() { psql -v ON_ERROR_STOP=1 -q -X -h "$PGH" -p "$PGP" -U postgres "$@"; }
conn() { echo "Host=$PGH;Port=$PGP;Username=postgres;Database=$1"; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }
rate() { echo "$ROWS / $1" | bc -l | xargs printf '%.0f'; }

# The source: a migrated SQLite file with ROWS outbox events (~440 bytes a row: guids, an instant with microseconds, JSON).
mkdir -p "$WORK/src"
"$K" migrate up --module Discovery --data-dir "$WORK/src" >/dev/null
SRC="$WORK/src/kamhub.db"
uuid="upper(hex(randomblob(4))||'-'||hex(randomblob(2))||'-4'||substr(hex(randomblob(2)),2)||'-a'||substr(hex(randomblob(2)),2)||'-'||hex(randomblob(6)))"
sqlite3 "$SRC" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO discovery_outbox_events (id, type, version, aggregate_id, occurred_at, correlation_id, causation_id, payload)
SELECT $uuid, 'tour.event.' || (i % 7), 1, 'tour-' || (i % 5000),
       strftime('%Y-%m-%d %H:%M:%S', 1767225600 + i * 7, 'unixepoch') || printf('.%06d', (i * 7919) % 1000000),
       $uuid, CASE WHEN i % 3 = 0 THEN NULL ELSE $uuid END,
       printf('{"n":%d,"tour":"tour-%d","seats":%d,"note":"%s"}', i, i % 5000, i % 12, lower(hex(randomblob(130))))
FROM n;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
echo "source: $ROWS rows, $(du -m "$SRC" | cut -f1) MB"

# Floor: SQLite reading every column of the table, nothing else (no client formatting).
t0=$(now)
sqlite3 "$SRC" "SELECT sum(length(id) + length(type) + version + length(aggregate_id) + length(occurred_at) + length(correlation_id) + ifnull(length(causation_id), 0) + length(payload)) FROM discovery_outbox_events" >/dev/null
t1=$(now); SQLITE_READ=$(secs "$t0" "$t1")

# kamhub data copy: the whole command (migrate the empty target, copy, sequences, ANALYZE).
pg -c "CREATE DATABASE bench_kamhub" postgres
t0=$(now)
"$K" data copy --module Discovery --from "Data Source=$SRC" --to "$(conn bench_kamhub)" > "$WORK/copy.log"
t1=$(now); KAMHUB=$(secs "$t0" "$t1")

# pgloader into the same table made by the same migrations (moved to public, named as in SQLite: where pgloader looks).
pg -c "CREATE DATABASE bench_pgloader" postgres
ConnectionStrings__Platform="$(conn bench_pgloader)" "$K" migrate up --module Discovery >/dev/null
pg -d bench_pgloader -c "ALTER TABLE discovery.outbox_events SET SCHEMA public; ALTER TABLE public.outbox_events RENAME TO discovery_outbox_events"
cat > "$WORK/load.pgl" <<PGL
LOAD DATABASE FROM sqlite://$SRC INTO postgresql://postgres@$PGH:$PGP/bench_pgloader
WITH data only, truncate, workers = 2, concurrency = 1
INCLUDING ONLY TABLE NAMES LIKE 'discovery_outbox_events';
PGL
t0=$(now)
pgloader --dynamic-space-size 4096 --quiet "$WORK/load.pgl" > "$WORK/pgloader.log" 2>&1 || { cat "$WORK/pgloader.log"; exit 1; }
t1=$(now); PGLOADER=$(secs "$t0" "$t1")
LOADED=$(pg -d bench_pgloader -tAc "SELECT count(*) FROM public.discovery_outbox_events")
[ "$LOADED" = "$ROWS" ] || { echo "pgloader loaded $LOADED of $ROWS rows"; cat "$WORK/pgloader.log"; exit 1; }

# Floor: the same rows as binary COPY from the client into the same table (indexes in place), nothing of ours in the way.
pg -d bench_kamhub -c "\\copy discovery.outbox_events TO '$WORK/rows.bin' WITH (FORMAT binary)"
pg -c "CREATE DATABASE bench_floor" postgres
ConnectionStrings__Platform="$(conn bench_floor)" "$K" migrate up --module Discovery >/dev/null
t0=$(now)
pg -d bench_floor -c "\\copy discovery.outbox_events FROM '$WORK/rows.bin' WITH (FORMAT binary)"
t1=$(now); FLOOR_COPY=$(secs "$t0" "$t1")
# Floor: reading the PostgreSQL table as binary COPY to the client.
t0=$(now)
pg -d bench_kamhub -c "\\copy discovery.outbox_events TO '/dev/null' WITH (FORMAT binary)"
t1=$(now); PG_READ=$(secs "$t0" "$t1")

# kamhub data verify: per-side seconds of the big table, as it reports them.
"$K" data verify --module Discovery --from "Data Source=$SRC" --to "$(conn bench_kamhub)" --json > "$WORK/verify.json"
VERIFY=$(python3 -c "
import json,sys
d=json.load(open('$WORK/verify.json'))
t=[t for t in d['tables'] if t['table']=='outbox_events'][0]
assert d['equal'], 'verify found differences'
print('%.2f %.2f' % (t['sourceSeconds']*1e6/$ROWS, t['targetSeconds']*1e6/$ROWS))")

echo
echo "rows: $ROWS   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %8s %10s\n' "" seconds rows/s
printf '%-44s %8s %10s\n' "kamhub data copy" "$KAMHUB" "$(rate "$KAMHUB")"
printf '%-44s %8s %10s\n' "pgloader (data only)" "$PGLOADER" "$(rate "$PGLOADER")"
printf '%-44s %8s %10s\n' "floor: binary COPY FROM STDIN (psql)" "$FLOOR_COPY" "$(rate "$FLOOR_COPY")"
printf '%-44s %8s %10s\n' "floor: SQLite read of every column" "$SQLITE_READ" "$(rate "$SQLITE_READ")"
printf '%-44s %8s %10s\n' "floor: PostgreSQL binary COPY TO (psql)" "$PG_READ" "$(rate "$PG_READ")"
echo "ratio kamhub / pgloader: $(echo "$PGLOADER / $KAMHUB" | bc -l | xargs printf '%.2f')x"
echo "ratio kamhub / floor COPY: $(echo "$FLOOR_COPY / $KAMHUB" | bc -l | xargs printf '%.2f')"
set -- $VERIFY
echo "verify seconds per million rows: SQLite side $1, PostgreSQL side $2"
