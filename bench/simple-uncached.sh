#!/usr/bin/env bash
# Throughput of Simple API project pages that are not in the render cache: every request names a
# project chosen at random among DISTINCT ones (default 100,000) and the server's render cache is
# 1 byte, so it keeps nothing and each request reads its project from the database and renders it.
# In the same run, the reference: the page's bare SQL for the same number of random projects
# through the sqlite3 CLI (one process, literals, no HTTP). Not a test: figures go to
# docs/benchmarks.md.
#
#   bench/simple-uncached.sh [RUNS] [PROJECTS] [DISTINCT]   (defaults 5, 100000, 100000)
#
# Env: BENCH_JOURNAL (journal entries, default 43 per project, PyPI's ratio), BENCH_DATA (an
# existing bench-data directory to serve instead of generating one; it is not modified, but is
# served in place), BENCH_DURATION (per wrk run, default 10s), BENCH_HEAP (default 256m),
# CHEESESHOP_JAR. Needs target/cheeseshop.jar (mvn -DskipTests package), wrk, curl, python3, sqlite3.
set -euo pipefail
runs=${1:-5}
projects=${2:-100000}
distinct=${3:-100000}
journal=${BENCH_JOURNAL:-$((projects * 43))}
duration=${BENCH_DURATION:-10s}
heap=${BENCH_HEAP:-256m}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
pip_accept='application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01'
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
echo "database $(du -h "$db" | cut -f1): $(sqlite3 "$db" 'SELECT COUNT(*) FROM projects') projects," \
  "$(sqlite3 "$db" 'SELECT COUNT(*) FROM releases') releases, $(sqlite3 "$db" 'SELECT COUNT(*) FROM files') files"

# DISTINCT normalised names, a fixed sample (seeded), one a line.
sqlite3 "$db" 'SELECT normalized_name FROM projects WHERE quarantined_at IS NULL' | python3 -c '
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
measure() {
  wrk -t2 -c32 -d"$duration" -s "$work/random.lua" "$base" >"$work/wrk.out"
  if grep -q 'Non-2xx' "$work/wrk.out"; then grep 'Non-2xx' "$work/wrk.out" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' "$work/wrk.out"
}

# The reference: the page's three queries (the project by name, its releases, its files) for
# `distinct` random projects, as literals in one script, timed by sqlite3 itself.
python3 - "$db" "$work/names.txt" "$work/pages.sql" <<'PY'
import random, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
ids = dict(db.execute("SELECT normalized_name, id FROM projects"))
names = open(sys.argv[2]).read().split()
rng = random.Random(2)
with open(sys.argv[3], "w") as out:
    out.write(".output /dev/null\nBEGIN;\n")
    for _ in range(len(names)):
        n = rng.choice(names)
        q = n.replace("'", "''")
        out.write(f"SELECT id, name, created, last_serial, quarantined_at FROM projects WHERE normalized_name = '{q}';\n"
                  f"SELECT id, version, requires_python, yanked, yanked_reason FROM releases"
                  f" WHERE project_id = {ids[n]} AND quarantined_at IS NULL;\n"
                  f"SELECT f.id, f.release_id, f.filename, f.size, f.sha256_digest, f.metadata_sha256, f.upload_time,"
                  f" f.path FROM files f JOIN releases r ON r.id = f.release_id"
                  f" WHERE r.project_id = {ids[n]} ORDER BY f.filename;\n")
    out.write("COMMIT;\n")
PY
reference() { # pages/s of the bare SQL, by wall time
  local t0 t1
  t0=$(date +%s.%N)
  sqlite3 "$db" <"$work/pages.sql" >/dev/null
  t1=$(date +%s.%N)
  echo "$distinct / ($t1 - $t0)" | bc -l | xargs printf '%.0f\n'
}

wrk -t2 -c32 -d5s -s "$work/random.lua" "$base" >/dev/null   # warm-up (JIT, page cache)
cheese= sql=
for i in $(seq 1 "$runs"); do
  cheese+="$(measure) "
  sql+="$(reference) "
done
read -r user sys _ < <(awk '{print $14, $15}' "/proc/$server_pid/stat")
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "cheeseshop runs (pages/s): $cheese"
echo "bare SQL runs (pages/s):   $sql"
printf 'median: cheeseshop %.0f uncached pages/s, the bare SQL (sqlite3 CLI, one process) %.0f pages/s\n' \
  "$(echo "$cheese" | median)" "$(echo "$sql" | median)"
echo "server CPU time: user $((user / $(getconf CLK_TCK))) s, sys $((sys / $(getconf CLK_TCK))) s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
