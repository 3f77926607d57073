#!/usr/bin/env bash
# Resident memory of an idle engine with one workflow bound: with the webhook and email plugins
# only (the issue's target), then with every bundled plugin. Baseline in the same run: `sleep`
# (a process that does nothing), the floor of this machine.
#   idle_rss.sh BUILD_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
work="$(mktemp -d)"
pid=""
trap '[[ -n "$pid" ]] && kill -TERM $pid 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/workflows" "$work/two"
cp "$(dirname "${BASH_SOURCE[0]}")/../../docs/examples/workflows/note-to-email.json" "$work/workflows/"
cp "$build/lib/hookflow/plugins/webhook.so" "$build/lib/hookflow/plugins/email.so" "$work/two/"

mb() { echo "$(($1 / 1024)).$(( ($1 % 1024) * 10 / 1024 )) MB"; }
measure() {  # label, plugin folder
  rm -rf "$work/var"
  cat > "$work/hookflow.json" <<CONF
{ "data_dir": "var", "workflow_dirs": ["workflows"], "plugin_dirs": ["$2"],
  "admin": { "listen": "127.0.0.1:0" }, "plugins": { "webhook": { "listen": "127.0.0.1:0" } } }
CONF
  "$build/bin/hookflow" serve --config "$work/hookflow.json" 2>"$work/engine.log" &
  pid=$!
  for _ in $(seq 1 200); do grep -q '"engine started"' "$work/engine.log" && break; sleep 0.05; done
  sleep 1  # let start-up settle: this measures the idle state, not a duration
  local plugins rss anon
  plugins="$(grep -c '"plugin loaded"' "$work/engine.log")"
  rss="$(awk '/VmRSS/ {print $2}' /proc/$pid/status)"
  anon="$(awk '/RssAnon/ {print $2}' /proc/$pid/status)"
  kill -TERM $pid && wait $pid || true
  pid=""
  echo "  $1 ($plugins plugins): RSS $(mb "$rss") (heap and stacks $(mb "$anon"), the rest shared library pages)"
}
measure "webhook + email" "$work/two"
measure "all bundled" "$build/lib/hookflow/plugins"
sleep 30 & base=$!
echo "  baseline 'sleep': RSS $(mb "$(awk '/VmRSS/ {print $2}' /proc/$base/status)")   (target: webhook + email <= 15 MB)"
kill $base
