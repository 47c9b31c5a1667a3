#!/usr/bin/env bash
# Generation time and peak RSS of `pitwall demo --no-import` at 1M and 10M orders (issue 4,
# "Performance"), measured with /usr/bin/time -v, several runs per scale, medians.
# Usage: bench/demo_bench.sh [build/pitwall] [scratch dir] [runs, default 3] [orders...]
# Prints one line per run and a median line per scale: wall seconds, CPU seconds (user + sys),
# peak RSS (MB), bytes written, and the 1-minute load average when the run started (the
# machine is shared: a loaded machine stretches the wall time, not the CPU time). The files
# are removed after each run.
set -euo pipefail
bin=${1:-build/pitwall}
scratch=${2:-/tmp/pitwall-demo-bench}
runs=${3:-3}
shift $(($# < 3 ? $# : 3))
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(1000000 10000000)

median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
field() { awk -F': ' -v key="$1" '$1 ~ key {print $2}' "$scratch.time"; }
seconds() { awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}'; }

for orders in "${scales[@]}"; do
  walls=() cpus=() rss=()
  for run in $(seq "$runs"); do
    rm -rf "$scratch"
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -v -o "$scratch.time" "$bin" demo "$scratch" --orders "$orders" --no-import \
      >/dev/null
    wall=$(field "Elapsed" | seconds)
    user=$(field "User time")
    sys=$(field "System time")
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
    mb=$(($(field "Maximum resident") / 1024))
    bytes=$(du -sb "$scratch" | cut -f1)
    echo "orders=$orders run=$run wall_s=$wall cpu_s=$cpu (user $user sys $sys)" \
      "peak_rss_mb=$mb bytes=$bytes load=$load"
    walls+=("$wall") cpus+=("$cpu") rss+=("$mb")
    rm -rf "$scratch" "$scratch.time"
  done
  echo "orders=$orders median_wall_s=$(printf '%s\n' "${walls[@]}" | median)" \
    "median_cpu_s=$(printf '%s\n' "${cpus[@]}" | median)" \
    "median_peak_rss_mb=$(printf '%s\n' "${rss[@]}" | median)"
done
