#!/usr/bin/env bash
# Webhook -> email end to end: N runs, each sending one message into postfix's smtp-sink over
# reused SMTP connections. Baseline: postfix's smtp-source sending N messages to a sink of its
# own (4 sessions, connections reused). Both use 4 SMTP sessions. The two alternate for ROUNDS
# rounds (the machine is noisy) and the medians are compared.
#   email_bench.sh BUILD_DIR [MESSAGES] [ROUNDS]
set -euo pipefail
build="$(cd "$1" && pwd)"
count="${2:-2000}"
rounds="${3:-3}"
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
wait_delivered() {  # counter file, total
  until [[ "$(delivered "$1")" == "$2" ]]; do sleep 0.005; done
}

# --- hookflow: webhook -> email.send into its own sink -----------------------------------------
hf_port="$(free_port)"
start_sink "$hf_port" "$work/hf-sink.out"
mkdir -p "$work/hf/workflows"
cat > "$work/hf/hookflow.json" <<CONF
{ "data_dir": "var", "workflow_dirs": ["workflows"], "log_level": "warn",
  "admin": { "listen": "127.0.0.1:0" }, "runner": { "workers": 4 },
  "plugins": { "webhook": { "listen": "127.0.0.1:0" },
               "email": { "smtp_url": "smtp://127.0.0.1:$hf_port?tls=none", "pool_size": 4 } } }
CONF
cat > "$work/hf/workflows/mail.json" <<'JSON'
{ "id": "mail", "trigger": { "type": "webhook" },
  "steps": [ { "id": "send", "type": "email.send",
               "config": { "to": ["ops@example.com"], "from": "flow@example.com",
                           "subject": "New note: {{$request.body.title}}", "text": "{{$request}}" } } ] }
JSON
(cd "$work/hf" && exec "$build/bin/hookflow" serve --config hookflow.json 2>engine.log) &
pids+=($!)
for _ in $(seq 1 200); do grep -q '"engine started"' "$work/hf/engine.log" 2>/dev/null && break; sleep 0.05; done
url="$("$build/bin/hookflow" trigger mail --data-dir "$work/hf/var" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')"
printf '{"title":"note","body":"%0150d"}' 0 >"$work/body.json"

base_port="$(free_port)"
start_sink "$base_port" "$work/base-sink.out"

base_rates=()
hf_rates=()
for round in $(seq 1 "$rounds"); do
  # smtp-source straight into the sink
  t0="$(now)"
  smtp-source -d -s 4 -m "$count" -l 200 -f flow@example.com -t ops@example.com "127.0.0.1:$base_port"
  wait_delivered "$work/base-sink.out" $((round * count))
  t1="$(now)"
  # hookflow: exactly $count POSTs over 64 keep-alive connections (ab fails on non-2xx), then
  # until the sink has every message
  t2="$(now)"
  ab -q -k -c 64 -n "$count" -p "$work/body.json" -T application/json "$url" >"$work/ab.out"
  grep -q '^Non-2xx' "$work/ab.out" && { cat "$work/ab.out"; exit 1; }
  wait_delivered "$work/hf-sink.out" $((round * count))
  t3="$(now)"
  base_rates+=("$(/usr/bin/python3 -c "print($count / ($t1 - $t0))")")
  hf_rates+=("$(/usr/bin/python3 -c "print($count / ($t3 - $t2))")")
done

/usr/bin/python3 - "$count" "${base_rates[*]}" "${hf_rates[*]}" <<'PY'
import statistics, sys
n = int(sys.argv[1])
base = [float(x) for x in sys.argv[2].split()]
ours = [float(x) for x in sys.argv[3].split()]
b, o = statistics.median(base), statistics.median(ours)
print(f"webhook -> email, {n} messages per round into postfix smtp-sink, 4 reused SMTP sessions each")
print(f"  smtp-source -> sink:          {b:9.0f} msg/s median of {' '.join(f'{x:.0f}' for x in base)}")
print(f"  hookflow webhook -> email:    {o:9.0f} msg/s median of {' '.join(f'{x:.0f}' for x in ours)}"
      " (each run stored durably)")
print(f"  ratio:                        {o / b:.1%} of smtp-source (target >= 90%)")
PY
