#!/usr/bin/env bash
# The web pages (issue 13): the cached project page and home page against nginx serving the same
# bytes from a file, on the same machine in the same run; then the time to render a project page
# that is not in the render cache, over HTTP and without it. Not a test: figures go to
# docs/benchmarks.md ("Web pages").
#
#   bench/web-pages.sh [RUNS] [RELEASES]   (defaults 5, 30; from the project's root, after
#                                           mvn -B -o -q -DskipTests package)
#
# 1. Starts Cheeseshop (java -Xmx256m) on fresh data and uploads, through /legacy/, a project of
#    RELEASES releases with 3 files each (two wheels and an sdist), a long Markdown description,
#    14 classifiers and the rest of a real project's metadata (bench/seed_web_project.py); the
#    journal then holds about 4 entries per release. Saves /project/NAME/ and / as an anonymous
#    browser gets them, starts nginx (bench/lib.sh: non-daemon, its own config in a temporary
#    directory, a free port, sendfile on) serving those two files, warms both up, then RUNS times,
#    interleaved, `wrk -t2 -c32 -d10s` against each of the four; prints the median requests/s of
#    each, the ratio Cheeseshop/nginx, and the server's CPU time (user + sys) per cached page.
# 2. Restarts the server on the same data with --cache-size 1 (the render cache keeps nothing, so
#    every request reads the project and renders its page) and RUNS times runs `wrk -t1 -c1 -d10s
#    --latency`, one request at a time, alternating the project page and its release pages;
#    prints the median of the runs' 50th and 90th latency percentiles and the CPU per page.
# 3. Stops the server and runs bench/web-render.jsh: WebPages.project on the same SQLite store in
#    jshell, a fresh DocumentCache per call (the render alone, no HTTP), median and p90 per call.
#
# Env: BENCH_HEAP (default 256m), BENCH_DURATION (per wrk run, default 10s), CHEESESHOP_JAR.
# Needs wrk, nginx, curl, python3, jshell.
set -euo pipefail
runs=${1:-5}
releases=${2:-30}
duration=${BENCH_DURATION:-10s}
heap=${BENCH_HEAP:-256m}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
here=$(dirname "$0")
# shellcheck source=lib.sh
source "$here/lib.sh"
name=bench-web
work=$(mktemp -d)
chmod 755 "$work" # nginx's workers (www-data when started as root) read www/ in it
server_pid= nginx_pid=
cleanup() {
  for pid in $server_pid $nginx_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
base="http://127.0.0.1:$port"
start_server() { # extra serve options...
  java -Xmx"$heap" -jar "$jar" serve --data "$work/data" --host 127.0.0.1 --port "$port" "$@" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do curl --noproxy '*' -fs -o /dev/null "$base/simple/" && return; sleep 0.2; done
  cat "$work/server.log" >&2; exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; } # the server's user + sys, in clock ticks
hz=$(getconf CLK_TCK)

echo 'bench-password-1' | java -jar "$jar" user add bench --data "$work/data" --password-stdin >/dev/null
start_server
python3 "$here/seed_web_project.py" "$base" bench bench-password-1 "$name" "$releases"
page="$base/project/$name/"
mkdir -p "$work/www"
curl --noproxy '*' -fs -o "$work/www/project.html" "$page"
curl --noproxy '*' -fs -o "$work/www/home.html" "$base/"
echo "project: $releases releases, $(sqlite3 "$work/data/cheeseshop.db" 'SELECT COUNT(*) FROM files') files," \
  "$(sqlite3 "$work/data/cheeseshop.db" 'SELECT COUNT(*) FROM journals') journal entries;" \
  "/project/$name/ $(wc -c <"$work/www/project.html") bytes, / $(wc -c <"$work/www/home.html") bytes"
echo "response headers: cheeseshop $(curl --noproxy '*' -fs -D - -o /dev/null "$page" | wc -c) bytes"

start_nginx "$work" "$work/www"
nginx_pid=$NGINX_PID nport=$NGINX_PORT
echo "nginx headers: $(curl --noproxy '*' -fs -D - -o /dev/null "http://127.0.0.1:$nport/project.html" | wc -c) bytes"
cmp <(curl --noproxy '*' -fs "$page") "$work/www/project.html" # the same bytes, still

declare -A results
project_ticks=0 project_requests=0
measure() { # kind url: appends the requests/s to results[kind]; sets last_requests
  wrk -t2 -c32 -d"$duration" "$2" >"$work/wrk.out"
  if grep -q 'Non-2xx' "$work/wrk.out"; then grep 'Non-2xx' "$work/wrk.out" >&2; exit 1; fi
  last_requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
  results[$1]+="$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out") "
}
# Warm both up (JIT, caches) before measuring.
wrk -t2 -c32 -d5s "$page" >/dev/null
wrk -t2 -c32 -d5s "$base/" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u '+%Y-%m-%d %H:%M UTC'))"
for i in $(seq 1 "$runs"); do
  t0=$(cpu_ticks)
  measure cheese_project "$page"
  project_ticks=$((project_ticks + $(cpu_ticks) - t0)) project_requests=$((project_requests + last_requests))
  measure nginx_project "http://127.0.0.1:$nport/project.html"
  measure cheese_home "$base/"
  measure nginx_home "http://127.0.0.1:$nport/home.html"
