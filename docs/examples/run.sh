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

# Wait for the webhook URLs of the examples, then say how to call them.
url_of() { grep -o "\"workflow\":\"$1\"[^}]*\"url\":\"[^\"]*\"" "$log" | grep -o 'http[^"]*' | head -1 || true; }
for _ in $(seq 1 100); do
  email_url="$(url_of note-to-email)"
  log_url="$(url_of hello-log)"
  [[ -n "$email_url" && -n "$log_url" ]] && break
  kill -0 $engine 2>/dev/null || exit 1
  sleep 0.1
done
cat <<HINT

Hookflow is running with two example workflows (docs/examples/workflows/).

Send an email with the posted data (no mail server configured, so it lands in var/outbox/):

  curl -X POST '$email_url?fruit=apple' -H 'Content-Type: application/json' -H 'Name: Ada' \\
       -d '{"title": "Hello from curl", "id": 1}'
  cat var/outbox/*.eml

Log a message instead:

  curl '$log_url?fruit=pear'

Look at the runs:   build/bin/hookflow runs list
Secure the webhook: build/bin/hookflow trigger note-to-email generate-token
Press Ctrl-C to stop.
HINT
wait $engine
