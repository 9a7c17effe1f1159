#!/usr/bin/env bash
# Throughput of Simple API project pages that are not in the render cache: every request names a
# project chosen at random among DISTINCT ones (default 100,000) and the server's render cache is
# 1 byte, so it keeps nothing and each request reads its project from the database and renders it.
# In the same run, interleaved, the reference: the page's bare SQL for the same number of random
# projects through the sqlite3 CLI (one process, literals, no HTTP). Prints the median pages/s of
# each, the raw runs, and the CPU time (user + sys) per page, which a shared machine's load
# disturbs less than the rates. Not a test: figures go to docs/benchmarks.md.
#
#   bench/simple-uncached.sh [RUNS] [PROJECTS] [DISTINCT]   (defaults 5, 100000, 100000)
#
# Env: BENCH_JOURNAL (journal entries, default 43 per project, PyPI's ratio), BENCH_DATA (an
# existing bench-data directory to serve instead of generating one; it is not modified, but is
# served in place), BENCH_DURATION (per wrk run, default 10s), BENCH_WARMUP (wrk before the runs,
# default 20s: the JIT, and the page cache over a large database), BENCH_HEAP (default 256m),
# CHEESESHOP_JAR. Needs target/cheeseshop.jar (mvn -DskipTests package), wrk, curl, python3, sqlite3.
#
# On PostgreSQL: with CHEESESHOP_DATABASE (and CHEESESHOP_DATABASE_PASSWORD) naming a database that
# `bench-data --database` loaded, and BENCH_DATA the directory it was given, the server reads that
# database (as every cheeseshop command does from the environment) and the reference runs the same
# SQL through psql, in one transaction; the CPU per page is then the server's and PostgreSQL's
# (every postgres process of the machine, during the wrk runs).
set -euo pipefail
runs=${1:-5}
projects=${2:-100000}
distinct=${3:-100000}
journal=${BENCH_JOURNAL:-$((projects * 43))}
duration=${BENCH_DURATION:-10s}
warmup=${BENCH_WARMUP:-20s}
heap=${BENCH_HEAP:-256m}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
pip_accept=$PIP_ACCEPT
work=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

data=${BENCH_DATA:-}
if [[ -z $data ]]; then
  data="$work/data"
  start=$(date +%s)
  java -jar "$jar" bench-data --data "$data" --projects "$projects" --journal "$journal" --seed 1 2>/dev/null
  echo "bench-data: $projects projects, $journal journal entries in $(( $(date +%s) - start )) s"
fi
db="$data/cheeseshop.db"
if [[ -n ${CHEESESHOP_DATABASE:-} ]]; then
  psql=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)
  q() { PGPASSWORD=${CHEESESHOP_DATABASE_PASSWORD:-} "$psql" -X -q -A -t -F ' ' -d "$CHEESESHOP_DATABASE" -c "$1"; }
  run_sql() { PGPASSWORD=${CHEESESHOP_DATABASE_PASSWORD:-} "$psql" -X -q -d "$CHEESESHOP_DATABASE" -o /dev/null -f "$1"; }
  echo "database: PostgreSQL $CHEESESHOP_DATABASE"
else
  q() { sqlite3 -separator ' ' "$db" "$1"; }
  run_sql() { sqlite3 "$db" <"$1" >/dev/null; }
  echo "database: SQLite $(du -h "$db" | cut -f1)"
fi
echo "$(q 'SELECT COUNT(*) FROM projects') projects, $(q 'SELECT COUNT(*) FROM releases') releases," \
  "$(q 'SELECT COUNT(*) FROM files') files"

# DISTINCT normalised names, a fixed sample (seeded), one a line.
q 'SELECT normalized_name FROM projects WHERE quarantined_at IS NULL' | python3 -c '
import random, sys
names = sys.stdin.read().split()
random.Random(1).shuffle(names)
print("\n".join(sorted(names[:int(sys.argv[1])])))' "$distinct" >"$work/names.txt"
echo "asking for $(wc -l <"$work/names.txt") distinct projects at random"

