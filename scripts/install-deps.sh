#!/usr/bin/env bash
# Installs the Debian packages skillreg needs to build, run and test, and nothing when all are
# present. Used by `make run`, `make test` and .ci/run. Debian 12, as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev librestinio-dev libhttp-parser-dev libfmt-dev libspdlog-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  nlohmann-json3-dev libsodium-dev libcli11-dev libtomlplusplus-dev libqrencode-dev libpng-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-19 libclang-rt-19-dev llvm-19  # the test build and the fuzz targets: clang 19 (std::expected), sanitizer runtimes and libFuzzer, symbolizer
  curl wrk nginx-light
  chromium fonts-noto-cjk
  libcairo2-dev libpango1.0-dev poppler-utils  # PDF documents; pdftotext/pdfinfo for their tests
  libxlsxwriter-dev unzip  # XLSX reports; unzip reads them back in their tests
  libssl-dev openssl ca-certificates  # https webhooks, the identity blind index's SHA-256; the tests make their own certificate
  cracklib-runtime  # /usr/share/dict/cracklib-small: the dictionary words a new password must not be
)

# Node.js 18 or newer with npm builds the front end; the machine's own is used when present.
need_node=0
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  need_node=1
elif [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 18 ]; then
  need_node=1
fi
[ "$need_node" -eq 1 ] && packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
