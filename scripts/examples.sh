#!/usr/bin/env bash
# Initialises a workspace and imports the small sample files under examples/ (a GB18030 orders
# export with a few broken rows, an XLSX staff list), then lists the imports.
#   scripts/examples.sh [DIR]      (default /tmp/pitwall-example)
set -euo pipefail
cd "$(dirname "$0")/.."
ws=${1:-/tmp/pitwall-example}
rm -rf "$ws"
bin=build/pitwall
"$bin" init "$ws"
# The first user of a workspace is HQ operations (anyone on the machine may add them); every
# later write names its person.
"$bin" -w "$ws" user add admin --role hq
export PITWALL_AS=admin
"$bin" -w "$ws" campaign add examples/campaign.toml
for d in examples/definitions/*.toml; do "$bin" -w "$ws" definition add "$d"; done
"$bin" -w "$ws" import stores examples/stores.csv
"$bin" -w "$ws" import staff examples/staff.xlsx
"$bin" -w "$ws" import customers examples/customers.csv
"$bin" -w "$ws" import price-list examples/price-list.csv
"$bin" -w "$ws" import orders examples/orders-gbk.csv --campaign 2023-spring-renewal || true
"$bin" -w "$ws" imports
