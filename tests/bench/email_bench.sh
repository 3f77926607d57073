#!/usr/bin/env bash
# Webhook -> email end to end: N runs, each sending one message into postfix's smtp-sink over
# reused SMTP connections. Baseline: postfix's smtp-source sending N messages to a sink of its
# own (4 sessions, connections reused). Both use 4 SMTP sessions. The two alternate for ROUNDS
# rounds (the machine is noisy) and the medians are compared. Exits non-zero when the engine
# does not start, a round is not delivered within 120 s, a sink gets more messages than were
# sent (duplicates), or hookflow opens more SMTP sessions in a round than its pool_size. Also
# prints the CPU time per message of hookflow (by thread) and of each sink.
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
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/cpu.sh"

start_sink() {  # port, counter file: smtp-sink prints its running totals with -c
  smtp-sink -u nobody -c "127.0.0.1:$1" 256 >"$2" 2>&1 &
  pids+=($!)
  sink_pid=$!
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.02; done
  echo "error: smtp-sink did not listen on 127.0.0.1:$1 within 2 s" >&2; cat "$2" >&2; exit 1
}
# smtp-sink -c writes "sess=N quit=N mesg=N" after every session end, QUIT and message, each
# ended by a CR; sess counts sessions that have ENDED (with or without QUIT).
counter() {  # counter file, name (sess|quit|mesg): its latest value, 0 before any
  local v
  v="$(grep -ao "$2=[0-9]*" "$1" | tail -1 | cut -d= -f2)" || true
  echo "${v:-0}"
}
open_sessions() {  # port: connections the sink holds open (pooled ones never end during a round)
  ss -Htn state established "( sport = :$1 )" | wc -l
}
sessions_now() {  # port, counter file: sessions ever opened = ended + still open
  echo $(($(counter "$2" sess) + $(open_sessions "$1")))
}

# --- hookflow: webhook -> email.send into its own sink -----------------------------------------
hf_port="$(free_port)"
pool=4  # hookflow's pool_size
start_sink "$hf_port" "$work/hf-sink.out"
hf_sink_pid=$sink_pid
mkdir -p "$work/hf/workflows"
cat > "$work/hf/hookflow.json" <<CONF
{ "data_dir": "var", "workflow_dirs": ["workflows"], "log_level": "warn",
  "admin": { "listen": "127.0.0.1:0" }, "runner": { "workers": 4 },
  "plugins": { "webhook": { "listen": "127.0.0.1:0" },
               "email": { "smtp_url": "smtp://127.0.0.1:$hf_port?tls=none", "pool_size": $pool } } }
CONF
cat > "$work/hf/workflows/mail.json" <<'JSON'
{ "id": "mail", "trigger": { "type": "webhook" },
  "steps": [ { "id": "send", "type": "email.send",
               "config": { "to": ["ops@example.com"], "from": "flow@example.com",
                           "subject": "New note: {{$request.body.title}}", "text": "{{$request}}" } } ] }
JSON
(cd "$work/hf" && exec "$build/bin/hookflow" serve --config hookflow.json 2>engine.log) &
pids+=($!)
hf_pid=$!
# Ready once the admin API answers with the trigger's URL (at log_level warn the engine logs
# nothing on start).
url=""
for _ in $(seq 1 200); do
  kill -0 "$hf_pid" 2>/dev/null || break
  url="$("$build/bin/hookflow" trigger mail --data-dir "$work/hf/var" --json 2>/dev/null |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])' 2>/dev/null)" && break
  url=""
  sleep 0.05
done
if [[ -z "$url" ]]; then
  echo "error: hookflow did not serve the workflow's trigger within 10 s; engine.log:" >&2
  cat "$work/hf/engine.log" >&2 || true
  exit 1
fi
printf '{"title":"note","body":"%0150d"}' 0 >"$work/body.json"

base_port="$(free_port)"
start_sink "$base_port" "$work/base-sink.out"
base_sink_pid=$sink_pid

