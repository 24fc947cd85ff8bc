#!/usr/bin/env bash
# Stop the project's PostgreSQL cluster (fast shutdown), if it is running.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/common.sh"
[ -f "$pg_data/PG_VERSION" ] && pg_find_bin || exit 0
as_owner "$pgbin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true
echo "postgres stopped"
