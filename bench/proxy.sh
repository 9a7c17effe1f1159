#!/usr/bin/env bash
# Proxying an upstream index (issue 12): a cold and a warm `pip download` of 50 projects through
# Cheeseshop's proxy and through proxpi, and the warm project page against nginx, all in the same
# run. Not a test: figures go to docs/benchmarks.md ("Proxying an upstream: pip download and the
# warm page, beside proxpi").
#
#   PROXPI_SRC=/tmp/proxpi-src bench/proxy.sh [RUNS]   (from the project's root, after
#                                                       mvn -DskipTests package; RUNS default 5)
#
# PROXPI_SRC is a checkout of https://github.com/EpicWink/proxpi (its src/proxpi/ is run as is):
#   git clone https://github.com/EpicWink/proxpi /tmp/proxpi-src      (or: git archive HEAD | tar -x)
# It runs on Debian's /usr/bin/python3 with python3-flask, python3-jinja2, python3-lxml and
# python3-requests (apt-get install), under Flask's own server (`flask run`, threaded), as its
# README's "Local" instructions run it, with PROXPI_LOGGING_LEVEL=WARNING (no line per request).
# Needs nginx, wrk (apt-get install wrk) and curl.
#
# The upstream: bench/proxy_tree.py writes a static PEP 503 tree (HTML, sha256 in every link,
# PEP 658 metadata) of 50 projects with one small real wheel each (bench-proxy-NN), 50 more for
# warming up (warmup-NN) and page-project (20 wheels), served by nginx (lib.sh's start_nginx).
# Both proxies have it as their index (Cheeseshop `--upstream http://127.0.0.1:N/simple/
# --upstream-ttl 1h`, java -Xmx256m; proxpi PROXPI_INDEX_URL, PROXPI_INDEX_TTL=3600 and its files
# in PROXPI_CACHE_DIR), so no page is revalidated during a run.
#
# pip is Debian's (/usr/bin/python3 -m pip, 23.0.1 on bookworm) with no configuration (an empty
# environment, PIP_CONFIG_FILE=/dev/null), `pip download --no-deps --no-cache-dir
# --disable-pip-version-check -d TMP --index-url URL <the 50 names>`: one page and one wheel per
# project. Every download is checked byte for byte against the tree. RUNS times, the order of the
# two proxies alternating:
#   1. cold, fresh process: each proxy started on a fresh data / cache directory, pip once, timed;
#   2. cold caches, warmed process: each started fresh again, pip fetches the 50 warmup-NN projects
#      (untimed: the JIT, the connections), then the 50 bench-proxy-NN projects, timed;
#   3. warm: the same pip again on that process, everything cached;
#   4. the floor: the same pip against nginx, the upstream itself.
# Each timing is pip's wall time and the proxy's CPU time (user + system from /proc/PID/stat)
# while pip ran.
# Then the warm project page: page-project fetched once through each proxy (its page cached), and
# Cheeseshop's answer to pip's Accept header (PEP 691 JSON) saved and served by a second nginx as a
# file; beside them, on the same Cheeseshop, local-project, uploaded with 20 wheels
# (bench/seed_project.py), the page bench/simple-wrk.sh measures. After a 10 s warm-up of each,
# `wrk -t2 -c32 -d10s -H "Accept: $PIP_ACCEPT"` against the proxied page on Cheeseshop, on proxpi,
# that nginx and the local page, interleaved (the order rotating), RUNS times: the median
# requests/s of each, the ratios Cheeseshop/nginx and Cheeseshop/proxpi, and each server's CPU time
# per request (nginx: its workers'). BENCH_TMP=/dev/shm puts every data directory in memory, where
# fsync costs nothing.
set -euo pipefail
runs=${1:-5}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
heap=${BENCH_HEAP:-256m}
proxpi_src=${PROXPI_SRC:?set PROXPI_SRC to a checkout of https://github.com/EpicWink/proxpi}
python=/usr/bin/python3
here=$(dirname "$0")
# shellcheck source=lib.sh
source "$here/lib.sh"
[ -f "$jar" ] || { echo "no $jar: mvn -B -o -q -DskipTests package" >&2; exit 1; }
[ -f "$proxpi_src/src/proxpi/server.py" ] || { echo "no proxpi source in $proxpi_src" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
jar=$(realpath "$jar")
proxpi_src=$(realpath "$proxpi_src")

work=$(mktemp -d "${BENCH_TMP:-/tmp}/proxy-bench.XXXXXX")
chmod 755 "$work"
upstream_nginx_pid= page_nginx_pid= cs_pid= pp_pid=
stop() { # pid...: stops the processes this script started
  local pid
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
cleanup() {
  # NGINX_PID too: an nginx start_nginx started but did not see answer
  stop "$cs_pid" "$pp_pid" "$upstream_nginx_pid" "$page_nginx_pid" "${NGINX_PID:-}"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The upstream.
mkdir -p "$work/upstream" "$work/nginx-upstream"
python3 "$here/proxy_tree.py" "$work/upstream" 50 20
chmod -R a+rX "$work/upstream"
start_nginx "$work/nginx-upstream" "$work/upstream"
upstream_nginx_pid=$NGINX_PID
upstream="http://127.0.0.1:$NGINX_PORT/simple/"
mapfile -t names <"$work/upstream/names-bench.txt"
mapfile -t warmup_names <"$work/upstream/names-warmup.txt"

n=0 # numbers the data directories
cs_url= pp_url=
start_cheeseshop() { # [user]: a fresh data directory (with a user bench); sets cs_pid and cs_url
  local port
  port=$(free_port)
  n=$((n + 1))
  if [ "${1:-}" = user ]; then
    echo 'bench-password-1' | java -jar "$jar" user add bench --data "$work/cs-$n" --password-stdin >/dev/null
  fi
  java -Xmx"$heap" -jar "$jar" serve --data "$work/cs-$n" --host 127.0.0.1 --port "$port" \
    --upstream "$upstream" --upstream-ttl 1h >"$work/cs-$n.log" 2>&1 &
  cs_pid=$!
  cs_url="http://127.0.0.1:$port"
  until curl --noproxy '*' -fs -o /dev/null "$cs_url/simple/"; do
    kill -0 "$cs_pid" 2>/dev/null || { cat "$work/cs-$n.log" >&2; exit 1; }
    sleep 0.1
  done
}
start_proxpi() { # a fresh cache directory; sets pp_pid and pp_url
  local port
  port=$(free_port)
  n=$((n + 1))
  mkdir "$work/pp-$n"
  (cd "$work" && exec env PYTHONPATH="$proxpi_src/src" PROXPI_INDEX_URL="$upstream" PROXPI_INDEX_TTL=3600 \
    PROXPI_CACHE_DIR="$work/pp-$n" PROXPI_LOGGING_LEVEL=WARNING \
    "$python" -m flask --app proxpi.server run --host 127.0.0.1 --port "$port" >"$work/pp-$n.log" 2>&1) &
  pp_pid=$!
  pp_url="http://127.0.0.1:$port"
  until curl --noproxy '*' -fs -o /dev/null "$pp_url/health"; do
    kill -0 "$pp_pid" 2>/dev/null || { cat "$work/pp-$n.log" >&2; exit 1; }
    sleep 0.1
  done
}

hz=$(getconf CLK_TCK)
ticks() { # the user + system time of the processes, in clock ticks
  local pid sum=0
  for pid in "$@"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$sum"
}
pip_download() { # index-url "pid..." names...: "wall-seconds server-CPU-seconds"; checks every file
  local url=$1 pids=$2 before after t0 t1 f
  shift 2
  rm -rf "$work/dl"
  # shellcheck disable=SC2086
  before=$(ticks $pids)
  t0=$(date +%s.%N)
  if ! env -i PATH=/usr/bin:/bin HOME="$work" PIP_CONFIG_FILE=/dev/null \
      "$python" -m pip download --no-deps --no-cache-dir --disable-pip-version-check -q \
      -d "$work/dl" --index-url "$url" "$@" >"$work/pip.log" 2>&1; then
    echo "pip download from $url failed:" >&2; cat "$work/pip.log" >&2; exit 1
  fi
  t1=$(date +%s.%N)
  # shellcheck disable=SC2086
  after=$(ticks $pids)
  [ "$(find "$work/dl" -type f | wc -l)" = "$#" ] \
    || { echo "pip download from $url: $(ls "$work/dl" | wc -l) files, not $#" >&2; exit 1; }
  for f in "$work/dl"/*; do
    cmp -s "$f" "$work/upstream/files/${f##*/}" \
      || { echo "pip download from $url: ${f##*/} differs from the upstream's" >&2; exit 1; }
  done
  echo "$t1 $t0 $((after - before))" | awk -v hz="$hz" '{printf "%.3f %.3f\n", $1 - $2, $3 / hz}'
}

declare -A wall cpu
record() { # key "wall cpu"
  local r=($2)
  wall[$1]+="${r[0]} "; cpu[$1]+="${r[1]} "
}
upstream_workers() { pgrep -P "$upstream_nginx_pid" | tr '\n' ' '; }

uptime
for i in $(seq 1 "$runs"); do
  order="cs pp"; [ $((i % 2)) = 0 ] && order="pp cs"
  for who in $order; do
    if [ "$who" = cs ]; then
      start_cheeseshop; record cs_cold "$(pip_download "$cs_url/simple/" "$cs_pid" "${names[@]}")"; stop "$cs_pid"; cs_pid=
      start_cheeseshop
      pip_download "$cs_url/simple/" "$cs_pid" "${warmup_names[@]}" >/dev/null
      record cs_coldw "$(pip_download "$cs_url/simple/" "$cs_pid" "${names[@]}")"
      record cs_warm "$(pip_download "$cs_url/simple/" "$cs_pid" "${names[@]}")"
      stop "$cs_pid"; cs_pid=
    else
      start_proxpi; record pp_cold "$(pip_download "$pp_url/index/" "$pp_pid" "${names[@]}")"; stop "$pp_pid"; pp_pid=
      start_proxpi
      pip_download "$pp_url/index/" "$pp_pid" "${warmup_names[@]}" >/dev/null
      record pp_coldw "$(pip_download "$pp_url/index/" "$pp_pid" "${names[@]}")"
      record pp_warm "$(pip_download "$pp_url/index/" "$pp_pid" "${names[@]}")"
      # proxpi redirects to the upstream when a download takes over PROXPI_DOWNLOAD_TIMEOUT (0.9 s):
      # check that it kept and served every file itself.
      kept=$(find "$work/pp-$n" -name '*.whl' | wc -l)
      [ "$kept" = $((${#names[@]} + ${#warmup_names[@]})) ] || { echo "proxpi kept $kept files" >&2; exit 1; }
      stop "$pp_pid"; pp_pid=
    fi
  done
  record nginx "$(pip_download "$upstream" "$(upstream_workers)" "${names[@]}")"
  echo "pip run $i of $runs done" >&2
done

# The warm project page, and beside it a local project's page on the same server.
start_cheeseshop user
python3 "$here/seed_project.py" "$cs_url" bench bench-password-1 local-project 20 >/dev/null
start_proxpi
page=page-project
mkdir -p "$work/www" "$work/nginx-page"
curl --noproxy '*' -fs -H "Accept: $PIP_ACCEPT" -o "$work/www/page.json" "$cs_url/simple/$page/"
curl --noproxy '*' -fs -H "Accept: $PIP_ACCEPT" -o "$work/pp-page.json" "$pp_url/index/$page/"
chmod -R a+rX "$work/www"
start_nginx "$work/nginx-page" "$work/www"
page_nginx_pid=$NGINX_PID
page_nginx_url="http://127.0.0.1:$NGINX_PORT/page.json"
page_nginx_workers=$(pgrep -P "$page_nginx_pid" | tr '\n' ' ')
declare -A rate pcpu
measure() { # key url pid...: wrk against url, the server's CPU per request
  local key=$1 url=$2 before after out
  shift 2
  before=$(ticks "$@")
  out=$(wrk -t2 -c32 -d10s -H "Accept: $PIP_ACCEPT" "$url")
  after=$(ticks "$@")
  if echo "$out" | grep -q 'Non-2xx'; then echo "$key: $out" >&2; exit 1; fi
  local r
  r=($(echo "$out" | awk -v t=$((after - before)) -v hz="$hz" \
    '/requests in/ {n=$1} /Requests\/sec/ {r=$2} END {printf "%s %.2f\n", r, t / hz * 1e6 / n}'))
  rate[$key]+="${r[0]} "; pcpu[$key]+="${r[1]} "
}
{
  wrk -t2 -c32 -d10s -H "Accept: $PIP_ACCEPT" "$cs_url/simple/$page/" >/dev/null
  wrk -t2 -c32 -d10s -H "Accept: $PIP_ACCEPT" "$cs_url/simple/local-project/" >/dev/null
  wrk -t2 -c32 -d10s -H "Accept: $PIP_ACCEPT" "$pp_url/index/$page/" >/dev/null
  wrk -t2 -c32 -d10s -H "Accept: $PIP_ACCEPT" "$page_nginx_url" >/dev/null
  for i in $(seq 1 "$runs"); do
    case $((i % 4)) in
      1) order="cs pp ng cl" ;; 2) order="pp ng cl cs" ;; 3) order="ng cl cs pp" ;; 0) order="cl cs pp ng" ;;
    esac
    for who in $order; do
      case $who in
        cs) measure cs "$cs_url/simple/$page/" "$cs_pid" ;;
        cl) measure cl "$cs_url/simple/local-project/" "$cs_pid" ;;
        pp) measure pp "$pp_url/index/$page/" "$pp_pid" ;;
        ng) measure ng "$page_nginx_url" $page_nginx_workers ;; # shellcheck disable=SC2086
      esac
    done
  done
}
uptime

