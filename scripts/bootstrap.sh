#!/usr/bin/env bash
# Creates .venv and installs the project from its own files, once per change of pyproject.toml.
# Usage: source scripts/bootstrap.sh [dev]
set -euo pipefail
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_extras="${1:-}"
_venv="$_root/.venv"
_stamp="$_venv/.installed-$(sha256sum "$_root/pyproject.toml" | cut -c1-16)${_extras:+-$_extras}"
if [ ! -x "$_venv/bin/python" ]; then
  python3 -m venv "$_venv"
fi
if [ ! -f "$_stamp" ]; then
  echo "hamcoach: installing into .venv (first run or pyproject.toml changed)..." >&2
  "$_venv/bin/python" -m pip install -q --upgrade pip >&2
  if [ -n "$_extras" ]; then
    "$_venv/bin/python" -m pip install -q -e "$_root[$_extras]" >&2
  else
    "$_venv/bin/python" -m pip install -q -e "$_root" >&2
  fi
  rm -f "$_venv"/.installed-*
  touch "$_stamp"
fi
