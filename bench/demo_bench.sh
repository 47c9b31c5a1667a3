#!/usr/bin/env bash
# Generation time and peak RSS of `pitwall demo --no-import` at 1M and 10M orders (issue 4,
# "Performance"). Usage: bench/demo_bench.sh [build/pitwall] [scratch dir]. Prints one line
# per scale: orders, wall seconds, peak RSS (MB), bytes written. Files are removed afterwards.
set -euo pipefail
bin=${1:-build/pitwall}
scratch=${2:-/tmp/pitwall-demo-bench}
for orders in 1000000 10000000; do
  rm -rf "$scratch"
  /usr/bin/time -f "%e %M" -o "$scratch.time" "$bin" demo "$scratch" --orders "$orders" --no-import >/dev/null
  read -r secs kb < "$scratch.time"
  bytes=$(du -sb "$scratch" | cut -f1)
  echo "orders=$orders wall_s=$secs peak_rss_mb=$((kb / 1024)) bytes=$bytes"
  rm -rf "$scratch" "$scratch.time"
done
