#!/usr/bin/env bash
# Installs what the tests and the run command need and the machine may lack: Azurite from npm
# (pinned in package-lock.json). Idempotent and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js and npm are required (Azurite runs on Node)." >&2
  exit 1
fi

if [[ ! -f node_modules/azurite/dist/src/azurite.js ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
