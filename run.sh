#!/usr/bin/env bash
# Run hamcoach from a fresh checkout: installs into .venv on first use, then passes all arguments on.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/scripts/bootstrap.sh" ""  # explicit: no extras (else it would see our arguments)
exec "$here/.venv/bin/hamcoach" "$@"
