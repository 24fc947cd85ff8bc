#!/usr/bin/env bash
# Start a PostgreSQL cluster under the project state folder, run by an unprivileged user,
# on a non-default port, then create one role and one database per service (idempotent).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "installing PostgreSQL (Debian package postgresql)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
data="$CERS_STATE_DIR/postgres/data"
sock="$CERS_STATE_DIR/postgres/run"
mkdir -p "$data" "$sock"
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: use (and create once) an unprivileged user.
  id "$CERS_PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$CERS_PG_USER"
  chown -R "$CERS_PG_USER" "$CERS_STATE_DIR/postgres"
  chmod 700 "$data"
  as_owner() { runuser -u "$CERS_PG_USER" -- "$@"; }
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
  touch "$CERS_LOG_DIR/postgres.log"; [ "$(id -u)" = 0 ] && chown "$CERS_PG_USER" "$CERS_LOG_DIR/postgres.log"
  as_owner "$pgbin/pg_ctl" -D "$data" -l "$CERS_LOG_DIR/postgres.log" -w -t 60 start >/dev/null
  echo "postgres ready on 127.0.0.1:$CERS_PG_PORT (log $CERS_LOG_DIR/postgres.log)"
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
