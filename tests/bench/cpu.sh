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
