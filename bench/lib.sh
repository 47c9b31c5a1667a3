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
