#!/usr/bin/env bash
# Throughput of a Simple API project page (20 files) against nginx serving the same bytes from a
# file, on the same machine in the same run. Not a test: figures go to docs/benchmarks.md.
#
#   bench/simple-wrk.sh [RUNS]          (from the project's root, after mvn -DskipTests package)
#
# Starts Cheeseshop (java -Xmx256m) on fresh data, uploads a project with 20 wheels, saves its page
# as pip gets it (JSON) and as a browser gets it (HTML), starts nginx (non-daemon, its own config in
# a temporary directory, on a free port) serving those two files, then runs
# `wrk -t2 -c32 -d10s` RUNS times (default 5) against each of the four, interleaved, and prints the
# median requests/s of each and the ratio Cheeseshop/nginx.
set -euo pipefail
runs=${1:-5}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
heap=${BENCH_HEAP:-256m}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
pip_accept=$PIP_ACCEPT
work=$(mktemp -d)
chmod 755 "$work" # nginx's workers (www-data when started as root) read www/ in it
server_pid= nginx_pid=
cleanup() {
  for pid in $server_pid $nginx_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
echo 'bench-password-1' | java -jar "$jar" user add bench --data "$work/data" --password-stdin >/dev/null
java -Xmx"$heap" -jar "$jar" serve --data "$work/data" --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl --noproxy '*' -fs -o /dev/null "$base/simple/" && break; sleep 0.2; done
python3 "$(dirname "$0")/seed_project.py" "$base" bench bench-password-1 bench-project 20
page="$base/simple/bench-project/"
mkdir -p "$work/www"
curl --noproxy '*' -fs -H "Accept: $pip_accept" -o "$work/www/page.json" "$page"
curl --noproxy '*' -fs -H 'Accept: text/html' -o "$work/www/page.html" "$page"
echo "page: $(grep -o '<a ' "$work/www/page.html" | wc -l) files; HTML $(wc -c <"$work/www/page.html") bytes," \
  "JSON $(wc -c <"$work/www/page.json") bytes"

start_nginx "$work" "$work/www"
nginx_pid=$NGINX_PID nport=$NGINX_PORT

declare -A results
measure() { # name url accept
  wrk -t2 -c32 -d10s -H "Accept: $3" "$2" | awk '/Requests\/sec/ {print $2}'
}
# Warm both up (JIT, caches) before measuring.
wrk -t2 -c32 -d5s -H "Accept: $pip_accept" "$page" >/dev/null
wrk -t2 -c32 -d5s -H 'Accept: text/html' "$page" >/dev/null
for i in $(seq 1 "$runs"); do
  results[cheese_json]+="$(measure cheese_json "$page" "$pip_accept") "
  results[nginx_json]+="$(measure nginx_json "http://127.0.0.1:$nport/page.json" "$pip_accept") "
  results[cheese_html]+="$(measure cheese_html "$page" 'text/html') "
  results[nginx_html]+="$(measure nginx_html "http://127.0.0.1:$nport/page.html" 'text/html') "
done
for kind in json html; do
  c=$(echo "${results[cheese_$kind]}" | median)
  n=$(echo "${results[nginx_$kind]}" | median)
  echo "$kind: cheeseshop runs ${results[cheese_$kind]}"
  echo "$kind: nginx      runs ${results[nginx_$kind]}"
  printf '%s: median cheeseshop %.0f req/s, nginx %.0f req/s, ratio %.2f\n' "$kind" "$c" "$n" "$(echo "$c / $n" | bc -l)"
done
