#!/usr/bin/env bash
# Installs what Pitwall needs on Debian 12, idempotently and without questions.
# Only Debian packages (and, for the benchmark peer, npm). Safe to run again.
set -euo pipefail

packages=(
  build-essential cmake g++ pkg-config ccache git tzdata
  libsqlite3-dev nlohmann-json3-dev libtomlplusplus-dev libfmt-dev libxlsxwriter-dev
  libminizip-dev zlib1g-dev libpugixml-dev libhowardhinnant-date-dev libssl-dev
  libfast-float-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  libpq-dev postgresql-15 postgresql-client-15
  # The server (pitwall serve): Boost.Beast (1.81; Debian's default libboost-dev is 1.74),
  # libsodium (Argon2id), wrk (bench/server_bench.sh), curl (the examples in docs/server.md).
  libboost1.81-dev libsodium-dev wrk curl
  # The group robots' webhooks (docs/push.md): HTTPS through libcurl with OpenSSL.
  libcurl4-openssl-dev
)
# clang and its libFuzzer runtime build the fuzz targets (scripts/fuzz.sh; the test command runs
# a smoke of each).
# Node.js and npm lint the API's contract (scripts/lint-api.sh, @redocly/cli pinned in
# tools/api/package-lock.json); a Node.js of one's own (e.g. NodeSource's) is kept.
if ! command -v node >/dev/null; then
  packages+=(nodejs)
fi
if ! command -v npm >/dev/null; then
  packages+=(npm)
fi
# The web desk's end-to-end tests drive Debian's chromium (Playwright never downloads a browser);
# Chinese renders only with CJK fonts.
packages+=(chromium fonts-noto-cjk)
# Tools the tests use to look at what users see: LibreOffice opens the workbooks we write.
if [[ "${PITWALL_WITH_OFFICE:-1}" == "1" ]]; then
  packages+=(libreoffice-calc-nogui)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  as_root=()
  if [[ $(id -u) -ne 0 ]]; then as_root=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "all build dependencies present"
fi
