#!/usr/bin/env bash
# Builds Pitwall's libFuzzer targets with clang into build-fuzz/ (ASan + UBSan, the libraries
# instrumented too) and runs them (issue 22; tests/fuzz/README.md).
#
#   scripts/fuzz.sh smoke                 each target for a few seconds on its checked-in seeds
#                                         (CI; the README's test command runs it)
#   scripts/fuzz.sh run SECONDS [NAME...] a fuzzing session per target (fuzz_import, fuzz_json,
#                                         ...), growing build-fuzz/corpus/NAME; prints executions
#
# Every run is watched for hangs and memory: an input that takes longer than 25 s (-timeout;
# PITWALL_FUZZ_TIMEOUT=N on a machine busy with other work, where 25 s of wall time can pass
# without a hang), or a process over 2.5 GB (-rss_limit_mb), is a failure like a crash. A failing input is kept as
# build-fuzz/crashes/NAME-*; to keep it fixed, copy it to tests/data/fuzz/ with the target's
# prefix (csv-, encoding-, xlsx-, json-, toml-, import-), where the replay tests run it.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-smoke}
seconds=${PITWALL_FUZZ_SMOKE_SECONDS:-8}
if [[ $mode == run ]]; then
  seconds=${2:?"usage: scripts/fuzz.sh run SECONDS [NAME...]"}
  shift 2
else
  shift $(($# > 0 ? 1 : 0))
fi
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(fuzz_csv fuzz_encoding fuzz_xlsx fuzz_json fuzz_toml fuzz_import)
fi
if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ is missing (scripts/install-deps.sh installs it)" >&2
  exit 1
fi

if [[ ! -f build-fuzz/CMakeCache.txt ]]; then
  flags="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer"
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPITWALL_FUZZ=ON -DPITWALL_BENCH=OFF -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
    >/dev/null
fi
cmake --build build-fuzz -j "$(nproc 2>/dev/null || echo 2)" --target "${targets[@]}"

# The seeds of a target: tests/data/fuzz/PREFIX-* files and PREFIX-corpus/ folders.
prefix_of() { local t=${1#fuzz_}; echo "$t"; }
mkdir -p build-fuzz/crashes
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1
status=0
for t in "${targets[@]}"; do
  p=$(prefix_of "$t")
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  seeds=()
  for f in tests/data/fuzz/"$p"-*; do
    [[ -f $f && $f != *.dict ]] && seeds+=("$f")
  done
  for d in tests/data/fuzz/"$p"-corpus; do [[ -d $d ]] && seeds+=("$d"/*); done
  cp -n "${seeds[@]}" "$corpus"/ 2>/dev/null || true
  dict=()
  [[ -f tests/data/fuzz/$p-fuzz.dict ]] && dict=(-dict="tests/data/fuzz/$p-fuzz.dict")
  log=build-fuzz/$t.log
  set +e
  build-fuzz/tests/fuzz/"$t" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout="${PITWALL_FUZZ_TIMEOUT:-25}" \
    -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/crashes/"$t"- >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  if ((rc != 0)); then
    echo "fuzz: $t FAILED after $runs executions (exit $rc); see $log and build-fuzz/crashes/" >&2
    grep -E "ERROR|SUMMARY|fuzz_[a-z]+:|timeout|out-of-memory" "$log" | head -5 >&2
    status=1
  else
    echo "fuzz: $t ${seconds}s, $runs executions, corpus $(ls "$corpus" | wc -l) inputs, no failure"
  fi
done
exit $status