m() { echo "$1" | median; }
echo
echo "pip download --no-deps of ${#names[@]} projects, wall seconds (median of $runs) and the server's CPU seconds while pip ran:"
printf '%-34s %10s %10s %12s %12s %10s\n' '' 'Cheeseshop' 'proxpi' 'CS CPU' 'proxpi CPU' 'CS/proxpi'
for kind in cold coldw warm; do
  label=$kind
  case $kind in
    cold) label='cold, fresh process' ;; coldw) label='cold caches, process warmed up' ;; warm) label='warm (all cached)' ;;
  esac
  c=$(m "${wall[cs_$kind]}"); p=$(m "${wall[pp_$kind]}")
  printf '%-34s %10.2f %10.2f %12.3f %12.3f %10.2f\n' "$label" "$c" "$p" \
    "$(m "${cpu[cs_$kind]}")" "$(m "${cpu[pp_$kind]}")" "$(echo "$c / $p" | bc -l)"
done
printf '%-34s %10.2f   (nginx workers CPU %.3f)\n' 'nginx, the upstream itself' "$(m "${wall[nginx]}")" "$(m "${cpu[nginx]}")"
for k in cs_cold pp_cold cs_coldw pp_coldw cs_warm pp_warm nginx; do
  echo "  $k: wall ${wall[$k]}; CPU ${cpu[$k]}"
