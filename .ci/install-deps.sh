#!/usr/bin/env bash
# Installs every Debian 12 package that building, running and testing Hookflow needs.
# Idempotent: a second run only checks. Usage: .ci/install-deps.sh [PREFIX_FOR_MSTCH]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mstch_prefix="${1:-$root/build/_deps/mstch}"

packages=(
  cmake g++ make ninja-build git ca-certificates curl binutils
  libboost1.81-dev libboost-json1.81-dev   # Boost 1.81 by name: Debian 12's default is 1.74
  libpoco-dev libssl-dev                   # Net, NetSSL (SMTP); OpenSSL for hashes, HMAC, CSPRNG
  libsqlite3-dev                           # the embedded store
  libcli11-dev                             # command-line parsing of the hookflow executable
  libmimalloc-dev                          # the hookflow executable's allocator
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-aiosmtpd                         # the real SMTP server the tests start
  python3-prometheus-client                # parses /metrics in the admin API tests
  openssl                                  # test certificates
  clang libclang-rt-14-dev                 # libFuzzer target
)

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

# mstch: Debian's libmstch-dev depends on libboost-dev (1.74), which conflicts with
# libboost1.81-dev, so apt refuses to install both. mstch is a static library whose headers
# use only the standard library, so unpacking the .deb into a private prefix is safe.
if [[ ! -f "$mstch_prefix/usr/include/mstch/mstch.hpp" ]]; then
  tmp="$(mktemp -d)"
  chmod 777 "$tmp"
  (cd "$tmp" && apt-get download -qq libmstch-dev 2>/dev/null)
  mkdir -p "$mstch_prefix"
  dpkg -x "$tmp"/libmstch-dev_*.deb "$mstch_prefix"
  rm -rf "$tmp"
fi
