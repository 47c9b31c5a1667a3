#!/usr/bin/env bash
# The README's first command: installs what is missing (Debian packages), builds Pitwall and
# runs the main job — a workspace built from the sample files, then what it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec bash scripts/demo.sh "$@"
