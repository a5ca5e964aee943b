#!/usr/bin/env bash
# Makes the real services the tests use available where this machine can provide them:
# PostgreSQL (started if installed but stopped) and Debian's Chromium (installed if missing).
# Nothing here fails the run: tests that still lack a service skip with a printed reason.
set -uo pipefail
if command -v pg_isready >/dev/null 2>&1; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      echo "test-services: starting PostgreSQL" >&2
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    fi
  fi
fi
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "test-services: installing Debian's chromium for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "test-services: could not install chromium; browser tests will skip" >&2
fi
exit 0
