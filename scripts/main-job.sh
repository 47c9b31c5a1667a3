#!/usr/bin/env bash
# The README's first command after the install: build, then show Pitwall working on sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec scripts/demo.sh
