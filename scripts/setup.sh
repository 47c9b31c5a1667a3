#!/usr/bin/env bash
# The README's first command: installs what is missing (Debian packages), builds Pitwall and
# runs the main job: the demo network in /tmp/pitwall-demo and its close-out (scripts/demo.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec bash scripts/demo.sh "$@"
