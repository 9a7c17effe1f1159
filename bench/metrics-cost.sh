#!/usr/bin/env bash
# What the metrics cost on the hottest path: a cached Simple API project page (20 files), served
# by two servers in the same run, one with --metrics off (nothing counted) and one with
# --metrics public (every request counted in the latency histogram). Not a test: figures go to
# docs/benchmarks.md ("Metrics on the cached project page").
#
#   bench/metrics-cost.sh [RUNS]          (from the project's root, after mvn -DskipTests package)
#
# Starts both (java -Xmx256m each) on fresh data, uploads the same project with 20 wheels to each
# (bench/seed_project.py) and warms both up. Then, RUNS times (default 5):
#   1. interleaved: `wrk -t2 -c32 -d10s` against one server, then the other (off then public,
#      public then off, ...), for pip's JSON page and for the HTML page;
#   2. side by side: `wrk -t1 -c16 -d10s` against both at once (JSON), so that whatever else the
#      machine is running weighs on both alike.
# It prints every run, the median requests/s of each, the ratio public/off of the medians and the
# median of the ratios of each pair. Last, it reads the public server's /metrics and prints how
# many page requests it counted.
set -euo pipefail
runs=${1:-5}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
heap=${BENCH_HEAP:-256m}
pip_accept='application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01'
work=$(mktemp -d)
off_pid= public_pid=
cleanup() {
  for pid in $off_pid $public_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

url=
start() { # name metrics: sets url and ${name}_pid
  local name=$1 metrics=$2 port
  port=$(free_port)
  echo 'bench-password-1' | java -jar "$jar" user add bench --data "$work/$name" --password-stdin >/dev/null
  java -Xmx"$heap" -jar "$jar" serve --data "$work/$name" --host 127.0.0.1 --port "$port" --metrics "$metrics" \
    >"$work/$name.log" 2>&1 &
  eval "${name}_pid=$!"
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl --noproxy '*' -fs -o /dev/null "$url/simple/" && break; sleep 0.2; done
  python3 "$(dirname "$0")/seed_project.py" "$url" bench bench-password-1 bench-project 20 >/dev/null
}
start off off
off=$url
start public public
public=$url
[ "$(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' "$off/metrics")" = 404 ]
[ "$(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' "$public/metrics")" = 200 ]

declare -A results
measure() { # url accept [threads connections]
  wrk -t"${3:-2}" -c"${4:-32}" -d10s -H "Accept: $2" "$1" | awk '/Requests\/sec/ {print $2}'
}
for base in "$off" "$public"; do # warm both up (JIT, caches) before measuring
  wrk -t2 -c32 -d5s -H "Accept: $pip_accept" "$base/simple/bench-project/" >/dev/null
  wrk -t2 -c32 -d5s -H 'Accept: text/html' "$base/simple/bench-project/" >/dev/null
done
# 1. Interleaved: each server alone, one after the other, the whole machine each time.
for i in $(seq 1 "$runs"); do
  for kind in json html; do
    accept=$pip_accept; [ "$kind" = html ] && accept='text/html'
    if [ $((i % 2)) = 1 ]; then # alternate which goes first, so that neither always follows the other
      o=$(measure "$off/simple/bench-project/" "$accept"); p=$(measure "$public/simple/bench-project/" "$accept")
    else
      p=$(measure "$public/simple/bench-project/" "$accept"); o=$(measure "$off/simple/bench-project/" "$accept")
    fi
    results[off_$kind]+="$o "; results[public_$kind]+="$p "
    results[ratio_$kind]+="$(echo "$p / $o" | bc -l | xargs printf '%.3f') "
  done
done
# 2. Side by side: both servers loaded at once (wrk -t1 -c16 each) for the same 10 s, so that
# whatever else the machine runs weighs on both alike; the ratio of the two rates is the run's.
for i in $(seq 1 "$runs"); do
  measure "$off/simple/bench-project/" "$pip_accept" 1 16 >"$work/off.rate" &
  w=$!
  p=$(measure "$public/simple/bench-project/" "$pip_accept" 1 16)
  wait "$w"
  o=$(cat "$work/off.rate")
  results[off_both]+="$o "; results[public_both]+="$p "
  results[ratio_both]+="$(echo "$p / $o" | bc -l | xargs printf '%.3f') "
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for kind in json html both; do
  o=$(echo "${results[off_$kind]}" | median)
  p=$(echo "${results[public_$kind]}" | median)
  r=$(echo "${results[ratio_$kind]}" | median)
  echo "$kind: --metrics off    runs ${results[off_$kind]}"
  echo "$kind: --metrics public runs ${results[public_$kind]}"
  echo "$kind: ratios of each pair ${results[ratio_$kind]}"
  printf '%s: median off %.0f req/s, public %.0f req/s, ratio of medians %.3f, median of pair ratios %.3f\n' \
    "$kind" "$o" "$p" "$(echo "$p / $o" | bc -l)" "$r"
done
echo "page requests the public server counted:"
curl --noproxy '*' -fs "$public/metrics" \
  | grep '^cheeseshop_http_request_duration_seconds_count{method="GET",route="/simple/{name}/",status="200"}'
