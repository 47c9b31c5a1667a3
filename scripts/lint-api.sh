#!/usr/bin/env bash
# Lints the HTTP API's contract, docs/api/openapi.json, with Redocly's CLI (npm @redocly/cli,
# pinned in tools/api/package.json and its package-lock.json; installed there on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "lint-api: node and npm are needed (Node.js 20.19 or later)" >&2
  exit 1
fi
if [[ ! -x tools/api/node_modules/.bin/redocly ]]; then
  npm ci --prefix tools/api --no-audit --no-fund --loglevel=error
fi
tools/api/node_modules/.bin/redocly lint --format=stylish docs/api/openapi.json
