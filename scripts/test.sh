#!/usr/bin/env bash
# Runs every test: once on embedded SQLite, once on a real PostgreSQL started here on loopback.
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh

PG_PORT=${KAMHUB_TEST_PG_PORT:-55432}
PG_DATA=$(mktemp -d /tmp/kamhub-pg-XXXXXX)
cleanup() { bash scripts/pg-test-server.sh stop "$PG_DATA"; }
trap cleanup EXIT
export KAMHUB_TEST_PG=$(bash scripts/pg-test-server.sh "$PG_PORT" "$PG_DATA") || { echo "could not start PostgreSQL"; echo "0 passed, 1 failed"; exit 1; }
export KAMHUB_TEST_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

dotnet build KamHub.slnx -c Release -warnaserror 2>&1 | tail -3 || { echo "0 passed, 1 failed"; exit 1; }

RESULTS=$(mktemp -d)
status=0
for provider in sqlite postgres; do
  echo "=== tests on $provider ==="
  KAMHUB_TEST_PROVIDER=$provider dotnet test KamHub.slnx -c Release --no-build \
    --logger "trx;LogFilePrefix=$provider" --results-directory "$RESULTS" -- xUnit.MaxParallelThreads=2 || status=1
done

python3 scripts/count-trx.py "$RESULTS"
exit $status
