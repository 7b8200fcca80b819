#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1:$1 with data in $2, owned by the postgres user (it refuses root).
# Prints the connection string. Stop it with: scripts/pg-test-server.sh stop DATADIR
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
RUN=(); [ "$(id -u)" -eq 0 ] && RUN=(runuser -u postgres --)
if [ "${1:-}" = "pause" ]; then   # stop, keep the data: tests of an outage
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$2" -m fast -w stop >/dev/null
  exit 0
fi
if [ "${1:-}" = "resume" ]; then
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$2" -l "$2/server.log" -w start >/dev/null
  exit 0
fi
if [ "${1:-}" = "stop" ]; then
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$2" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$2"
  exit 0
fi
PORT=$1; DATA=$2
rm -rf "$DATA"; mkdir -p "$DATA"; chmod 700 "$DATA"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA"
"${RUN[@]}" "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Settings live in the config file so a paused server resumes on the same port.
cat >> "$DATA/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DATA'
max_connections = 400
fsync = off
synchronous_commit = off
shared_buffers = 256MB
CONF
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w start >/dev/null
echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
