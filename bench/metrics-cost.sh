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
# median of the ratios of each pair, and the server's CPU time (user + system, from /proc) per
# request, which other sessions' load disturbs far less than the rates. Last, it reads the public
# server's /metrics and prints how many page requests it counted.
set -euo pipefail
runs=${1:-5}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
heap=${BENCH_HEAP:-256m}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
pip_accept=$PIP_ACCEPT
work=$(mktemp -d)
off_pid= public_pid=
cleanup() {
  for pid in $off_pid $public_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

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
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # the process's user + system time, in clock ticks
measure() { # pid url accept [threads connections] -> "req/s server-CPU-µs-per-request"
  local before after out
  before=$(ticks "$1")
  out=$(wrk -t"${4:-2}" -c"${5:-32}" -d10s -H "Accept: $3" "$2")
  after=$(ticks "$1")
  echo "$out" | awk -v t=$((after - before)) -v hz="$hz" \
    '/requests in/ {n=$1} /Requests\/sec/ {r=$2} END {printf "%s %.2f\n", r, t / hz * 1e6 / n}'
}
record() { # kind "off-rate off-cpu" "public-rate public-cpu"
  local o=($2) p=($3)
  results[off_$1]+="${o[0]} "; results[public_$1]+="${p[0]} "
  results[offcpu_$1]+="${o[1]} "; results[publiccpu_$1]+="${p[1]} "
  results[ratio_$1]+="$(echo "${p[0]} / ${o[0]}" | bc -l | xargs printf '%.3f') "
}
page=/simple/bench-project/
for base in "$off" "$public"; do # warm both up (JIT, caches) before measuring
  wrk -t2 -c32 -d5s -H "Accept: $pip_accept" "$base$page" >/dev/null
  wrk -t2 -c32 -d5s -H 'Accept: text/html' "$base$page" >/dev/null
done
# 1. Interleaved: each server alone, one after the other, the whole machine each time.
for i in $(seq 1 "$runs"); do
  for kind in json html; do
    accept=$pip_accept; [ "$kind" = html ] && accept='text/html'
    if [ $((i % 2)) = 1 ]; then # alternate which goes first, so that neither always follows the other
      o=$(measure "$off_pid" "$off$page" "$accept"); p=$(measure "$public_pid" "$public$page" "$accept")
    else
      p=$(measure "$public_pid" "$public$page" "$accept"); o=$(measure "$off_pid" "$off$page" "$accept")
    fi
    record "$kind" "$o" "$p"
  done
done
# 2. Side by side: both servers loaded at once (wrk -t1 -c16 each) for the same 10 s, so that
# whatever else the machine runs weighs on both alike.
for i in $(seq 1 "$runs"); do
  measure "$off_pid" "$off$page" "$pip_accept" 1 16 >"$work/off.rate" &
  w=$!
  p=$(measure "$public_pid" "$public$page" "$pip_accept" 1 16)
  wait "$w"
  record both "$(cat "$work/off.rate")" "$p"
done
for kind in json html both; do
  o=$(echo "${results[off_$kind]}" | median)
  p=$(echo "${results[public_$kind]}" | median)
  r=$(echo "${results[ratio_$kind]}" | median)
  oc=$(echo "${results[offcpu_$kind]}" | median)
  pc=$(echo "${results[publiccpu_$kind]}" | median)
  echo "$kind: --metrics off    req/s ${results[off_$kind]}; server CPU µs/request ${results[offcpu_$kind]}"
  echo "$kind: --metrics public req/s ${results[public_$kind]}; server CPU µs/request ${results[publiccpu_$kind]}"
  echo "$kind: public/off of each pair ${results[ratio_$kind]}"
  printf '%s: median off %.0f req/s, public %.0f req/s: ratio %.3f (median of the pairs %.3f);' \
    "$kind" "$o" "$p" "$(echo "$p / $o" | bc -l)" "$r"
  printf ' server CPU per request off %.1f µs, public %.1f µs: ratio %.3f\n' "$oc" "$pc" "$(echo "$pc / $oc" | bc -l)"
done
echo "page requests the public server counted:"
curl --noproxy '*' -fs "$public/metrics" \
  | grep '^cheeseshop_http_request_duration_seconds_count{method="GET",route="/simple/{name}/",status="200"}'
