#!/usr/bin/env bash
# Builds (if needed) and runs every test of Pitwall through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
