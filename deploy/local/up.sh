#!/usr/bin/env bash
# Infrastructure of the local runtime: PostgreSQL and Kafka started, topics provisioned, every
# service database migrated. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
cd "$CERS_ROOT"
"$here/postgres/start.sh"
"$here/kafka/start.sh"
.venv/bin/provision-topics | sed 's/^/  topic /'
for svc in $CERS_SERVICES; do
  .venv/bin/cers-migrate "$svc"
  echo "  database $svc migrated"
done
