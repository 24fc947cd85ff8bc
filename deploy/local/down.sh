#!/usr/bin/env bash
# Stop what the local runtime started, by pid: the service runner, Kafka, PostgreSQL.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
if [ -f "$CERS_STATE_DIR/run.pid" ]; then
  pid="$(cat "$CERS_STATE_DIR/run.pid")"
  kill -- -"$(ps -o pgid= "$pid" | tr -d ' ')" 2>/dev/null || kill "$pid" 2>/dev/null || true
  rm -f "$CERS_STATE_DIR/run.pid"
  echo "services stopped"
fi
"$here/kafka/stop.sh"
"$here/postgres/stop.sh"
