#!/usr/bin/env bash
# One `twine upload` of 50 small wheels, authenticated with an API token (__token__) and with a
# password: a token costs a SHA-256 and an indexed read per request, a password an Argon2id run
# (19 MiB, 2 passes) per request. Median of RUNS runs each, alternating. Also twine's own floor:
# `twine --version`, and the same upload to bench/null_upload_server.py (answers 200 to anything,
# stores nothing); the server's CPU time (user + system, from /proc) per upload; and, when
# PYPISERVER_SRC names a folder holding a pypiserver source tree (its `pypiserver/` package; it
# runs from source on Debian's python3 with python3-defusedxml, nothing else installed), the same
# upload to pypiserver (`run -P . -a .`: no authentication, its fastest) in the same run. Not a test: figures go to
# docs/benchmarks.md.
#
#   [PYPISERVER_SRC=DIR] bench/twine-tokens.sh [RUNS] [WHEELS]   (defaults 5 50)
#
# Every timed run uploads new files (a new version of each of the same WHEELS projects, made
# beforehand by an untimed run), so each upload stores and journals a file; none is a no-op.
# Needs target/cheeseshop.jar (mvn -DskipTests package), twine, python3, curl.
set -euo pipefail
runs=${1:-5}
count=${2:-50}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${BENCH_TMP:-/tmp}/twine-tokens.XXXXXX")
server_pid=
null_pid=
peer_pid=
cleanup() {
  for pid in $server_pid $null_pid $peer_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(16))')
echo "$password" | java -jar "$jar" user add bench --data "$work/data" --password-stdin >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # url
  for _ in $(seq 1 120); do
    if curl --noproxy '*' -s -o /dev/null "$1"; then return 0; fi
    sleep 0.5
  done
  echo "no answer from $1" >&2; exit 1
}
port=$(free_port)
java -jar "$jar" serve --data "$work/data" --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
wait_for "http://127.0.0.1:$port/simple/"
url="http://127.0.0.1:$port/legacy/"
null_port=$(free_port)
python3 "$here/null_upload_server.py" "$null_port" &
null_pid=$!
wait_for "http://127.0.0.1:$null_port/"
if [[ -n ${PYPISERVER_SRC:-} ]]; then
  peer_port=$(free_port)
  mkdir -p "$work/peer"
  (cd "$work" && PYTHONPATH="$PYPISERVER_SRC" exec /usr/bin/python3 -m pypiserver run -i 127.0.0.1 -p "$peer_port" \
    -P . -a . --welcome "$PYPISERVER_SRC/pypiserver/welcome.html" "$work/peer" >"$work/peer.log" 2>&1) &
  peer_pid=$!
  wait_for "http://127.0.0.1:$peer_port/simple/"
fi
# The token is created by the command line and kept in a file, never in an argument of ours
# (twine takes it with -p, as its users do in CI through TWINE_PASSWORD).
java -jar "$jar" token create bench --name bench --data "$work/data" | tail -n 1 >"$work/token"

ticks=$(getconf CLK_TCK)
cpu() { awk -v t="$ticks" '{printf "%.3f\n", ($14 + $15) / t}' "/proc/$server_pid/stat"; }

upload() { # user password dir [url]; prints wall seconds and Cheeseshop's CPU seconds (user + system)
  local start end c0 c1
  c0=$(cpu)
  start=$(date +%s.%N)
  TWINE_USERNAME=$1 TWINE_PASSWORD=$2 twine --no-color upload --non-interactive --disable-progress-bar \
    --repository-url "${4:-$url}" "$3"/*.whl >"$work/twine.log" 2>&1 || { cat "$work/twine.log"; exit 1; }
  end=$(date +%s.%N)
  c1=$(cpu)
  echo "$(echo "$end - $start" | bc -l) $(echo "$c1 - $c0" | bc -l)"
}

python3 "$here/make_wheels.py" "$work/w0" bench-upload "$count" 0.0
upload bench "$password" "$work/w0" >/dev/null   # creates the projects; untimed

token_times=(); token_cpu=()
password_times=(); password_cpu=()
floor_times=(); null_times=(); peer_times=()
for i in $(seq 1 "$runs"); do
  python3 "$here/make_wheels.py" "$work/t$i" bench-upload "$count" "1.$i"
  python3 "$here/make_wheels.py" "$work/p$i" bench-upload "$count" "2.$i"
  read -r wall cpu_s < <(upload __token__ "$(cat "$work/token")" "$work/t$i")
  token_times+=("$wall"); token_cpu+=("$cpu_s")
  read -r wall cpu_s < <(upload bench "$password" "$work/p$i")
  password_times+=("$wall"); password_cpu+=("$cpu_s")
  read -r wall _ < <(upload any thing "$work/t$i" "http://127.0.0.1:$null_port/legacy/")
  null_times+=("$wall")
  if [[ -n $peer_pid ]]; then
    read -r wall _ < <(upload any thing "$work/t$i" "http://127.0.0.1:$peer_port/")
    peer_times+=("$wall")
  fi
  start=$(date +%s.%N); twine --version >/dev/null; end=$(date +%s.%N)
  floor_times+=("$(echo "$end - $start" | bc -l)")
done
files=$(curl --noproxy '*' -fs "http://127.0.0.1:$port/simple/bench-upload-00/" | grep -c '<a ')
echo "runs: $runs, wheels per upload: $count, files of bench-upload-00 now: $files"
printf 'token    (s): %s\n' "${token_times[*]}"
printf 'password (s): %s\n' "${password_times[*]}"
printf 'null server (s): %s\n' "${null_times[*]}"
[[ -n $peer_pid ]] && printf 'pypiserver (s): %s\n' "${peer_times[*]}"
printf 'twine --version (s): %s\n' "${floor_times[*]}"
printf 'server CPU, token (s): %s\n' "${token_cpu[*]}"
printf 'server CPU, password (s): %s\n' "${password_cpu[*]}"
t=$(printf '%s\n' "${token_times[@]}" | median)
p=$(printf '%s\n' "${password_times[@]}" | median)
f=$(printf '%s\n' "${floor_times[@]}" | median)
tc=$(printf '%s\n' "${token_cpu[@]}" | median)
pc=$(printf '%s\n' "${password_cpu[@]}" | median)
printf 'median wall: token %.2f s, password %.2f s (%.1fx), twine --version %.2f s\n' "$t" "$p" "$(echo "$p / $t" | bc -l)" "$f"
n=$(printf '%s\n' "${null_times[@]}" | median)
printf 'median wall: null server %.2f s; token / null %.2f\n' "$n" "$(echo "$t / $n" | bc -l)"
if [[ -n $peer_pid ]]; then
  q=$(printf '%s\n' "${peer_times[@]}" | median)
  printf 'median wall: pypiserver %.2f s; token / pypiserver %.2f\n' "$q" "$(echo "$t / $q" | bc -l)"
fi
printf 'median server CPU: token %.2f s, password %.2f s (%.1fx)\n' "$tc" "$pc" "$(echo "$pc / $tc" | bc -l)"
