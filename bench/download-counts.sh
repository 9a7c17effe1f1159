#!/usr/bin/env bash
# The cost of counting downloads: the same file downloaded from two Cheeseshop processes on one
# index, one counting (--download-counts on, the default) and one not (off), on the same machine
# in the same run. Not a test: figures go to docs/benchmarks.md.
#
#   bench/download-counts.sh [RUNS]     (from the project's root, after mvn -DskipTests package)
#
# Creates fresh data, uploads a project with one wheel (bench/seed_project.py) through a server
# that is then stopped, starts two servers (java -Xmx256m each) on that one data directory (SQLite
# in WAL mode, as two processes share it), one counting and one not, then runs `wrk -t2 -c32 -d10s` RUNS times (default 5) against the
# wheel's /packages/ URL on each, interleaved, and prints the median requests/s of each and the
# ratio on/off (and the median of each interleaved pair's ratio); then RUNS times both at once
# (`wrk -t1 -c16 -d10s` each), so that other load weighs on both alike. The machine being shared, it also
# reads each server's CPU time (user + system, /proc/PID/stat) around each run and prints the
# median CPU microseconds per request, which other load disturbs far less than the rate. The
# counting server flushes its counts every 30 s during the runs, as in service. BENCH_CONTROL=1
# runs the "on" server with counting off too: the spread between two identical servers.
set -euo pipefail
runs=${1:-5}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
heap=${BENCH_HEAP:-256m}
work=$(mktemp -d)
on_pid= off_pid=
cleanup() {
  for pid in $on_pid $off_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
serve() { # port on|off|seed
  java -Xmx"$heap" -jar "$jar" serve --data "$work/data" --host 127.0.0.1 --port "$1" \
    --download-counts "$([ "$2" = off ] || [ "$2" = on -a "${BENCH_CONTROL:-0}" = 1 ] && echo off || echo on)" \
    >"$work/server-$2.log" 2>&1 &
}
wait_up() { for _ in $(seq 1 100); do curl --noproxy '*' -fs -o /dev/null "$1/simple/" && return; sleep 0.2; done; }

echo 'bench-password-1' | java -jar "$jar" user add bench --data "$work/data" --password-stdin >/dev/null
# Seeded through a third server, stopped before the two measured ones start: neither has served
# anything but downloads when it is measured.
seed_port=$(free_port)
serve "$seed_port" seed
seed_pid=$!
wait_up "http://127.0.0.1:$seed_port"
python3 "$(dirname "$0")/seed_project.py" "http://127.0.0.1:$seed_port" bench bench-password-1 bench-project 1
kill "$seed_pid"; wait "$seed_pid" || true
on_port=$(free_port) off_port=$(free_port)
serve "$on_port" on
on_pid=$!
serve "$off_port" off
off_pid=$!
on="http://127.0.0.1:$on_port" off="http://127.0.0.1:$off_port"
wait_up "$on"
wait_up "$off"
path=$(curl --noproxy '*' -fs "$on/pypi/bench-project/json" \
  | python3 -c 'import json, sys, urllib.parse; print(urllib.parse.urlparse(json.load(sys.stdin)["urls"][0]["url"]).path)')
echo "file: $path, $(curl --noproxy '*' -fs "$on$path" | wc -c) bytes"

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # the process's user + system CPU time, in clock ticks
hz=$(getconf CLK_TCK)
declare -A rates cpu
measure() { # name pid url [threads connections]: one run; appends its req/s and its server's CPU µs per request
  local before after out
  before=$(ticks "$2")
  out=$(wrk -t"${4:-2}" -c"${5:-32}" -d10s "$3")
  after=$(ticks "$2")
  rates[$1]+="$(echo "$out" | awk '/Requests\/sec/ {print $2}') "
  cpu[$1]+="$(echo "$out" | awk -v t=$((after - before)) -v hz="$hz" '/requests in/ {printf "%.1f", t * 1e6 / hz / $1}') "
}
# Warm both up (JIT, the page cache) before measuring.
for _ in 1 2; do wrk -t2 -c32 -d10s "$on$path" >/dev/null; wrk -t2 -c32 -d10s "$off$path" >/dev/null; done
for i in $(seq 1 "$runs"); do
  if (( i % 2 )); then
    measure on "$on_pid" "$on$path"; measure off "$off_pid" "$off$path"
  else
    measure off "$off_pid" "$off$path"; measure on "$on_pid" "$on$path"
  fi
done
# Side by side: both servers loaded at once (wrk -t1 -c16 each) for the same 10 s, so that whatever
# else the machine runs weighs on both alike. (Each side measures in a subshell and prints its one run.)
for i in $(seq 1 "$runs"); do
  (rates[both_on]= cpu[both_on]=; measure both_on "$on_pid" "$on$path" 1 16; echo "${rates[both_on]}|${cpu[both_on]}") >"$work/both-on" &
  w=$!
  (rates[both_off]= cpu[both_off]=; measure both_off "$off_pid" "$off$path" 1 16; echo "${rates[both_off]}|${cpu[both_off]}") >"$work/both-off"
  wait "$w"
  for side in on off; do
    IFS='|' read -r r c <"$work/both-$side"
    rates[both_$side]+="$r" cpu[both_$side]+="$c"
  done
done
pairs() { # on-list off-list: each run's on/off ratio
  paste -d/ <(echo "$1" | tr ' ' '\n' | grep -v '^$') <(echo "$2" | tr ' ' '\n' | grep -v '^$') | bc -l | tr '\n' ' '
}
for kind in on off; do
  echo "counting $kind: req/s ${rates[$kind]}; server CPU us/request ${cpu[$kind]}"
done
m_on=$(echo "${rates[on]}" | median)
m_off=$(echo "${rates[off]}" | median)
printf 'median req/s: on %.0f, off %.0f, ratio on/off %.3f; median of the paired runs\x27 ratios %.3f\n' \
  "$m_on" "$m_off" "$(echo "$m_on / $m_off" | bc -l)" "$(pairs "${rates[on]}" "${rates[off]}" | median)"
c_on=$(echo "${cpu[on]}" | median)
c_off=$(echo "${cpu[off]}" | median)
printf 'median server CPU per request: on %.1f us, off %.1f us, ratio off/on %.3f\n' \
  "$c_on" "$c_off" "$(echo "$c_off / $c_on" | bc -l)"
b_on=$(echo "${rates[both_on]}" | median)
b_off=$(echo "${rates[both_off]}" | median)
echo "both at once: on req/s ${rates[both_on]}; CPU us/request ${cpu[both_on]}"
echo "both at once: off req/s ${rates[both_off]}; CPU us/request ${cpu[both_off]}"
printf 'both at once: median req/s on %.0f, off %.0f, ratio on/off %.3f (median of the pairs %.3f); CPU per request on %.1f us, off %.1f us, ratio off/on %.3f\n' \
  "$b_on" "$b_off" "$(echo "$b_on / $b_off" | bc -l)" "$(pairs "${rates[both_on]}" "${rates[both_off]}" | median)" \
  "$(echo "${cpu[both_on]}" | median)" "$(echo "${cpu[both_off]}" | median)" \
  "$(echo "$(echo "${cpu[both_off]}" | median) / $(echo "${cpu[both_on]}" | median)" | bc -l)"
# The counts reached the store (all but the last 30 s, which the next flush or the shutdown writes).
curl --noproxy '*' -fs "$on/pypi/bench-project/json" \
  | python3 -c 'import json, sys; print("info.downloads on the counting server:", json.load(sys.stdin)["info"]["downloads"])'
# The counter alone: nanoseconds per counted download on the hot path, two threads at once, a
# flush to SQLite every second (src/test/java/dev/cheeseshop/downloads/DownloadCounterBench.java).
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.cheeseshop.downloads.DownloadCounterBench 2 1000 5 2>/dev/null | grep '^round'
