# Shared by the benchmark scripts: `source bench/lib.sh` after setting $data (a scratch folder).

measure() {  # label, command...: prints "label wall user+sys rss_mb"
  local label=$1
  shift
  /usr/bin/time -o "$data/time.txt" -f '%e %U %S %M' "$@" >/dev/null 2>"$data/stderr.txt" || {
    echo "$label failed:" >&2
    cat "$data/stderr.txt" >&2
    return 1
  }
  read -r wall user sys rss <"$data/time.txt"
  printf '%s %.2f %.2f %.0f\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
}

stores_file() {  # path: writes (once) the stores file of the generated orders: S001..S218 in six
  # regions, each with its old code OLD-S001.. (gen_orders_csv's dirty shape uses them)
  [ -f "$1" ] && return 0
  local regions=(华东战区 华南战区 华北战区 华中战区 西南战区 西北战区)
  {
    echo "门店编码,门店名称,战区,城市,旧编码"
    for i in $(seq 1 218); do
      printf 'S%03d,门店%03d,%s,城市%02d,OLD-S%03d\n' "$i" "$i" "${regions[$(((i - 1) % 6))]}" "$((i % 40))" "$i"
    done
  } >"$1"
}
