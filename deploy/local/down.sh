#!/usr/bin/env bash
# Stop what the local runtime started, by pid: the services' runner (its process group), Kafka,
# PostgreSQL.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
if [ -f "$CERS_STATE_DIR/run.pid" ]; then
  runner="$(cat "$CERS_STATE_DIR/run.pid")"
  # Only if that pid still leads the runner's own group (a stale file must not hit a stranger).
  if [ "$(ps -o pgid= -p "$runner" 2>/dev/null | tr -d ' ')" = "$runner" ]; then
    kill -TERM -- "-$runner" 2>/dev/null || true
    echo "services stopped"
  fi
  rm -f "$CERS_STATE_DIR/run.pid"
fi
"$here/kafka/stop.sh"
"$here/postgres/stop.sh"
