#!/usr/bin/env bash
# Import benchmark (issue 3): `pitwall import orders` of a 1M- and a 10M-order CSV with Chinese
# headers, UTF-8 and GB18030, against DuckDB loading the same UTF-8 file into a database file
# (npm @duckdb/node-api, 2 threads). Runs alternate, RUNS times each; prints per run wall seconds,
# user+sys seconds and peak RSS, and the medians.
#   bench/import_bench.sh [ROWS...]        (default: 1000000 10000000)
# Needs: build/ (scripts/build.sh), node + `npm install` in bench/peer, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
data=${BENCH_DIR:-/tmp/pitwall-bench}
mkdir -p "$data"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
[ -d bench/peer/node_modules ] || (cd bench/peer && npm install --no-audit --no-fund >/dev/null)

source bench/lib.sh

for rows in "${sizes[@]}"; do
  utf8="$data/orders-$rows.csv"
  gbk="$data/orders-$rows-gb18030.csv"
  [ -f "$utf8" ] || build/bench/gen_orders_csv "$rows" 42 >"$utf8"
  [ -f "$gbk" ] || iconv -f UTF-8 -t GB18030 "$utf8" >"$gbk"
  : >"$data/results.txt"
  echo "# rows=$rows bytes_utf8=$(stat -c %s "$utf8") bytes_gb18030=$(stat -c %s "$gbk")"
  for i in $(seq "$runs"); do
    for enc in utf8 gbk; do
      ws="$data/ws-$enc"
      rm -rf "$ws"
      build/pitwall init "$ws" >/dev/null
      build/pitwall -w "$ws" user add hq --role hq >/dev/null
      export PITWALL_AS=hq
      build/pitwall -w "$ws" campaign add examples/campaign.toml >/dev/null
      file=$utf8
      [ "$enc" = gbk ] && file=$gbk
      measure "pitwall-$enc" build/pitwall -w "$ws" import orders "$file" \
        --campaign 2023-spring-renewal --quiet | tee -a "$data/results.txt"
    done
    rm -f "$data/duck.db" "$data/duck.db.wal"
    measure duckdb node bench/peer/duckdb_load.mjs "$utf8" "$data/duck.db" 2 |
      tee -a "$data/results.txt"
    measure duckdb-memory node bench/peer/duckdb_load.mjs "$utf8" :memory: 2 |
      tee -a "$data/results.txt"
  done
  # Medians per label: wall, CPU, peak RSS; rows/s from the median wall.
  for label in pitwall-utf8 pitwall-gbk duckdb duckdb-memory; do
    med() { awk -v l="$label" -v k="$1" '$1 == l {print $k}' "$data/results.txt" | sort -g |
      awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
    wall=$(med 2)
    printf 'median %s rows=%d wall=%s s cpu=%s s rss=%s MB rows/s=%.0f runs=%d\n' "$label" "$rows" \
      "$wall" "$(med 3)" "$(med 4)" "$(echo "$rows / $wall" | bc)" "$runs"
  done
done
