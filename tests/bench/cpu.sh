# Sourced by the benchmarks: CPU time per request of the processes under test, by thread name.

# CPU time (user + system, clock ticks) of every thread of the processes given, summed by
# thread name: sorted "name ticks" lines.
ticks_by_thread() {  # pid...
  local p t
  for p in "$@"; do
    for t in /proc/"$p"/task/*; do echo "$(tr ' ' '_' <"$t/comm") $(awk '{print $14 + $15}' "$t/stat")"; done
  done | awk '{sum[$1] += $2} END {for (k in sum) print k, sum[k]}' | LC_ALL=C sort
}

# Microseconds of CPU per request between two ticks_by_thread snapshots:
# "total us (name us, name us, ...)", the largest first.
us_per_request() {  # before-file, after-file, requests
  LC_ALL=C join "$1" "$2" |
    awk -v n="$3" -v hz="$(getconf CLK_TCK)" '{ printf "%s %.1f\n", $1, ($3 - $2) * 1e6 / hz / n }' | sort -k2,2 -rn |
    awk '{ total += $2; if ($2 >= 0.1) parts = parts (parts == "" ? "" : ", ") $1 " " $2 }
         END { printf "%.1f us (%s)", total, parts }'
}

# Kernel events per request of one process while a load runs, counted by perf (exact counts,
# unlike time on a shared machine): every system call, futex calls (thread hand-offs), fsyncs
# and context switches, in total and by thread name. Prints nothing when perf cannot count.
#   events_per_request LABEL PIDS WRK_ARGS...
# PIDS: comma-separated; perf counts while `wrk WRK_ARGS...` runs, whose request count divides.
events_per_request() {
  local label="$1" pid="$2" out requests
  shift 2
  out="$(mktemp)"
  requests="$(perf stat --per-thread -x, -o "$out" -p "$pid" \
    -e raw_syscalls:sys_enter,syscalls:sys_enter_futex,syscalls:sys_enter_fdatasync,context-switches \
    -- wrk "$@" 2>/dev/null | awk '/requests in/ {print $1}')" || { rm -f "$out"; return 0; }
  awk -F, -v n="$requests" -v label="$label" '
    $2 ~ /^[0-9]+$/ { name = $1; sub(/-[0-9]+$/, "", name); ev = $4; sub(/^.*:sys_enter_?/, "", ev)
                      if (ev == "") ev = "syscalls"; total[ev] += $2; by[name, ev] += $2; names[name] = 1 }
    END {
      if (n <= 0 || total["syscalls"] == 0) exit
      printf "%s %.2f system calls (futex %.2f, fdatasync %.3f), %.2f context switches\n", label,
             total["syscalls"] / n, total["futex"] / n, total["fdatasync"] / n, total["context-switches"] / n
      line = ""
      for (t in names) if (by[t, "syscalls"] / n >= 0.01)
        line = line sprintf("%s%s %.2f/%.2f", line == "" ? "" : ", ", t, by[t, "syscalls"] / n, by[t, "context-switches"] / n)
      if (length(names) > 1) printf "%*s by thread (calls/switches): %s\n", length(label), "", line
    }' "$out"
  rm -f "$out"
}