base_rates=()
hf_rates=()
hf_sessions=()
# CPU time over all rounds (each side idles while the other runs).
cpu_snapshot() {  # suffix
  ticks_by_thread "$hf_pid" >"$work/cpu-hf.$1"
  ticks_by_thread "$hf_sink_pid" >"$work/cpu-hf-sink.$1"
  ticks_by_thread "$base_sink_pid" >"$work/cpu-base-sink.$1"
}
cpu_snapshot before
for round in $(seq 1 "$rounds"); do
  # smtp-source straight into the sink
  base_s0="$(sessions_now "$base_port" "$work/base-sink.out")"
  base_s="$("$here/delivery_time.py" "$work/base-sink.out" $((round * count)) "smtp-source round $round" -- \
    smtp-source -d -s 4 -m "$count" -l 200 -f flow@example.com -t ops@example.com "127.0.0.1:$base_port")"
  base_used=$(($(sessions_now "$base_port" "$work/base-sink.out") - base_s0))
  # hookflow: exactly $count POSTs over 64 keep-alive connections (ab fails on non-2xx), then
  # until the sink has every message
  hf_s0="$(sessions_now "$hf_port" "$work/hf-sink.out")"
  hf_s="$("$here/delivery_time.py" "$work/hf-sink.out" $((round * count)) "hookflow round $round" \
    --output "$work/ab.out" --fail-on Non-2xx -- \
    ab -q -k -c 64 -n "$count" -p "$work/body.json" -T application/json "$url")"
  hf_used=$(($(sessions_now "$hf_port" "$work/hf-sink.out") - hf_s0))
  echo "round $round: SMTP sessions opened: smtp-source $base_used, hookflow $hf_used (pool_size $pool," \
    "$(open_sessions "$hf_port") open)"
  if ((hf_used > pool)); then
    echo "error: hookflow opened $hf_used SMTP sessions in round $round, more than its pool_size $pool" >&2
    exit 1
  fi
  base_rates+=("$(/usr/bin/python3 -c "print($count / $base_s)")")
  hf_rates+=("$(/usr/bin/python3 -c "print($count / $hf_s)")")
  hf_sessions+=("$hf_used")
done
cpu_snapshot after
sent=$((rounds * count))
cpu_hf="$(us_per_request "$work/cpu-hf.before" "$work/cpu-hf.after" "$sent")"
cpu_hf_sink="$(us_per_request "$work/cpu-hf-sink.before" "$work/cpu-hf-sink.after" "$sent")"
cpu_base_sink="$(us_per_request "$work/cpu-base-sink.before" "$work/cpu-base-sink.after" "$sent")"
# A duplicate may land after a round's count was reached: look once more.
for sink in base hf; do
  n="$(counter "$work/$sink-sink.out" mesg)"
  if ((n != rounds * count)); then
    echo "error: the $sink sink received $n messages, $((rounds * count)) were sent" >&2
    exit 1
  fi
done

/usr/bin/python3 - "$count" "${base_rates[*]}" "${hf_rates[*]}" "${hf_sessions[*]}" <<'PY'
import statistics, sys
n = int(sys.argv[1])
base = [float(x) for x in sys.argv[2].split()]
ours = [float(x) for x in sys.argv[3].split()]
sessions = sys.argv[4].split()
b, o = statistics.median(base), statistics.median(ours)
print(f"webhook -> email, {n} messages per round into postfix smtp-sink, 4 reused SMTP sessions each")
print(f"  SMTP sessions hookflow opened per round: {' '.join(sessions)} (pooled ones stay open across rounds)")
print(f"  smtp-source -> sink:          {b:9.0f} msg/s median of {' '.join(f'{x:.0f}' for x in base)}")
print(f"  hookflow webhook -> email:    {o:9.0f} msg/s median of {' '.join(f'{x:.0f}' for x in ours)}"
      " (each run stored durably)")
print(f"  ratio:                        {o / b:.1%} of smtp-source (target >= 90%)")
PY
echo "  CPU per message:              hookflow $cpu_hf"
echo "                                its sink $cpu_hf_sink; smtp-source's sink $cpu_base_sink"
