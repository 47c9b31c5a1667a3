#!/usr/bin/env bash
# The PostgreSQL workspace against the embedded one (issue 19, "Performance"): from the same
# orders export, `pitwall import orders` and `closeout run` into a SQLite folder and into a
# PostgreSQL database, runs alternating; the database's close-out once on the warm cache the
# import left and once on a cold cache (the cache folder deleted first). Prints per run wall
# seconds, user+sys seconds and peak RSS of the pitwall process (the database server's own CPU
# is not in them), and the medians.
#   bench/postgres_bench.sh [ROWS]        (default: 1000000)
# The database is a throwaway cluster on 127.0.0.1 started with PostgreSQL's default durability
# (fsync, full_page_writes and synchronous_commit on: scripts/pg-cluster.sh with
# PITWALL_PG_DURABLE=1), shared_buffers 128 MB. Data: build/bench/gen_orders_csv ROWS 42 and the
# matching stores file (bench/lib.sh). Needs: build/ (scripts/build.sh), /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
rows=${1:-1000000}
data=${BENCH_DIR:-/tmp/pitwall-postgres-bench}
campaign=2023-spring-renewal
mkdir -p "$data"
orders="$data/orders-$rows.csv"
stores="$data/stores-218.csv"
[ -f "$orders" ] || build/bench/gen_orders_csv "$rows" 42 >"$orders"
source bench/lib.sh
stores_file "$stores"

state="$data/cluster"
url=$(PITWALL_PG_DURABLE=1 bash scripts/pg-cluster.sh start "$state")

median() {  # median of the numbers on stdin
  sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

setup() {  # workspace: the first user, the campaign, its definitions and the stores
  build/pitwall init "$1" >/dev/null
  env -u PITWALL_AS build/pitwall -w "$1" user add hq --role hq >/dev/null
  PITWALL_AS=hq build/pitwall -w "$1" campaign add examples/campaign.toml >/dev/null
  for d in examples/definitions/*.toml; do
    PITWALL_AS=hq build/pitwall -w "$1" definition add "$d" >/dev/null
  done
  PITWALL_AS=hq build/pitwall -w "$1" import stores "$stores" --quiet >/dev/null
}

results=$(mktemp)
trap 'rm -f "$results"; bash scripts/pg-cluster.sh stop "$state"' EXIT
export PITWALL_AS=hq
echo "# rows=$rows bytes=$(stat -L -c %s "$orders") runs=$runs"
for i in $(seq "$runs"); do
  ws="$data/ws"
  rm -rf "$ws"
  setup "$ws"
  measure sqlite-import build/pitwall -w "$ws" import orders "$orders" --campaign "$campaign" \
    --quiet | tee -a "$results"
  measure sqlite-closeout build/pitwall -w "$ws" closeout run --campaign "$campaign" |
    tee -a "$results"

  db="bench_$i"
  psql -X -q "$url" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  pg="${url%/*}/$db"
  export PITWALL_CACHE="$data/cache"
  rm -rf "$PITWALL_CACHE"
  setup "$pg"
  measure postgres-import build/pitwall -w "$pg" import orders "$orders" --campaign "$campaign" \
    --quiet | tee -a "$results"
  measure postgres-closeout-warm build/pitwall -w "$pg" closeout run --campaign "$campaign" |
    tee -a "$results"
  rm -rf "$PITWALL_CACHE"
  measure postgres-closeout-cold build/pitwall -w "$pg" closeout run --campaign "$campaign" |
    tee -a "$results"
  echo "# run $i: database $(psql -X -A -t "$pg" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
  psql -X -q "$url" -c "DROP DATABASE $db"
done
echo "# medians: label wall_s cpu_s peak_rss_mb"
for label in sqlite-import sqlite-closeout postgres-import postgres-closeout-warm \
  postgres-closeout-cold; do
  printf '%s' "$label"
  for col in 2 3 4; do
    printf ' %s' "$(awk -v l="$label" -v c="$col" '$1 == l { print $c }' "$results" | median)"
  done
  echo
done
