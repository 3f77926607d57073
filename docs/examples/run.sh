#!/usr/bin/env bash
# Builds Hookflow and serves the example workflows on embedded defaults: webhook ingress on
# port 8080, data (SQLite, outbox mail) in ./var. Stop with Ctrl-C.
#   docs/examples/run.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
"$root/.ci/install-deps.sh"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target hookflow bundled_plugins

log="$(mktemp)"
build/bin/hookflow serve --workflows docs/examples/workflows --data-dir var 2> >(tee "$log" >&2) &
engine=$!
trap 'kill -TERM $engine 2>/dev/null; wait $engine; rm -f "$log"' EXIT INT TERM

# Wait for the webhook URL of the example, then say how to call it.
for _ in $(seq 1 100); do
  url="$(grep -o '"workflow":"hello-log"[^}]*"url":"[^"]*"' "$log" | grep -o 'http[^"]*' | head -1 || true)"
  [[ -n "$url" ]] && break
  kill -0 $engine 2>/dev/null || exit 1
  sleep 0.1
done
cat <<HINT

Hookflow is running. Trigger the example workflow with:

  curl -X POST '$url?fruit=apple' -H 'Content-Type: application/json' -H 'Name: Ada' \\
       -d '{"title": "Hello from curl", "id": 1}'

The run's log line shows the rendered message. Press Ctrl-C to stop.
HINT
wait $engine
