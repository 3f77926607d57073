#!/usr/bin/env bash
# Resident memory of an idle engine with every bundled plugin loaded and one workflow bound.
# Baseline in the same run: `sleep` (a process that does nothing) — the floor of this machine.
#   idle_rss.sh BUILD_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
work="$(mktemp -d)"
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/workflows"
cp "$(dirname "${BASH_SOURCE[0]}")/../../docs/examples/workflows/"*.json "$work/workflows/"
cat > "$work/hookflow.json" <<'CONF'
{ "data_dir": "var", "workflow_dirs": ["workflows"], "admin": { "listen": "127.0.0.1:0" },
  "plugins": { "webhook": { "listen": "127.0.0.1:0" } } }
CONF
"$build/bin/hookflow" serve --config "$work/hookflow.json" 2>"$work/engine.log" &
pid=$!
for _ in $(seq 1 200); do grep -q '"engine started"' "$work/engine.log" && break; sleep 0.05; done
sleep 1  # let start-up allocations settle: this measures the idle state, not a timing
plugins="$(grep -c '"plugin loaded"' "$work/engine.log")"
rss_kb="$(awk '/VmRSS/ {print $2}' /proc/$pid/status)"
sleep 30 & base=$!
base_kb="$(awk '/VmRSS/ {print $2}' /proc/$base/status)"
kill $base
echo "idle engine, $plugins plugins loaded: RSS $((rss_kb / 1024)).$(( (rss_kb % 1024) * 10 / 1024 )) MB (target <= 15 MB); baseline 'sleep': $((base_kb / 1024)).$(( (base_kb % 1024) * 10 / 1024 )) MB"
