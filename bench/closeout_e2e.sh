#!/usr/bin/env bash
# End-to-end close-out benchmark (issue 5, "Performance"): from the same orders export, Pitwall
# imports it and runs the full close-out (`closeout run`: every stage, six evaluations, the
# stored run), against DuckDB loading it into a database file, keeping one row per order id and
# counting per store under three department definitions (bench/peer/duckdb_closeout.mjs,
# npm @duckdb/node-api, 2 threads). Runs alternate, RUNS times each; prints per run wall
# seconds, user+sys seconds and peak RSS of each command, Pitwall's import + close-out sum, and
# the medians.
#   [SHAPE=campaign|dirty|unattributed|skewed] bench/closeout_e2e.sh [ROWS]   (default: 10000000)
# Data: build/bench/gen_orders_csv ROWS 42 SHAPE (stores S001..S218, March 2023, as
# examples/campaign.toml; the shapes are described in bench/tools/gen_orders_csv.cpp) and a
# matching stores file (218 stores in six regions, with old codes), so the close-out attributes
# every order — except on the unattributed shape: the campaign's orders with no stores file
# imported. Needs: build/ (scripts/build.sh), node + `npm install` in bench/peer, /usr/bin/time.
# With TIMINGS=1, each Pitwall close-out's stage times (closeout run --timings) are kept in
# $BENCH_DIR/timings-SHAPE-ROWS-RUN.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
rows=${1:-10000000}
data=${BENCH_DIR:-/tmp/pitwall-closeout-bench}
campaign=2023-spring-renewal
mkdir -p "$data"
[ -d bench/peer/node_modules ] || (cd bench/peer && npm install --no-audit --no-fund >/dev/null)

shape=${SHAPE:-campaign}
case "$shape" in
  campaign | unattributed) generated=campaign ;;
  dirty | skewed) generated=$shape ;;
  *) echo "SHAPE must be campaign, dirty, unattributed or skewed" >&2; exit 2 ;;
esac
orders="$data/orders-$rows.csv"  # the campaign's file keeps its earlier name
[ "$generated" = campaign ] || orders="$data/orders-$generated-$rows.csv"
stores="$data/stores-218-old-codes.csv"
[ -f "$orders" ] || build/bench/gen_orders_csv "$rows" 42 "$generated" >"$orders"
source bench/lib.sh
stores_file "$stores"

median() {  # median of the numbers on stdin
  sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "# shape=$shape rows=$rows bytes=$(stat -L -c %s "$orders") runs=$runs"
for i in $(seq "$runs"); do
  ws="$data/ws"
  rm -rf "$ws"
  build/pitwall init "$ws" >/dev/null
  build/pitwall -w "$ws" user add hq --role hq >/dev/null  # the first user: HQ, who acts below
  export PITWALL_AS=hq
  build/pitwall -w "$ws" campaign add examples/campaign.toml >/dev/null
  for d in examples/definitions/*.toml; do build/pitwall -w "$ws" definition add "$d" >/dev/null; done
  [ "$shape" = unattributed ] || build/pitwall -w "$ws" import stores "$stores" --quiet >/dev/null
  import=$(measure pitwall-import build/pitwall -w "$ws" import orders "$orders" \
    --campaign "$campaign" --quiet)
  closeout=$(measure pitwall-closeout build/pitwall -w "$ws" closeout run --campaign "$campaign" --timings)
  [ "${TIMINGS:-0}" = 1 ] && cp "$data/stderr.txt" "$data/timings-$shape-$rows-$i.txt"
  blob=$(find "$ws/blobs/closeout" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  read -r _ iw ic ir <<<"$import"
  read -r _ cw cc cr <<<"$closeout"
  total=$(printf 'pitwall-total %.2f %.2f %.0f' "$(echo "$iw + $cw" | bc)" \
    "$(echo "$ic + $cc" | bc)" "$((ir > cr ? ir : cr))")
  rm -f "$data/duck.db" "$data/duck.db.wal"
  duck=$(measure duckdb node bench/peer/duckdb_closeout.mjs "$orders" "$data/duck.db" 2)
  printf '%s\n%s\n%s\n%s\n' "$import" "$closeout" "$total" "$duck" | tee -a "$results"
  echo "# run $i: stored run $((blob / 1000000)) MB"
done
echo "# medians: label wall_s cpu_s peak_rss_mb"
for label in pitwall-import pitwall-closeout pitwall-total duckdb; do
  printf '%s' "$label"
  for col in 2 3 4; do
    printf ' %s' "$(awk -v l="$label" -v c="$col" '$1 == l { print $c }' "$results" | median)"
  done
  echo
done
