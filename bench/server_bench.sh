#!/usr/bin/env bash
# The server under load (issue 18, "Performance"), with wrk from Debian, server and load generator
# on this machine, on the demo workspace (218 stores, one store manager each):
#   reads     store managers' reads (own orders, settlement row, board entry), each request as a
#             store manager picked at random, at 200 connections; and the region summary as the
#             six region managers, at 200 connections (target: p99 <= 20 ms, 0 errors)
#   burst     218 store managers at a steady pace (one read every 3.7 s each), then 37 times that
#             (one every 0.1 s each) for two minutes: errors and p99 of both
#   confirm   the 218 store managers confirm their orders at the same instant: every store's
#             confirmation is stored exactly once (the status and the audit trail say so)
# Usage: bench/server_bench.sh [reads|burst|confirm|all] [build/pitwall] [scratch dir]
# Env: DURATION (reads, default 30s), BURST (default 120s), STEADY (default 30s), RUNS (reads,
# default 5), WORKERS (default 4), PORT (default 18080), BACKEND (sqlite, default; or postgres:
# the demo copied into a database of a throwaway cluster on 127.0.0.1 with PostgreSQL's default
# durability, scripts/pg-cluster.sh, stopped when the script ends).
# The server listens on 127.0.0.1 only and is stopped (SIGTERM) when the script ends.
set -euo pipefail
what=${1:-all}
bin=$(realpath "${2:-build/pitwall}")
scratch=${3:-/tmp/pitwall-server-bench}
duration=${DURATION:-30s}
burst=${BURST:-120s}
steady=${STEADY:-30s}
runs=${RUNS:-5}
workers=${WORKERS:-4}
port=${PORT:-18080}
here=$(cd "$(dirname "$0")" && pwd)
C=2023-spring-renewal
now=2023-04-01T10:00:00+08:00 # in the review window, before the appeal cut-off
url=http://127.0.0.1:$port
ws=$scratch/ws

command -v wrk >/dev/null || {
  echo "wrk is needed (apt-get install wrk)" >&2
  exit 1
}

# The demo workspace with its close-out run, made once.
if [[ ! -f $ws/demo-passwords.txt || ! -d $ws/reports ]]; then
  rm -rf "$scratch"
  mkdir -p "$scratch"
  PITWALL_NOW=$now "$bin" demo "$ws" >"$scratch/demo.txt"
  PITWALL_NOW=$now "$bin" -w "$ws" closeout run --campaign $C --as hq >/dev/null
  cp -a "$ws" "$scratch/pristine"
fi

