# Shared settings of the local runtime (sourced by the scripts beside it).
# Every value can be overridden from the environment.
CERS_ROOT="${CERS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
CERS_STATE_DIR="${CERS_STATE_DIR:-$CERS_ROOT/.local}"
CERS_CACHE_DIR="${CERS_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache}/cers}"
CERS_LOG_DIR="${CERS_LOG_DIR:-$CERS_STATE_DIR/logs}"
CERS_KAFKA_VERSION="${CERS_KAFKA_VERSION:-3.9.1}"
CERS_KAFKA_PORT="${CERS_KAFKA_PORT:-19092}"
CERS_KAFKA_CONTROLLER_PORT="${CERS_KAFKA_CONTROLLER_PORT:-19093}"
CERS_KAFKA_HEAP="${CERS_KAFKA_HEAP:-512m}"
CERS_PG_PORT="${CERS_PG_PORT:-54329}"
CERS_PG_USER="${CERS_PG_USER:-cers}"   # unprivileged OS user that runs PostgreSQL when we are root
CERS_PG_PASSWORD="${CERS_PG_PASSWORD:-cers}"
CERS_SERVICES="${CERS_SERVICES:-identity accounts documents bulk notifications}"
# Exported: the services, tests and tools read these too (cers_chassis.settings, tests/fixtures).
export CERS_KAFKA_PORT CERS_PG_PORT CERS_PG_PASSWORD
mkdir -p "$CERS_STATE_DIR" "$CERS_LOG_DIR"
