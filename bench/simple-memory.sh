#!/usr/bin/env bash
# The Simple API over a generated index of many projects in a small heap: the whole /simple/ index
# streamed (HTML and JSON), then every project page asked for in both formats, so the render
# cache fills and evicts. Not a test: figures go to docs/benchmarks.md.
#
#   [BENCH_DURATION=60s] bench/simple-memory.sh [PROJECTS] [HEAP] [CACHE]   (defaults 100000, 256m, 64MiB)
#
# Needs target/cheeseshop.jar (mvn -DskipTests package), wrk, curl, python3.
set -euo pipefail
projects=${1:-100000}
heap=${2:-256m}
cache=${3:-64MiB}
duration=${BENCH_DURATION:-60s}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
work=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

start=$(date +%s)
java -jar "$jar" bench-data --data "$work/data" --projects "$projects" --journal $((projects * 3)) >/dev/null
echo "bench-data: $projects projects, $((projects * 3)) journal entries in $(( $(date +%s) - start )) s;" \
  "database $(du -h "$work/data/cheeseshop.db" | cut -f1)"

java -Xmx"$heap" -Xlog:gc:file="$work/gc.log" -jar "$jar" serve --data "$work/data" --host 127.0.0.1 \
  --port "$port" --cache-size "$cache" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do
  [[ $(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' "$base/simple" 2>/dev/null) == 301 ]] && break; sleep 0.2
done

for accept in text/html application/vnd.pypi.simple.v1+json; do
  curl --noproxy '*' -fs -H "Accept: $accept" -o "$work/index.$$" \
    -w "/simple/ as $accept: %{http_code}, %{size_download} bytes in %{time_total} s (first byte after %{time_starttransfer} s)\n" \
    "$base/simple/"
done
python3 - "$work/index.$$" "$work/names.txt" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
names = [p["name"] for p in doc["projects"]]
print(f"JSON index lists {len(names)} projects; meta {doc['meta']}")
import re
def norm(n): return re.sub(r"[-_.]+", "-", n).lower()
open(sys.argv[2], "w").write("\n".join(norm(n) for n in names) + "\n")
PY

cat >"$work/pages.lua" <<LUA
local names = {}
for line in io.lines("$work/names.txt") do names[#names + 1] = line end
local accepts = {"text/html", "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01"}
local i = 0
request = function()
  i = i + 1
  local name = names[(i % #names) + 1]
  local accept = accepts[(math.floor(i / #names) % 2) + 1]
  return wrk.format("GET", "/simple/" .. name .. "/", {["Accept"] = accept})
end
LUA
echo "every project page, both formats, round robin (wrk -t1 -c16 -d$duration):"
wrk -t1 -c16 -d"$duration" -s "$work/pages.lua" "$base" | grep -E 'Requests/sec|requests in|Non-2xx|Socket errors' || true
echo "the same again (wrk -t1 -c16 -d30s):"
wrk -t1 -c16 -d30s -s "$work/pages.lua" "$base" | grep -E 'Requests/sec|requests in|Non-2xx|Socket errors' || true
curl --noproxy '*' -fs -o /dev/null -w "/simple/ (HTML) after: %{http_code}, %{size_download} bytes in %{time_total} s\n" "$base/simple/"
jcmd "$server_pid" GC.heap_info 2>/dev/null | sed -n 1,4p || true
echo "largest heap in use after a GC: $(grep -o '[0-9]*M->[0-9]*M' "$work/gc.log" | sed 's/.*->//; s/M//' | sort -n | tail -1) MiB" \
  "($(grep -c 'Pause' "$work/gc.log") GC pauses)"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
grep -o 'render cache at shutdown: .*' "$work/server.log" || true
if grep -q 'OutOfMemoryError' "$work/server.log"; then echo "OutOfMemoryError!"; exit 1; fi
