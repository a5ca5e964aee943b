#!/usr/bin/env bash
# The whole check, as CI runs it: install, lint, type-check, then every test.
# Extra arguments go to pytest (e.g. ./test.sh -k plan).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
source scripts/bootstrap.sh dev
bash scripts/test-services.sh
# Where PostgreSQL is installed its tests must run, not skip.
if command -v pg_ctlcluster >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export HAMCOACH_REQUIRE_POSTGRES=1
fi
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
.venv/bin/mypy  # src, tests and bench (pyproject.toml)
.venv/bin/lint-imports  # the layers of DESIGN 2 (contracts in pyproject.toml)
# In parallel, one worker per core (pytest-xdist); each worker gets its own databases.
HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}" .venv/bin/python -m pytest -n auto "$@"
