#!/usr/bin/env bash
# Out-of-tree consumer test, as a plugin author does it: install Hookflow into a staging
# prefix, copy plugins/template elsewhere, build and test it against the installed SDK only,
# then load it into the installed `hookflow` and run a workflow that uses it.
#   plugin_template.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir="$1"
source_dir="$2"
work="$(mktemp -d)"
engine_pid=""
cleanup() {
  [[ -n "$engine_pid" ]] && kill -TERM "$engine_pid" 2>/dev/null && wait "$engine_pid" || true
  rm -rf "$work"
}
trap cleanup EXIT

prefix="$work/prefix"
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
cp -r "$source_dir/plugins/template" "$work/greet"

# Only the installed SDK: no path into the source or build tree.
cmake -S "$work/greet" -B "$work/greet/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/greet/build" >/dev/null
(cd "$work/greet/build" && ctest --output-on-failure >/dev/null)
echo "template plugin built and tested against the installed SDK"

# Exactly one exported symbol: the entry.
exports="$(nm -D --defined-only "$work/greet/build/greet.so" | awk '{print $3}')"
[[ "$exports" == "hookflow_plugin" ]] || { echo "greet.so exports: $exports"; exit 1; }

# (Output captured first: `cmd | grep -q` would fail under pipefail when grep exits early.)
listed="$("$prefix/bin/hookflow" plugins list --plugins "$prefix/lib/hookflow/plugins" --plugins "$work/greet/build")"
grep -q '^greet ' <<<"$listed" || { echo "$listed"; exit 1; }
described="$("$prefix/bin/hookflow" plugins describe greet --plugins "$work/greet/build")"
grep -q 'greeting (string) default "Hello"' <<<"$described" || { echo "$described"; exit 1; }

mkdir -p "$work/run/workflows"
cat > "$work/run/hookflow.json" <<JSON
{ "data_dir": "var", "workflow_dirs": ["workflows"],
  "plugin_dirs": ["$prefix/lib/hookflow/plugins", "$work/greet/build"],
  "admin": { "listen": "127.0.0.1:0" },
  "plugins": { "webhook": { "listen": "127.0.0.1:0" }, "greet": { "punctuation": "!!" } } }
JSON
cat > "$work/run/workflows/hello.json" <<'JSON'
{ "id": "hello", "trigger": { "type": "webhook" },
  "steps": [ { "id": "greet", "type": "greet", "config": { "name": "{{$request.body.name}}" } } ] }
JSON
"$prefix/bin/hookflow" serve --config "$work/run/hookflow.json" 2>"$work/run/engine.log" &
engine_pid=$!
for _ in $(seq 1 600); do
  grep -q '"engine started"' "$work/run/engine.log" && break
  kill -0 "$engine_pid" 2>/dev/null || { cat "$work/run/engine.log"; exit 1; }
  sleep 0.05
done
url="$(grep -o '"workflow":"hello"[^}]*"url":"[^"]*"' "$work/run/engine.log" | grep -o 'http[^"]*')"
curl -sf -X POST "$url" -H 'Content-Type: application/json' -d '{"name": "Ada"}' >/dev/null
for _ in $(seq 1 600); do
  out="$("$prefix/bin/hookflow" runs list --data-dir "$work/run/var" --json)"
  grep -q '"status":"succeeded"' <<<"$out" && break
  sleep 0.05
done
run_id="$(grep -o '"id":"[^"]*"' <<<"$out" | head -1 | cut -d'"' -f4)"
shown="$("$prefix/bin/hookflow" runs show "$run_id" --data-dir "$work/run/var" --json)"
grep -q '"text":"Hello, Ada!!"' <<<"$shown" || { echo "$shown"; exit 1; }
echo "installed hookflow loaded the template plugin and ran a workflow with it"
