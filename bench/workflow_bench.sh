#!/usr/bin/env bash
# The workflow's clicks at 10M orders (issue "one application layer", Performance): prepares a
# workspace with ROWS generated orders (build/bench/gen_orders_csv ROWS 42, stores S001..S218 in
# six regions, as bench/closeout_e2e.sh), the people who click (store-s001, region-east, arbiter,
# finance) and a current stored run, then times
#   - in-process (build/bench/workflow_bench, as the server calls the use cases): a store's
#     confirmation, a confirmation with a dispute, reading a store's settlement row, a region's
#     summary, an arbitration decision;
#   - the same as whole `pitwall` commands (process start, workspace open included).
# The workspace's database is restored after the run, so the script can run again.
#   bench/workflow_bench.sh [ROWS]        (default: 10000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${RUNS:-5}
data=${BENCH_DIR:-/tmp/pitwall-closeout-bench}
ws="$data/wf-ws-$rows"
campaign=2023-spring-renewal
export PITWALL_NOW=2023-04-01T10:00:00+08:00
unset PITWALL_AS
mkdir -p "$data"
orders="$data/orders-$rows.csv"
stores="$data/stores-218.csv"
[ -f "$orders" ] || build/bench/gen_orders_csv "$rows" 42 >"$orders"
source bench/lib.sh
stores_file "$stores"
pw() { build/pitwall -w "$ws" "$@"; }
if [ ! -f "$ws/ready" ]; then
  rm -rf "$ws"
  pw init >/dev/null 2>&1 || build/pitwall init "$ws" >/dev/null
  pw user add hq --role hq >/dev/null
  for u in "store-s001 --role store --scope S001" "region-east --role region --scope 华东战区" \
           "arbiter --role arbiter" "finance --role finance"; do
    # shellcheck disable=SC2086
    pw user add $u --as hq >/dev/null
  done
  pw campaign add examples/campaign.toml --as hq >/dev/null
  for d in examples/definitions/*.toml; do pw definition add "$d" --as hq >/dev/null; done
  pw import stores "$stores" --quiet --as hq >/dev/null
  pw import orders "$orders" --campaign "$campaign" --quiet --as hq >/dev/null
  pw closeout run --campaign "$campaign" --as hq >/dev/null
  pw confirm list --campaign "$campaign" --store S001 --as store-s001 --json |
    python3 -c 'import json,sys; print([o["order_id"] for o in json.load(sys.stdin)["orders"] if o["counted"]][0])' \
      >"$ws/order"
  touch "$ws/ready"
fi
order=$(cat "$ws/order")
cp "$ws/pitwall.db" "$ws/pitwall.db.orig"
restore() { cp "$ws/pitwall.db.orig" "$ws/pitwall.db"; rm -f "$ws/pitwall.db-wal" "$ws/pitwall.db-shm"; }
trap restore EXIT

echo "# rows=$rows order=$order runs=$runs $(date -u +%FT%TZ) $(git rev-parse --short HEAD)"
PITWALL_BENCH_WS="$ws" PITWALL_BENCH_ORDER="$order" build/bench/workflow_bench \
  --benchmark_repetitions="$runs" --benchmark_report_aggregates_only=true
restore

# Whole commands: median of $runs (wall ms).
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
cmd() {  # label, args...: the median wall time of $runs runs of the command
  local label=$1 m
  shift
  m=$(for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    pw "$@" >/dev/null
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
  done | median)
  printf '%-32s %6s ms  (whole pitwall command, median of %s)\n' "$label" "$m" "$runs"
}
cmd "confirm store" confirm store --campaign "$campaign" --store S001 --as store-s001
cmd "confirm store with a dispute" confirm store --campaign "$campaign" --store S001 \
  --as store-s001 --dispute "$order" --claim not-valid
cmd "settlement (store S001)" closeout settlement --campaign "$campaign" --as store-s001 --json
cmd "summary (region 华东战区)" closeout summary --campaign "$campaign" --as region-east --json
cmd "arbitrate decide" arbitrate decide --campaign "$campaign" "$order" --decision count \
  --reason reviewed --as arbiter
