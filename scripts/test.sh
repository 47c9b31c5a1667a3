#!/usr/bin/env bash
# Builds (if needed) and runs every test of Pitwall through CTest, then lints the API contract
# and runs the fuzz smoke.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
cd ..
# The web desk: component tests (vitest), then the end-to-end suite (Playwright driving Debian's
# chromium against a real pitwall serve on a fresh demo; web/e2e/, screenshots in
# build/web-e2e/screenshots/).
if [[ "${PITWALL_WEB:-1}" == "1" ]]; then
  (cd web && npx vitest run && npx playwright test)
fi
# The HTTP API's contract, docs/api/openapi.json, linted (Redocly, pinned in tools/api).
scripts/lint-api.sh
# A few seconds of each fuzz target on its seeds, in its own clang build (tests/fuzz/README.md).
if [[ "${PITWALL_FUZZ_SMOKE:-1}" == "1" ]]; then
  scripts/fuzz.sh smoke
fi