java -Xmx"$heap" -jar "$jar" serve --data "$data" --host 127.0.0.1 --port "$port" --cache-size 1 \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do
  [[ $(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' "$base/simple" 2>/dev/null) == 301 ]] && break; sleep 0.2
done
first=$(head -1 "$work/names.txt")
curl --noproxy '*' -fs -H "Accept: $pip_accept" -o "$work/page.json" "$base/simple/$first/"
echo "a page: /simple/$first/ is $(wc -c <"$work/page.json") bytes of JSON"

cat >"$work/random.lua" <<LUA
local names = {}
for line in io.lines("$work/names.txt") do names[#names + 1] = line end
local n = #names
setup = function(thread) thread:set("seed", math.random(1, 1000000)) end
init = function() math.randomseed(seed) end
request = function()
  return wrk.format("GET", "/simple/" .. names[math.random(1, n)] .. "/", {["Accept"] = "$pip_accept"})
end
LUA
served=0
measure() { # one wrk run: appends requests/s to $cheese, adds the requests to $served
  local p0; p0=$(pg_ticks)
  wrk -t2 -c32 -d"$duration" -s "$work/random.lua" "$base" >"$work/wrk.out"
  pg_during_wrk=$((pg_during_wrk + $(pg_ticks) - p0))
  if grep -q 'Non-2xx' "$work/wrk.out"; then grep 'Non-2xx' "$work/wrk.out" >&2; exit 1; fi
  served=$((served + $(awk '/requests in/ {print $1}' "$work/wrk.out")))
  cheese+="$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out") "
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; } # the server's user + sys, in clock ticks

# The reference: the page's two queries as the server runs them (the project by name; the files of
# its releases not in quarantine, with their releases' fields: SqlFiles.LISTED) for `distinct`
# random projects, with literals, in one transaction, by the sqlite3 CLI (or psql).
q 'SELECT normalized_name, id FROM projects' >"$work/ids.txt"
python3 - "$work/ids.txt" "$work/names.txt" "$work/pages.sql" "${CHEESESHOP_DATABASE:+postgresql}" <<'PY'
import random, sys
ids = dict(line.split() for line in open(sys.argv[1]) if line.strip())
names = open(sys.argv[2]).read().split()
rng = random.Random(2)
with open(sys.argv[3], "w") as out:
    out.write("BEGIN;\n" if sys.argv[4] else ".output /dev/null\nBEGIN;\n")
    for _ in range(len(names)):
        n = rng.choice(names)
        q = n.replace("'", "''")
        out.write(f"SELECT id, name, created, last_serial, quarantined_at FROM projects WHERE normalized_name = '{q}';\n"
                  "SELECT f.id, f.release_id, f.filename, f.packagetype, f.python_version, f.size, f.md5_digest,"
                  " f.sha256_digest, f.blake2_256_digest, f.metadata_sha256, f.metadata_blake2_256, f.upload_time,"
                  " f.path, f.comment_text, f.uploaded_via, r.version, r.requires_python, r.yanked, r.yanked_reason"
                  f" FROM releases r JOIN files f ON f.release_id = r.id"
                  f" WHERE r.project_id = {ids[n]} AND r.quarantined_at IS NULL;\n")
    out.write("COMMIT;\n")
PY
sql_cpu=0 pg_during_wrk=0
hz=$(getconf CLK_TCK)
pg_ticks() { # user + sys of every postgres process, in clock ticks (0 on SQLite)
  if [[ -z ${CHEESESHOP_DATABASE:-} ]]; then echo 0; return; fi
  local pid total=0
  for pid in $(pgrep -x postgres); do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$total"
}
reference() { # appends the bare SQL's pages/s (by wall time) to $sql, adds its CPU seconds to $sql_cpu
  local t wall p0
  if [[ -n ${CHEESESHOP_DATABASE:-} ]]; then # psql is a client: the CPU is PostgreSQL's
    p0=$(pg_ticks); t=$(date +%s%N)
    run_sql "$work/pages.sql"
    wall=$(echo "($(date +%s%N) - $t) / 1000000000" | bc -l)
    sql_cpu=$(echo "$sql_cpu + ($(pg_ticks) - $p0) / $hz" | bc -l)
  else
    t=$( { /usr/bin/time -f '%e %U %S' sqlite3 "$db" <"$work/pages.sql" >/dev/null; } 2>&1 | tail -1)
    sql_cpu=$(echo "$sql_cpu + $(echo "$t" | awk '{print $2 + $3}')" | bc -l)
    wall=$(echo "$t" | awk '{print $1}')
  fi
  sql+="$(echo "$distinct / $wall" | bc -l | xargs printf '%.0f') "
}

wrk -t2 -c32 -d"$warmup" -s "$work/random.lua" "$base" >/dev/null   # warm-up (JIT, page cache)
run_sql "$work/pages.sql"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cheese= sql=
ticks0=$(cpu_ticks)
for i in $(seq 1 "$runs"); do
  measure
  reference
done
ticks=$(( $(cpu_ticks) - ticks0 ))
echo "cheeseshop runs (pages/s): $cheese"
echo "bare SQL runs (pages/s):   $sql"
printf 'median: cheeseshop %.0f uncached pages/s, the bare SQL (%s, one process, one statement at a time) %.0f pages/s\n' \
  "$(echo "$cheese" | median)" "$([[ -n ${CHEESESHOP_DATABASE:-} ]] && echo psql || echo 'sqlite3 CLI')" "$(echo "$sql" | median)"
printf 'CPU time per page: cheeseshop %.0f us (user + sys over %d pages), the bare SQL %.0f us\n' \
  "$(echo "$ticks * 1000000 / $hz / $served" | bc -l)" "$served" \
  "$(echo "$sql_cpu * 1000000 / ($runs * $distinct)" | bc -l)"
if [[ -n ${CHEESESHOP_DATABASE:-} ]]; then
  printf 'PostgreSQL CPU per page during the cheeseshop runs: %.0f us (its processes user + sys)\n' \
    "$(echo "$pg_during_wrk * 1000000 / $hz / $served" | bc -l)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
