#!/usr/bin/env bash
# Run every service of the Procfile (honcho) until Ctrl-C; once the gateway answers, load the demo
# data (deploy/local/demo_data.py) and print the portal URL. The infrastructure (make up) keeps
# running: `make down` stops it too.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
cd "$CERS_ROOT"
portal="http://127.0.0.1:8000/"
# honcho leads a process group of its own, so that `make down` (and Ctrl-C here) stop exactly the
# services, never the shell or CI job that started them.
setsid .venv/bin/honcho start -f "$here/Procfile" -d "$CERS_ROOT" &
runner=$!
echo "$runner" > "$CERS_STATE_DIR/run.pid"
stop_services() { kill -TERM -- "-$runner" 2>/dev/null || true; }
trap stop_services INT TERM
trap 'rm -f "$CERS_STATE_DIR/run.pid"' EXIT
if .venv/bin/python - "$portal" <<'PY'
import sys, time, urllib.request
for _ in range(120):
    try:
        urllib.request.urlopen(sys.argv[1] + "healthz", timeout=1)
        sys.exit(0)
    except OSError:
        time.sleep(1)
sys.exit(1)
PY
then
  if ! .venv/bin/python -m deploy.local.demo_data; then
    echo "demo data could not be loaded; the services run without it (see above)" >&2
  # Two migrated CAED declarations of the demo exporter (documents' import command; idempotent).
  elif ! .venv/bin/python -m cers_documents.entrypoints.import_caed "$here/demo_caed.jsonl"; then
    echo "the demo's CAED declarations could not be imported (see above)" >&2
  fi
  printf '\n  CERS is running. Portal: %s\n  Demo sign-ins: see README.md (Demo data).\n  Ctrl-C stops the services; make down also stops Kafka and PostgreSQL.\n\n' "$portal"
else
  echo "the gateway did not answer within 120 s; see the output above" >&2
fi
wait "$runner" || true
