#!/usr/bin/env bash
# The whole check, as CI runs it: install, lint, type-check, then every test.
# Extra arguments go to pytest (e.g. ./test.sh -k plan).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
source scripts/bootstrap.sh dev,video
bash scripts/test-services.sh
# Where PostgreSQL is installed its tests must run, not skip.
if command -v pg_ctlcluster >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export HAMCOACH_REQUIRE_POSTGRES=1
fi
# Keep byte-code caches (__pycache__, ignored by git) even where the environment turns them off:
# every pytest worker and every child the tests start (servers, CLI runs, the sandboxed file
# readers, hundreds of them) would otherwise compile the project's sources again.
unset PYTHONDONTWRITEBYTECODE
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
.venv/bin/lint-imports  # the layers of DESIGN 2 (contracts in pyproject.toml)
# mypy (src, tests and bench; pyproject.toml) runs beside the tests at low priority: it takes
# half a minute from a cold cache and mostly uses the CPU the tests leave idle while they wait
# on browsers and servers. Its report is printed, and its failure fails the run, at the end.
mypy_log="$(mktemp)"
trap 'rm -f "$mypy_log"' EXIT
nice -n 10 .venv/bin/mypy >"$mypy_log" 2>&1 &
mypy_pid=$!
# In parallel, one worker per core (pytest-xdist); each worker gets its own databases.
# worksteal: tests differ in length from milliseconds to a minute; an idle worker takes over
# the queue of a busy one instead of waiting at the end.
status=0
HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}" .venv/bin/python -m pytest -n auto --dist worksteal "$@" || status=$?
mypy_status=0
wait "$mypy_pid" || mypy_status=$?
cat "$mypy_log"
if [ "$mypy_status" -ne 0 ]; then
  echo "test.sh: mypy failed" >&2
  [ "$status" -ne 0 ] || status=$mypy_status
fi
exit "$status"
