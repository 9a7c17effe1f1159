#!/usr/bin/env bash
# Benchmark of the XML-RPC mirroring methods at PyPI's scale, end to end over HTTP.
#
#   mvn -B -DskipTests package && bench/xmlrpc.sh CACHE_DIR
#
# Generates (once, cached in CACHE_DIR) an index of $PROJECTS projects and $JOURNAL journal
# entries with `cheeseshop bench-data`, serves it, warms up, then times $RUNS calls of each
# method with curl (a fixed request body, the response read to the end and discarded) and prints
# the median. The bare SQL of each method, run by the sqlite3 CLI on the same file in the same
# run, is the reference; the ratio is ours / SQL. Python's xmlrpc.client (what mirrors use) is
# timed too, $CLIENT_RUNS times, for what a client sees including its own parsing.
#
# Environment: PROJECTS (700000), JOURNAL (30000000), SEED (1), RUNS (7), CLIENT_RUNS (3),
# PORT (18080), JAR (target/cheeseshop.jar), JAVA_OPTS (none).
set -euo pipefail

CACHE=${1:?usage: bench/xmlrpc.sh CACHE_DIR}
PROJECTS=${PROJECTS:-700000}
JOURNAL=${JOURNAL:-30000000}
SEED=${SEED:-1}
RUNS=${RUNS:-7}
CLIENT_RUNS=${CLIENT_RUNS:-3}
PORT=${PORT:-18080}
JAR=${JAR:-target/cheeseshop.jar}
BATCH=50000
DATA="$CACHE/data-p$PROJECTS-j$JOURNAL-s$SEED"
DB="$DATA/cheeseshop.db"
URL="http://127.0.0.1:$PORT/pypi"
WORK=$(mktemp -d)
SERVER_PID=

cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

for tool in java curl sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "bench/xmlrpc.sh: $tool is needed (apt-get install $tool)" >&2; exit 1; }
done
[ -f "$JAR" ] || { echo "bench/xmlrpc.sh: no $JAR: run mvn -B -DskipTests package first" >&2; exit 1; }

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# 1. The data, generated once.
if [ ! -f "$DATA/.complete" ]; then
    rm -rf "$DATA"
    mkdir -p "$CACHE"
    echo "generating $PROJECTS projects and $JOURNAL journal entries into $DATA"
    start=$(date +%s.%N)
    java ${JAVA_OPTS_GEN:-} -jar "$JAR" bench-data --data "$DATA" --projects "$PROJECTS" --journal "$JOURNAL" --seed "$SEED" \
        2> >(tee "$CACHE/bench-data-p$PROJECTS-j$JOURNAL-s$SEED.log" >&2)
    end=$(date +%s.%N)
    echo "bench-data took $(echo "$end - $start" | bc) s" | tee -a "$CACHE/bench-data-p$PROJECTS-j$JOURNAL-s$SEED.log"
    touch "$DATA/.complete"
fi
echo "data: $DATA ($(du -sh "$DB" | cut -f1)), $(sqlite3 -readonly "$DB" 'SELECT count(*) FROM projects') projects," \
    "$(sqlite3 -readonly "$DB" 'SELECT max(id) FROM journals') journal entries"

# 2. The server.
java ${JAVA_OPTS:-} -jar "$JAR" serve --data "$DATA" --port "$PORT" > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER_PID=$!
for _ in $(seq 1 3000); do # migrations of a cached database run on start
    grep -q "Cheeseshop is serving" "$WORK/serve.out" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; exit 1; }
    sleep 0.1
done
grep -q "Cheeseshop is serving" "$WORK/serve.out" || { echo "the server did not start" >&2; exit 1; }

SINCE=$((JOURNAL - 2 * BATCH))
[ "$SINCE" -ge 0 ] || SINCE=0
printf "<?xml version='1.0'?>\n<methodCall>\n<methodName>list_packages_with_serial</methodName>\n<params>\n</params>\n</methodCall>\n" \
    > "$WORK/list.xml"
printf "<?xml version='1.0'?>\n<methodCall>\n<methodName>changelog_since_serial</methodName>\n<params>\n<param>\n<value><int>%d</int></value>\n</param>\n</params>\n</methodCall>\n" \
    "$SINCE" > "$WORK/since.xml"
LIST_SQL="SELECT name, normalized_name, last_serial FROM projects ORDER BY normalized_name;"
SINCE_SQL="SELECT id, name, version, action, submitted_date, submitted_by FROM journals WHERE id > $SINCE ORDER BY id LIMIT $BATCH;"

