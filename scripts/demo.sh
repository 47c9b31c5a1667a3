#!/usr/bin/env bash
# The main job: generates the default demo network and campaign into a fresh workspace (the files
# a network really has, imported), prints what it holds, then runs the close-out and prints the
# departments' numbers (vector C1: 8,521 it / 8,347 ops / 8,103 finance).
#   scripts/demo.sh [DIR]      (default /tmp/pitwall-demo; an existing DIR is replaced)
set -euo pipefail
cd "$(dirname "$0")/.."
ws=${1:-/tmp/pitwall-demo}
rm -rf "$ws"
bin=build/pitwall
"$bin" demo "$ws"
"$bin" -w "$ws" closeout run --campaign 2023-spring-renewal --as hq
