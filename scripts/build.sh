#!/usr/bin/env bash
# Configures and builds Pitwall into build/ (Release with debug info, warnings as errors). Extra
# arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
# Warnings are errors in every build, so that the README's two commands share one build.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPITWALL_WERROR=ON "$@" >/dev/null
cmake --build build -j "$jobs"
