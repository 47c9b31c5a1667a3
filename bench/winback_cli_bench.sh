#!/usr/bin/env bash
# Win-back scoring through the command line (issue 7, "Performance"): N churned customers already
# in a workspace (imported from a generated CSV), then `pitwall winback score --limit 20` — loading
# the batch, fitting the calibrated models on the demo's history, scoring every customer with its
# plan and ranking them — timed with /usr/bin/time, RUNS times, medians.
#   bench/winback_cli_bench.sh [ROWS]        (default 10000000; RUNS env, default 3)
# The workspace is the demo's (for the programme, the history and the stores) plus the big batch.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${RUNS:-3}
data=${BENCH_DIR:-/tmp/pitwall-bench}
mkdir -p "$data"
csv="$data/churned-$rows.csv"
ws="$data/ws-winback-$rows"
if [ ! -f "$csv" ]; then
  # Fixed seed; the columns of formats.md "churned customers", values in their ranges.
  awk -v n="$rows" 'BEGIN {
    srand(20230601)
    split("service price convenience other", reason, " ")
    split("koc club regular regular regular regular", infl, " ")
    print "customer_id,store_code,annual_value,margin,months_churned,reason,satisfaction," \
          "influence,visits_per_year,cheapest_only_share,booking_lead_days,offer_only_contact," \
          "info_complete,vehicle_anomaly"
    for (i = 0; i < n; i++) {
      printf "B%09d,HD-SH%02d,%.2f,%d%%,%.1f,%s,%d,%s,%d,%.2f,%d,%s,%s,%s\n", i,
        1 + int(rand() * 20), 800 + int(rand() * 30000), 30 + int(rand() * 30),
        1 + rand() * 24, reason[1 + int(rand() * 4)], int(rand() * 11), infl[1 + int(rand() * 6)],
        int(rand() * 10), rand() * 0.6, int(rand() * 10), rand() < 0.1 ? "Y" : "N",
        rand() < 0.9 ? "Y" : "N", rand() < 0.01 ? "Y" : "N"
    }
  }' >"$csv"
fi
if [ ! -d "$ws/batches" ]; then
  rm -rf "$ws"
  build/pitwall demo "$ws" >/dev/null
  build/pitwall -w "$ws" import churned "$csv" --quiet --force --as hq
fi
echo "# rows=$rows workspace=$ws"
: >"$data/winback-results.txt"
for i in $(seq "$runs"); do
  /usr/bin/time -o "$data/time.txt" -f '%e %U %S %M' \
    build/pitwall -w "$ws" winback score --limit 20 >/dev/null
  read -r wall user sys rss <"$data/time.txt"
  printf 'run %d wall=%s s cpu=%.2f s rss=%d MB\n' "$i" "$wall" "$(echo "$user + $sys" | bc)" \
    "$((rss / 1024))" | tee -a "$data/winback-results.txt"
done
med() { sed -E "s/.*$1=([0-9.]+).*/\1/" "$data/winback-results.txt" | sort -g |
  awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "median rows=$rows wall=$(med wall) s cpu=$(med cpu) s rss=$(med rss) MB runs=$runs"
