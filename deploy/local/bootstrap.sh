#!/usr/bin/env bash
# Install what the project needs on a fresh machine: uv (from PyPI, into a project tools venv) and
# the locked Python dependencies of the workspace. Safe to run again; fast when nothing changed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CERS_ROOT"
"$CERS_ROOT/deploy/local/debian_packages.sh" fonts-dejavu-core  # the documents service's PDFs
tools="$CERS_STATE_DIR/tools"
if [ ! -x "$tools/bin/uv" ]; then
  command -v python3.11 >/dev/null || {
    echo "installing Python 3.11 (Debian)" >&2
    apt-get update -qq && apt-get install -y -qq python3.11 python3.11-venv >/dev/null
  }
  if ! python3.11 -m venv "$tools" 2>/dev/null; then
    apt-get update -qq && apt-get install -y -qq python3.11-venv >/dev/null
    rm -rf "$tools" && python3.11 -m venv "$tools"
  fi
  "$tools/bin/pip" install -q --disable-pip-version-check "uv==0.13.9"
fi
UV_PYTHON_DOWNLOADS=never "$tools/bin/uv" sync --frozen --python python3.11 --quiet
