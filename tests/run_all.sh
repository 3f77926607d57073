#!/usr/bin/env bash
# Builds Hookflow and runs every test: unit, integration (real plugins, real HTTP, real SMTP,
# real SQLite) and, unless --quick, the same suite again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Installs what it needs first (Debian 12, root or sudo).
#   tests/run_all.sh [--quick]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
jobs="$(nproc)"

"$root/.ci/install-deps.sh"

run_suite() {  # build-dir, extra cmake args...
  local dir="$1"
  shift
  cmake -S "$root" -B "$root/$dir" -G Ninja "$@" >/dev/null
  cmake --build "$root/$dir" -j "$jobs"
  (cd "$root/$dir" && ctest --output-on-failure -j "$jobs" --timeout 300)
}

echo "== release build and tests"
run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo

if ((quick == 0)); then
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DHOOKFLOW_SANITIZE=address,undefined -DHOOKFLOW_BUILD_BENCHMARKS=OFF

  echo "== libFuzzer (clang): the webhook's request -> \$request builder, 30 seconds"
  CC=clang CXX=clang++ cmake -S "$root" -B "$root/build-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHOOKFLOW_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$root/build-fuzz" -j "$jobs" --target webhook_request_fuzz
  mkdir -p "$root/build-fuzz/corpus"
  "$root/build-fuzz/bin/webhook_request_fuzz" -max_total_time=30 -rss_limit_mb=2048 -print_final_stats=1 \
    "$root/build-fuzz/corpus"
fi
echo "== all tests passed"
