#!/usr/bin/env bash
# Configures and builds Pitwall into build/ (Release with debug info, warnings as errors). Extra
# arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
# Warnings are errors in every build, so that the README's two commands share one build.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPITWALL_WERROR=ON "$@" >/dev/null
cmake --build build -j "$jobs"
# The web desk (web/, served by pitwall serve at /): npm ci only when node_modules is missing or
# older than the lockfile, the build only when a source changed since the last one.
if [[ "${PITWALL_WEB:-1}" == "1" ]]; then
  (
    cd web
    if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
    fi
    if [[ ! -f dist/index.html ]] ||
      [[ -n "$(find src public index.html package-lock.json vite.config.ts tsconfig.json -newer dist/index.html -print -quit)" ]]; then
      npm run build
    fi
  )
fi