done
echo "load average after the throughput runs: $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in project home; do
  c=$(echo "${results[cheese_$kind]}" | median)
  n=$(echo "${results[nginx_$kind]}" | median)
  echo "$kind: cheeseshop runs ${results[cheese_$kind]}"
  echo "$kind: nginx      runs ${results[nginx_$kind]}"
  printf '%s: median cheeseshop %.0f req/s, nginx %.0f req/s, ratio %.2f\n' "$kind" "$c" "$n" "$(echo "$c / $n" | bc -l)"
done
printf 'cached project page: server CPU %.1f us per request (user + sys over %d requests)\n' \
  "$(echo "$project_ticks * 1000000 / $hz / $project_requests" | bc -l)" "$project_requests"
kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=

# 2. Not in the render cache: every request renders.
stop_server
start_server --cache-size 1
versions=$(seq -f '1.%g' 0 $((releases - 1)) | tr '\n' ' ')
cat >"$work/pages.lua" <<LUA
local paths = {}
for v in string.gmatch("$versions", "%S+") do
  paths[#paths + 1] = "/project/$name/"
  paths[#paths + 1] = "/project/$name/" .. v .. "/"
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
us() { # a wrk duration (12.3us, 4.5ms, 1.2s) in microseconds
  awk '{v = $1 + 0; if ($1 ~ /ms$/) v *= 1000; else if ($1 ~ /[0-9]s$/ && $1 !~ /us$/) v *= 1000000; printf "%.0f", v}'
}
wrk -t1 -c1 -d5s -s "$work/pages.lua" "$base" >/dev/null # warm-up
p50s= p90s= rates= ticks=0 served=0
for i in $(seq 1 "$runs"); do
  t0=$(cpu_ticks)
  wrk -t1 -c1 -d"$duration" --latency -s "$work/pages.lua" "$base" >"$work/wrk.out"
  ticks=$((ticks + $(cpu_ticks) - t0))
  if grep -q 'Non-2xx' "$work/wrk.out"; then grep 'Non-2xx' "$work/wrk.out" >&2; exit 1; fi
  served=$((served + $(awk '/requests in/ {print $1}' "$work/wrk.out")))
  p50s+="$(awk '$1 == "50%" {print $2}' "$work/wrk.out" | us) "
  p90s+="$(awk '$1 == "90%" {print $2}' "$work/wrk.out" | us) "
  rates+="$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out") "
done
echo "uncached over HTTP, one at a time: p50 runs (us) $p50s; p90 runs (us) $p90s; req/s $rates"
printf 'uncached over HTTP: median p50 %.0f us, median p90 %.0f us, %.0f pages/s; server CPU %.0f us per page (over %d pages)\n' \
  "$(echo "$p50s" | median)" "$(echo "$p90s" | median)" "$(echo "$rates" | median)" \
  "$(echo "$ticks * 1000000 / $hz / $served" | bc -l)" "$served"
stop_server

# 3. The render alone, in jshell, on the same store.
BENCH_DATA="$work/data" BENCH_PROJECT="$name" BENCH_VERSIONS="$versions" BENCH_RUNS="$runs" \
  jshell --class-path "$jar" "$here/web-render.jsh" 2>&1 | grep '^render'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u '+%Y-%m-%d %H:%M UTC'))"
