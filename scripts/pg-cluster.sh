#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for the tests and the demo (docs/postgres.md).
#
#   scripts/pg-cluster.sh start STATE_DIR   initdb into a fresh temporary folder, start it on a
#                                           free port of 127.0.0.1 (and a unix socket in that
#                                           folder), trust authentication for local users only;
#                                           writes STATE_DIR/url (postgresql://postgres@127.0.0.1:
#                                           PORT/postgres) and prints it
#   scripts/pg-cluster.sh stop STATE_DIR    stops it and removes its folder (in the background)
#
# Durability is off (fsync, full_page_writes) unless PITWALL_PG_DURABLE=1 (benchmarks): the
# cluster lives for one test run. PITWALL_PG_OPTIONS adds server settings ("-c name=value ..."). As root the
# server runs as the `postgres` user (initdb refuses root), as the issue asks: runuser.
# Uses Debian's postgresql-15 (scripts/install-deps.sh); nothing listens beyond 127.0.0.1.
set -euo pipefail

cmd=${1:-}
state=${2:-}
if [[ -z "$cmd" || -z "$state" ]]; then
  echo "usage: $0 start|stop STATE_DIR" >&2
  exit 2
fi

bindir=""
for d in /usr/lib/postgresql/*/bin; do
  [[ -x "$d/initdb" ]] && bindir=$d
done
if [[ -z "$bindir" ]]; then
  echo "PostgreSQL server binaries not found (apt-get install postgresql-15)" >&2
  exit 1
fi

as_server() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_cluster() {
  [[ -f "$state/cluster" ]] || return 0
  local dir
  dir=$(cat "$state/cluster")
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  # A test run leaves a few hundred databases (a GB in ~10^5 files): removing them took 90 s on a
  # loaded disk, past the fixture's timeout. The stopped cluster's folder is renamed and removed
  # in the background, detached, so that stopping returns at once.
  if [[ -d "$dir" ]] && mv "$dir" "$dir.removing" 2>/dev/null; then
    setsid rm -rf "$dir.removing" </dev/null >/dev/null 2>&1 &
  else
    rm -rf "$dir"
  fi
  rm -f "$state/cluster" "$state/url"
}

# A port of 127.0.0.1 nothing listens on (from /proc/net/tcp, in hex); pg_ctl is retried anyway.
free_port() {
  local port hex
  while true; do
    port=$((20000 + RANDOM % 30000))
    hex=$(printf '%04X' "$port")
    if ! grep -q ":$hex " /proc/net/tcp /proc/net/tcp6 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

case "$cmd" in
  start)
    mkdir -p "$state"
    state=$(cd "$state" && pwd)
    stop_cluster
    dir=$(mktemp -d "${TMPDIR:-/tmp}/pitwall-pg.XXXXXX")
    chmod 755 "$dir"
    echo "$dir" >"$state/cluster"
    if [[ $(id -u) -eq 0 ]]; then chown postgres "$dir"; fi
    as_server "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # Local users only: the socket and 127.0.0.1.
    cat >"$dir/pg_hba.conf" <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
    if [[ $(id -u) -eq 0 ]]; then chown postgres "$dir/pg_hba.conf"; fi
    for attempt in 1 2 3 4 5; do
      port=$(free_port)
      opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir"
      opts+=" -c hba_file=$dir/pg_hba.conf -c max_connections=300 -c shared_buffers=128MB"
      opts+=" ${PITWALL_PG_OPTIONS:-}"  # more server settings (benchmarks)
      if [[ "${PITWALL_PG_DURABLE:-0}" != "1" ]]; then
        opts+=" -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
      fi
      if as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 60 \
        start >/dev/null; then
        url="postgresql://postgres@127.0.0.1:$port/postgres"
        echo "$url" >"$state/url"
        echo "$url"
        exit 0
      fi
      echo "PostgreSQL did not start on port $port (attempt $attempt)" >&2
    done
    cat "$dir/server.log" >&2 || true
    exit 1
    ;;
  stop)
    stop_cluster
    ;;
  *)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
