#!/usr/bin/env bash
# Installs the Debian packages skillreg needs to build, run and test, and nothing when all are
# present. Used by `make run`, `make test` and .ci/run. Debian 12, as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev librestinio-dev libhttp-parser-dev libfmt-dev libspdlog-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  nlohmann-json3-dev libsodium-dev libcli11-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  curl wrk nginx-light
)

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
