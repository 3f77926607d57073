#!/usr/bin/env bash
# Runs every benchmark against a release build and prints each figure beside the baseline
# measured in the same run (the machine is shared and noisy: compare ratios, not absolutes).
#   tests/bench/run.sh [BUILD_DIR]       (default: build; built first if needed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"

# Benchmark-only tools: wrk and ab (load), nginx (the webhook's ceiling), postfix's
# smtp-sink/smtp-source, perf (kernel event counts).
missing=()
for p in wrk apache2-utils nginx-light postfix linux-perf; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  # postfix asks how to configure itself: as a library of tools it needs no configuration.
  echo "postfix postfix/main_mailer_type select No configuration" | "${sudo_cmd[@]}" debconf-set-selections
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}"
fi
"$root/.ci/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)"

ratio() {  # google-benchmark JSON, baseline name, measured name
  /usr/bin/python3 - "$@" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
rate = {b["name"].split("/")[0]: b["items_per_second"] for b in doc["benchmarks"]}
base, ours = rate[sys.argv[2]], rate[sys.argv[3]]
print(f"  {sys.argv[2]}: {base:,.0f}/s\n  {sys.argv[3]}: {ours:,.0f}/s\n  ratio: {ours / base:.2f}")
PY
}
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== template render (200-byte template, 5 variables, one core; target >= 300,000/s)"
"$build/bin/template_bench" --benchmark_format=json --benchmark_min_time=1 >"$out/t.json" 2>/dev/null
ratio "$out/t.json" BM_baseline_mstch BM_engine_render
echo "== runner: one-step runs through SQLite with durable commits (target >= 20,000/s)"
"$build/bin/runner_bench" --benchmark_format=json >"$out/r.json" 2>/dev/null
ratio "$out/r.json" BM_baseline_sqlite_group_insert BM_engine_one_step_runs
echo "== idle memory"
"$root/tests/bench/idle_rss.sh" "$build"
echo "== webhook"
"$root/tests/bench/webhook_bench.sh" "$build" 10
echo "== email"
"$root/tests/bench/email_bench.sh" "$build" 2000 7
