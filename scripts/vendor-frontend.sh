#!/usr/bin/env bash
# Refresh the front-end libraries served from static/vendor, from the npm registry, pinned by
# src/hamcoach/web/frontend/package-lock.json. The copies are committed: running the app needs
# no npm. Run after changing package.json.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
frontend="$here/src/hamcoach/web/frontend"
vendor="$here/src/hamcoach/web/static/vendor"
(cd "$frontend" && npm ci --no-audit --no-fund --silent)
mkdir -p "$vendor"
cp "$frontend/node_modules/htmx.org/dist/htmx.min.js" "$vendor/htmx.min.js"
echo "vendored: $(ls "$vendor")"
