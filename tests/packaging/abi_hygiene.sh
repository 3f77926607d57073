#!/usr/bin/env bash
# Every plugin file exports only its entry and leaves no symbol unresolved.
#   abi_hygiene.sh PLUGIN.so...
set -euo pipefail
status=0
for so in "$@"; do
  exports="$(nm -D --defined-only "$so" | awk '{print $3}')"
  if [[ "$exports" != "hookflow_plugin" ]]; then
    echo "$so exports more than hookflow_plugin:"; echo "$exports"; status=1
  fi
  if ldd -r "$so" 2>&1 | grep -q 'undefined symbol'; then
    echo "$so has undefined symbols:"; ldd -r "$so" 2>&1 | grep 'undefined symbol'; status=1
  fi
done
((status == 0)) && echo "$# plugin files: only the entry exported, no undefined symbols"
exit $status
