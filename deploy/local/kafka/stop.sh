#!/usr/bin/env bash
# Stop the local broker started by start.sh (by its pid, nothing else).
set -euo pipefail
source "$(dirname "$0")/../env.sh"
pidfile="$CERS_STATE_DIR/kafka.pid"
[ -f "$pidfile" ] || exit 0
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
fi
rm -f "$pidfile"
echo "kafka stopped"