TICKS=$(getconf CLK_TCK)
cpu() { # the server's CPU time so far (user + system), in seconds
    awk -v t="$TICKS" '{ print ($14 + $15) / t }' "/proc/$SERVER_PID/stat"
}
call() { # body-file output-file -> "wall-seconds server-cpu-seconds"
    local before after wall
    before=$(cpu)
    wall=$(curl -sS -o "$2" -w '%{time_total}' -H 'Content-Type: text/xml' --data-binary "@$1" "$URL")
    after=$(cpu)
    echo "$wall $(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')"
}
sql() { # sql -> "wall-seconds cpu-seconds" (sqlite3's own timer: the query and writing its rows, no process start)
    printf '.timer on\n.output /dev/null\n%s\n' "$1" | sqlite3 -readonly "$DB" 2>&1 \
        | sed -n 's/^Run Time: real \([0-9.]*\) user \([0-9.]*\) sys \([0-9.]*\).*/\1 \2 \3/p' \
        | awk '{ print $1, $2 + $3 }'
}

# 3. Warm-up (JIT, page cache) and a check of what comes back.
for _ in 1 2 3; do call "$WORK/list.xml" "$WORK/list.out" > /dev/null; call "$WORK/since.xml" "$WORK/since.out" > /dev/null; done
members=$(grep -c '^<member>$' "$WORK/list.out" || true)
entries=$(grep -c '^<value><array><data>$' "$WORK/since.out" || true)
echo "list_packages_with_serial: $members members, $(stat -c %s "$WORK/list.out") bytes"
echo "changelog_since_serial($SINCE): $((entries - 1)) entries, $(stat -c %s "$WORK/since.out") bytes"
sql "$LIST_SQL" > /dev/null; sql "$SINCE_SQL" > /dev/null

# 4. The runs, interleaved so that noise on the shared machine hits all alike.
: > "$WORK/list.t"; : > "$WORK/since.t"; : > "$WORK/list.sql"; : > "$WORK/since.sql"
for i in $(seq 1 "$RUNS"); do
    call "$WORK/list.xml" /dev/null >> "$WORK/list.t"
    sql "$LIST_SQL" >> "$WORK/list.sql"
    call "$WORK/since.xml" /dev/null >> "$WORK/since.t"
    sql "$SINCE_SQL" >> "$WORK/since.sql"
done
client() { # method args... -> seconds, with Python's xmlrpc.client
    python3 - "$URL" "$@" <<'PY'
import sys, time, xmlrpc.client
url, method, *args = sys.argv[1:]
proxy = xmlrpc.client.ServerProxy(url)
start = time.perf_counter()
result = getattr(proxy, method)(*[int(a) for a in args])
print(f"{time.perf_counter() - start:.3f}", len(result), file=sys.stdout)
PY
}
: > "$WORK/list.py"; : > "$WORK/since.py"
for i in $(seq 1 "$CLIENT_RUNS"); do
    client list_packages_with_serial | cut -d' ' -f1 >> "$WORK/list.py"
    client changelog_since_serial "$SINCE" | cut -d' ' -f1 >> "$WORK/since.py"
done

report() { # name times sqltimes pytimes
    local ours ref ratio cpu refcpu cpuratio py
    ours=$(cut -d' ' -f1 "$2" | median); ref=$(cut -d' ' -f1 "$3" | median); py=$(median < "$4")
    cpu=$(cut -d' ' -f2 "$2" | median); refcpu=$(cut -d' ' -f2 "$3" | median)
    ratio=$(awk -v a="$ours" -v b="$ref" 'BEGIN { printf "%.1f", a / b }')
    cpuratio=$(awk -v a="$cpu" -v b="$refcpu" 'BEGIN { printf "%.1f", a / b }')
    printf '%-26s %8.3f s %8.3f s %5sx | %8.3f s %8.3f s %5sx | %8.3f s\n' "$1" "$ours" "$ref" "$ratio" \
        "$cpu" "$refcpu" "$cpuratio" "$py"
    echo "  wall/cpu per run: $(tr '\n' ',' < "$2" | sed 's/,$//')"
    echo "  sqlite3 per run:  $(tr '\n' ',' < "$3" | sed 's/,$//')"
}
echo
echo "median of $RUNS runs      |    wall time: HTTP, curl / sqlite3 CLI / ratio | CPU time: server / sqlite3 / ratio | xmlrpc.client (median of $CLIENT_RUNS)"
report list_packages_with_serial "$WORK/list.t" "$WORK/list.sql" "$WORK/list.py"
report "changelog_since_serial" "$WORK/since.t" "$WORK/since.sql" "$WORK/since.py"
