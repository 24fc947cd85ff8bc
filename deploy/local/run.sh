#!/usr/bin/env bash
# Run every service of the Procfile in the foreground (honcho) until Ctrl-C; print the portal URL
# once the gateway answers. The infrastructure (make up) keeps running: `make down` stops it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
cd "$CERS_ROOT"
portal="http://127.0.0.1:8000/"
(
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "${portal}healthz" 2>/dev/null; then
      printf '\n  CERS is running. Portal: %s   (Ctrl-C stops the services; make down stops Kafka and PostgreSQL)\n\n' "$portal"
      exit 0
    fi
    sleep 1
  done
  echo "the gateway did not answer within 120 s; see the output above" >&2
) &
echo $$ > "$CERS_STATE_DIR/run.pid"
trap 'rm -f "$CERS_STATE_DIR/run.pid"' EXIT
.venv/bin/honcho start -f "$here/Procfile" -d "$CERS_ROOT"
