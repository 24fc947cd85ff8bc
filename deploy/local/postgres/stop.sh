#!/usr/bin/env bash
# Stop the project's PostgreSQL cluster (fast shutdown), if it is running.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
data="$CERS_STATE_DIR/postgres/data"
[ -f "$data/PG_VERSION" ] || exit 0
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
if [ "$(id -u)" = 0 ]; then
  runuser -u "$CERS_PG_USER" -- "$pgbin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
else
  "$pgbin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
fi
echo "postgres stopped"
