#!/usr/bin/env bash
# Start a PostgreSQL cluster under the project state folder (see common.sh), run by an
# unprivileged user on a non-default port; create one role and one database per service.
# Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/common.sh"
pg_find_bin || { pg_install; pg_find_bin; }
data="$pg_data"
sock="$pg_socket_dir"
mkdir -p "$data" "$sock"
if [ "$(id -u)" = 0 ]; then
  chown -R "$CERS_PG_USER" "$pg_dir"
  chmod 700 "$data"
fi
if [ ! -f "$data/PG_VERSION" ]; then
  pwfile="$(mktemp)"; echo "$CERS_PG_PASSWORD" > "$pwfile"; chmod 644 "$pwfile"
  as_owner "$pgbin/initdb" -D "$data" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $CERS_PG_PORT
unix_socket_directories = '$sock'
max_connections = 200
shared_buffers = 128MB
fsync = on
logging_collector = off
CONF
fi
if as_owner "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  echo "postgres already running on 127.0.0.1:$CERS_PG_PORT"
else
  as_owner "$pgbin/pg_ctl" -D "$data" -l "$pg_dir/postgres.log" -w -t 60 start >/dev/null
  echo "postgres ready on 127.0.0.1:$CERS_PG_PORT (log $pg_dir/postgres.log)"
fi
export PGPASSWORD="$CERS_PG_PASSWORD"
psql_admin() { psql -h 127.0.0.1 -p "$CERS_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
for svc in $CERS_SERVICES; do
  if [ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$svc'")" ]; then
    psql_admin -c "CREATE ROLE \"$svc\" LOGIN PASSWORD '$svc'"
  fi
  if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$svc'")" ]; then
    psql_admin -c "CREATE DATABASE \"$svc\" OWNER \"$svc\""
  fi
done
