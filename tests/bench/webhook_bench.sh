#!/usr/bin/env bash
# Webhook accept-and-store throughput against nginx `return 200` measured in the same run:
# wrk, 64 keep-alive connections, 200-byte JSON POSTs, on loopback. Prints req/s for both, the
# ratio, hookflow's latency percentiles, its resident memory under load, the CPU time each
# spends per request (hookflow's by thread: where the gap to nginx is) and, when perf can count
# them, the system calls and context switches each makes per request.
#   webhook_bench.sh BUILD_DIR [SECONDS]
set -euo pipefail
build="$(cd "$1" && pwd)"
seconds="${2:-10}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/cpu.sh"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- the ceiling: nginx answering 200 to every POST ------------------------------------------
nginx_port="$(free_port)"
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
error_log $work/nginx/logs/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  server { listen 127.0.0.1:$nginx_port; location / { return 200 '{"ok":true}'; } }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids+=($!)

# --- hookflow: a webhook workflow with one cheap step ----------------------------------------
mkdir -p "$work/hf/workflows"
cat > "$work/hf/hookflow.json" <<CONF
{ "data_dir": "var", "workflow_dirs": ["workflows"], "log_level": "warn",
  "admin": { "listen": "127.0.0.1:0" },
  "runner": { "workers": 2, "queue_capacity": 1000000 },
  "plugins": { "webhook": { "listen": "127.0.0.1:0", "io_threads": 2 } } }
CONF
cat > "$work/hf/workflows/bench.json" <<'JSON'
{ "id": "bench", "trigger": { "type": "webhook" },
  "steps": [ { "id": "note", "type": "log", "config": { "message": "{{$request.body.title}}" } } ] }
JSON
"$build/bin/hookflow" serve --config "$work/hf/hookflow.json" 2>"$work/hf/engine.log" &
hf_pid=$!
pids+=($hf_pid)
for _ in $(seq 1 200); do
  url="$("$build/bin/hookflow" workflows list --data-dir "$work/hf/var" --json >/dev/null 2>&1 &&
         "$build/bin/hookflow" trigger bench --data-dir "$work/hf/var" --json 2>/dev/null |
         /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])' 2>/dev/null || true)"
  [[ -n "$url" ]] && break
  sleep 0.05
done
[[ -n "$url" ]] || { cat "$work/hf/engine.log"; exit 1; }
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" && break; sleep 0.05; done

run_wrk() { wrk -t2 -c64 -d"${seconds}s" --latency -s "$here/post.lua" "$1" 2>&1; }
requests() { awk '/requests in/ {print $1}' <<<"$1"; }
nginx_procs=("${pids[0]}" $(ps -o pid= --ppid "${pids[0]}"))
ticks_by_thread "${nginx_procs[@]}" >"$work/nginx.before"
nginx_out="$(run_wrk "http://127.0.0.1:$nginx_port/")"
ticks_by_thread "${nginx_procs[@]}" >"$work/nginx.after"
ticks_by_thread "$hf_pid" >"$work/hf.before"
hf_out="$(run_wrk "$url")"
ticks_by_thread "$hf_pid" >"$work/hf.after"
hf_rss_kb="$(awk '/VmHWM/ {print $2}' /proc/$hf_pid/status)"

rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' <<<"$1"; }
errors() { awk '/Non-2xx/ {print $5}' <<<"$1"; }
nginx_rps="$(rps "$nginx_out")"
hf_rps="$(rps "$hf_out")"
cat <<REPORT
webhook accept-and-store, wrk -t2 -c64 -d${seconds}s, 200-byte JSON POST, loopback
  nginx return 200:  ${nginx_rps} req/s
  hookflow webhook:  ${hf_rps} req/s   (non-2xx: $(errors "$hf_out"; true))
  ratio:             $(/usr/bin/python3 -c "print(f'{$hf_rps / $nginx_rps:.1%}')") of nginx (target >= 40%)
  hookflow latency:  p50 $(pct "$hf_out" 50%)  p90 $(pct "$hf_out" 90%)  p99 $(pct "$hf_out" 99%) (target p99 <= 10 ms)
  hookflow peak RSS: $((hf_rss_kb / 1024)) MB (target <= 50 MB)
  CPU per request:   nginx $(us_per_request "$work/nginx.before" "$work/nginx.after" "$(requests "$nginx_out")")
                     hookflow $(us_per_request "$work/hf.before" "$work/hf.after" "$(requests "$hf_out")")
REPORT
# Kernel events per request (exact counts, where time is noisy), when perf can count them.
events_per_request "  events per request: nginx" "$(IFS=,; echo "${nginx_procs[*]}")" \
  -t2 -c64 -d3s -s "$here/post.lua" "http://127.0.0.1:$nginx_port/"
events_per_request "                      hookflow" "$hf_pid" -t2 -c64 -d3s -s "$here/post.lua" "$url"