done
echo
echo "warm project page ($page, 20 files; Cheeseshop's JSON $(wc -c <"$work/www/page.json") bytes, proxpi's $(wc -c <"$work/pp-page.json") bytes), wrk -t2 -c32 -d10s, median of $runs:"
c=$(m "${rate[cs]}"); p=$(m "${rate[pp]}"); g=$(m "${rate[ng]}"); l=$(m "${rate[cl]}")
printf 'Cheeseshop %.0f req/s (%.1f µs CPU/request), proxpi %.0f req/s (%.1f µs), nginx %.0f req/s (%.1f µs)\n' \
  "$c" "$(m "${pcpu[cs]}")" "$p" "$(m "${pcpu[pp]}")" "$g" "$(m "${pcpu[ng]}")"
printf 'Cheeseshop/nginx %.2f, Cheeseshop/proxpi %.1f\n' "$(echo "$c / $g" | bc -l)" "$(echo "$c / $p" | bc -l)"
printf 'beside it, a local project of 20 wheels on the same Cheeseshop (JSON %s bytes): %.0f req/s (%.1f µs), /nginx %.2f\n' \
  "$(curl --noproxy '*' -fs -H "Accept: $PIP_ACCEPT" "$cs_url/simple/local-project/" | wc -c)" \
  "$l" "$(m "${pcpu[cl]}")" "$(echo "$l / $g" | bc -l)"
for k in cs pp ng cl; do echo "  $k: req/s ${rate[$k]}; CPU µs/request ${pcpu[$k]}"; done