# Where the server reads: the demo's folder, or a database holding a copy of it.
backend=${BACKEND:-sqlite}
target=$ws
serve_more=()
pg_state=$scratch/pg
if [[ $backend == postgres ]]; then
  admin=$(PITWALL_PG_DURABLE=1 bash "$here/../scripts/pg-cluster.sh" start "$pg_state" | tail -1)
  target=${admin%/*}/bench
  serve_more=(--data-dir "$scratch/data")
fi
# The workspace as the demo left it (no store has confirmed yet).
reset_workspace() {
  if [[ $backend == postgres ]]; then
    PGOPTIONS="-c client_min_messages=warning" psql -X -q "$admin" -c "DROP DATABASE IF EXISTS bench" \
      -c "CREATE DATABASE bench" >/dev/null
    rm -rf "$scratch/data"
    "$bin" workspace copy "$scratch/pristine" "$target" >/dev/null
  else
    rm -rf "$ws"
    cp -a "$scratch/pristine" "$ws"
  fi
}
[[ $backend == postgres ]] && reset_workspace

server_pid=
start_server() {
  PITWALL_NOW=$now "$bin" -w "$target" serve --listen "127.0.0.1:$port" --workers "$workers" \
    "${serve_more[@]}" >"$scratch/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    curl -sf "$url/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not start:" >&2
  cat "$scratch/serve.log" >&2
  exit 1
}
stop_server() {
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
finish() {
  stop_server
  if [[ $backend == postgres ]]; then bash "$here/../scripts/pg-cluster.sh" stop "$pg_state"; fi
}
trap finish EXIT

password() { awk -F'\t' -v u="$1" '$1 == u {print $2}' "$ws/demo-passwords.txt"; }
# Signs `user` in; prints "cookie<TAB>csrf".
sign_in() {
  local body cookie csrf
  body=$(curl -sf -D "$scratch/h.txt" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"password\":\"$(password "$1")\"}" "$url/api/v1/login")
  cookie=$(tr -d '\r' <"$scratch/h.txt" | awk -F'[ ;]' 'tolower($1) == "set-cookie:" {print $2}')
  csrf=$(echo "$body" | grep -o '"csrf_token": *"[^"]*"' | sed -E 's/.*"([^"]+)"$/\1/')
  printf '%s\t%s\n' "$cookie" "$csrf"
}
users_of() { awk -F'\t' -v p="$1" 'index($1, p) == 1 {print $1}' "$ws/demo-passwords.txt"; }
store_of() { echo "${1#store-}" | tr a-z A-Z; }

# A Lua table of the sessions of `prefix` users: { {cookie, scope}, ... } into $scratch/$2.lua.
sessions_lua() {
  local prefix=$1 out=$scratch/$2.lua
  echo "sessions = {" >"$out"
  for u in $(users_of "$prefix"); do
    local cookie
    cookie=$(sign_in "$u" | cut -f1)
    echo "  {\"$cookie\", \"$(store_of "$u")\"}," >>"$out"
  done
  echo "}" >>"$out"
}

# wrk's summary in one line: requests/s, p50, p99, max (ms), errors (socket + non-2xx).
wrk_line() {
  awk '
    /Requests\/sec/ {rps = $2}
    $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2}
    /Latency/ && !lat {max = $4; lat = 1}
    /Socket errors/ {gsub(",", ""); se = $4 + $6 + $8 + $10}
    /Non-2xx/ {n2 = $5}
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      return v
    }
    END {printf "rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n", rps, ms(p50), ms(p99), ms(max), se + n2}
  ' "$1"
}

reads() {
  start_server
  sessions_lua store- stores
  sessions_lua region- regions
  echo "# $(date -u +%FT%TZ) $(git -C "$here/.." rev-parse --short HEAD) $backend workers=$workers $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
  for run in $(seq "$runs"); do
    for kind in store region; do
      local sessions=stores
      [[ $kind == region ]] && sessions=regions
      wrk -t2 -c200 -d"$duration" --latency -s "$here/server/$kind-reads.lua" "$url" \
        -- "$scratch/$sessions.lua" "$C" >"$scratch/wrk-$kind-$run.txt"
      echo "reads $kind run $run: $(wrk_line "$scratch/wrk-$kind-$run.txt")"
    done
  done
  stop_server
}

burst() {
  start_server
  sessions_lua store- stores
  echo "# $(date -u +%FT%TZ) $(git -C "$here/.." rev-parse --short HEAD) $backend workers=$workers"
  wrk -t2 -c218 -d"$steady" --latency -s "$here/server/store-reads.lua" "$url" \
    -- "$scratch/stores.lua" "$C" 3700 >"$scratch/wrk-steady.txt"
  echo "steady (218 x one read per 3.7 s) $steady: $(wrk_line "$scratch/wrk-steady.txt")"
  wrk -t2 -c218 -d"$burst" --timeout 10s --latency -s "$here/server/store-reads.lua" "$url" \
    -- "$scratch/stores.lua" "$C" 100 >"$scratch/wrk-burst.txt"
  echo "burst (37x: 218 x one read per 0.1 s) $burst: $(wrk_line "$scratch/wrk-burst.txt")"
  stop_server
}

confirm() {
  # A fresh copy: no store has confirmed yet.
  reset_workspace
  start_server
  local dir=$scratch/confirm
  rm -rf "$dir"
  mkdir -p "$dir"
  local users
  mapfile -t users < <(users_of store-)
  for u in "${users[@]}"; do sign_in "$u" >"$dir/$u.session"; done
  echo "# $(date -u +%FT%TZ) ${#users[@]} store managers confirming at once"
  local t0
  t0=$(date +%s.%N)
  for u in "${users[@]}"; do
    IFS=$'\t' read -r cookie csrf <"$dir/$u.session"
    curl -s -o "$dir/$u.body" -w '%{http_code} %{time_total}\n' -b "$cookie" \
      -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d '{}' \
      "$url/api/v1/campaigns/$C/stores/$(store_of "$u")/confirmation" >"$dir/$u.code" &
  done
  wait $(jobs -p | grep -v "^$server_pid\$")
  local t1
  t1=$(date +%s.%N)
  local ok conflict other
  ok=$(cat "$dir"/*.code | awk '$1 == 200' | wc -l)
  conflict=$(cat "$dir"/*.code | awk '$1 == 409' | wc -l)
  other=$(cat "$dir"/*.code | awk '$1 != 200 && $1 != 409' | wc -l)
  local p99
  p99=$(cat "$dir"/*.code | awk '{print $2 * 1000}' | sort -g | awk '{v[NR] = $1} END {printf "%.0f", v[int(NR * 0.99)]}')
  echo "requests: $((ok + conflict + other)) in $(echo "$t1 - $t0" | bc) s: 200=$ok 409=$conflict other=$other p99=${p99}ms"
  # Stored: each store once in the status, one audited success per store.
  IFS=$'\t' read -r cookie _ <<<"$(sign_in hq)"
  python3 - "$url" "$C" "$cookie" "${#users[@]}" <<'EOF'
import collections, json, sys, urllib.request
url, campaign, cookie, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def get(path):
    req = urllib.request.Request(url + path, headers={"Cookie": cookie})
    return json.load(urllib.request.urlopen(req))
status = get(f"/api/v1/campaigns/{campaign}/status")
confirmed = [s for s in status["stores"]["list"] if s.get("status") == "current"]
ok, after = collections.Counter(), 0
while True:
    page = get(f"/api/v1/audit?after={after}&limit=1000")
    for a in page["items"]:
        if a.get("path", "").endswith("/confirmation") and a.get("status") == 200:
            ok[a["path"]] += 1
    if not page.get("next_after"):
        break
    after = page["next_after"]
print(f"stored: {len(confirmed)} of {n} stores confirmed; stores by audited successes: "
      f"{dict(collections.Counter(ok.values()))}")
sys.exit(0 if len(confirmed) == n and len(ok) == n and set(ok.values()) == {1} else 1)
EOF
  stop_server
}

case $what in
  reads) reads ;;
  burst) burst ;;
  confirm) confirm ;;
  all) reads && burst && confirm ;;
  *)
    echo "usage: $0 [reads|burst|confirm|all] [pitwall] [scratch]" >&2
    exit 2
    ;;
esac
