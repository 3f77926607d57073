#!/usr/bin/env bash
# Webhook -> email end to end: 2,000 runs, each sending one message into postfix's smtp-sink
# over reused SMTP connections. Baseline in the same run: postfix's smtp-source sending 2,000
# messages to the same sink (4 sessions, connections reused). Prints both rates and the ratio.
#   email_bench.sh BUILD_DIR [MESSAGES]
set -euo pipefail
build="$(cd "$1" && pwd)"
count="${2:-2000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

start_sink() {  # port, counter file: smtp-sink prints its running totals with -c
  smtp-sink -u nobody -c "127.0.0.1:$1" 256 >"$2" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.02; done
}
delivered() { grep -o 'mesg=[0-9]*' "$1" | tail -1 | cut -d= -f2; }

# --- baseline: smtp-source straight into the sink ---------------------------------------------
port="$(free_port)"
start_sink "$port" "$work/sink1.out"
t0="$(now)"
smtp-source -d -s 4 -m "$count" -l 200 -f flow@example.com -t ops@example.com "127.0.0.1:$port"
until [[ "$(delivered "$work/sink1.out")" == "$count" ]]; do sleep 0.01; done
t1="$(now)"

# --- hookflow: webhook -> email.send into a fresh sink ----------------------------------------
port="$(free_port)"
start_sink "$port" "$work/sink2.out"
mkdir -p "$work/hf/workflows"
cat > "$work/hf/hookflow.json" <<CONF
{ "data_dir": "var", "workflow_dirs": ["workflows"], "log_level": "warn",
  "admin": { "listen": "127.0.0.1:0" }, "runner": { "workers": 4 },
  "plugins": { "webhook": { "listen": "127.0.0.1:0" },
               "email": { "smtp_url": "smtp://127.0.0.1:$port?tls=none", "pool_size": 4 } } }
CONF
cat > "$work/hf/workflows/mail.json" <<'JSON'
{ "id": "mail", "trigger": { "type": "webhook" },
  "steps": [ { "id": "send", "type": "email.send",
               "config": { "to": ["ops@example.com"], "from": "flow@example.com",
                           "subject": "New note: {{$request.body.title}}", "text": "{{$request}}" } } ] }
JSON
"$build/bin/hookflow" serve --config "$work/hf/hookflow.json" 2>"$work/hf/engine.log" &
pids+=($!)
for _ in $(seq 1 200); do grep -q '"engine started"' "$work/hf/engine.log" 2>/dev/null && break; sleep 0.05; done
url="$("$build/bin/hookflow" trigger mail --data-dir "$work/hf/var" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')"
printf '{"title":"note","body":"%0150d"}' 0 >"$work/body.json"
t2="$(now)"
# ApacheBench: exactly $count POSTs over 64 keep-alive connections; it fails on any non-2xx.
ab -q -k -c 64 -n "$count" -p "$work/body.json" -T application/json "$url" >"$work/ab.out"
grep -q '^Non-2xx' "$work/ab.out" && { cat "$work/ab.out"; exit 1; }
until [[ "$(delivered "$work/sink2.out")" == "$count" ]]; do sleep 0.01; done
t3="$(now)"

/usr/bin/python3 - "$count" "$t0" "$t1" "$t2" "$t3" <<'PY'
import sys
n, t0, t1, t2, t3 = int(sys.argv[1]), *map(float, sys.argv[2:])
base, ours = n / (t1 - t0), n / (t3 - t2)
print(f"webhook -> email, {n} messages into postfix smtp-sink, reused connections")
print(f"  smtp-source -> sink:          {base:9.0f} msg/s ({t1 - t0:.2f} s)")
print(f"  hookflow webhook -> email:    {ours:9.0f} msg/s ({t3 - t2:.2f} s, each run stored durably)")
print(f"  ratio:                        {ours / base:.1%} of smtp-source (target >= 90%)")
PY
