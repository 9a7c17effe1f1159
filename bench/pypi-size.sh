#!/usr/bin/env bash
# Cheeseshop at PyPI's size on one backend, in one run against one bench-data index: start-up
# time, the XML-RPC mirroring methods against their bare SQL, the /simple/ index and a cached
# project page against nginx serving the same bytes, upload ingest of a 100 MB wheel against a
# bare copy of the same bytes to the same store, and the server's memory afterwards. Prints
# medians and raw runs. Not a test: figures go to docs/benchmarks.md.
#
#   bench/pypi-size.sh DATA_DIR
#
# The backend is the one every cheeseshop command reads from the environment: the embedded default
# (DATA_DIR's cheeseshop.db and packages/) unless CHEESESHOP_DATABASE names a PostgreSQL database
# (password in CHEESESHOP_DATABASE_PASSWORD) and CHEESESHOP_BLOBS a bucket (with
# CHEESESHOP_S3_ENDPOINT and the AWS variables), as `bench-data` was given them. DATA_DIR is the
# directory bench-data wrote (staging space on PostgreSQL + S3). The index gains one project with 20
# small wheels and one with RUNS 100 MB wheels per run, under names of their own.
#
# Env: BENCH_ONLY (a list of pages, xmlrpc, upload: only those sections; start-up and memory are
# always measured), RUNS (5), BENCH_HEAP (the server's -Xmx; default: none, the JVM's own choice), BENCH_UPLOAD_MB
# (100: the wheel is just under 100,000,000 bytes), CHEESESHOP_JAR (target/cheeseshop.jar). Needs java, curl, wrk, nginx, python3, and sqlite3
# or psql (PostgreSQL's client) for the reference queries.
set -euo pipefail
DATA=${1:?usage: bench/pypi-size.sh DATA_DIR}
RUNS=${RUNS:-5}
JAR=${CHEESESHOP_JAR:-target/cheeseshop.jar}
UPLOAD_MB=${BENCH_UPLOAD_MB:-100}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
BATCH=50000
WORK=$(mktemp -d)
chmod 755 "$WORK" # nginx's workers (www-data when started as root) read www/ in it
SERVER_PID= NGINX_PID=
cleanup() {
  for pid in $SERVER_PID $NGINX_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
export no_proxy='*' NO_PROXY='*'
want() { [[ -z ${BENCH_ONLY:-} || " ${BENCH_ONLY//,/ } " == *" $1 "* ]]; }
HEAP_OPT=()
if [[ -n ${BENCH_HEAP:-} ]]; then HEAP_OPT=(-Xmx"$BENCH_HEAP"); fi

# The reference queries, and a query helper: sqlite3 on the file, or psql on the database.
if [[ -n ${CHEESESHOP_DATABASE:-} ]]; then
  BACKEND="PostgreSQL ($CHEESESHOP_DATABASE) + S3 (${CHEESESHOP_BLOBS:-?} at ${CHEESESHOP_S3_ENDPOINT:-AWS})"
  PSQL=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)
  q() { PGPASSWORD=${CHEESESHOP_DATABASE_PASSWORD:-} "$PSQL" -X -q -A -t -d "$CHEESESHOP_DATABASE" -c "$1"; }
  # psql's \timing (the statement's round trip, its rows copied out to /dev/null; no process start)
  sql_time() {
    PGPASSWORD=${CHEESESHOP_DATABASE_PASSWORD:-} "$PSQL" -X -q -d "$CHEESESHOP_DATABASE" -o /dev/null \
      -c '\timing on' -c "COPY ($1) TO STDOUT" | awk '/^Time:/ {print $2 / 1000}'
  }
else
  BACKEND="SQLite ($DATA/cheeseshop.db) + files ($DATA/packages)"
  q() { sqlite3 -readonly "$DATA/cheeseshop.db" "$1"; }
  sql_time() { # sqlite3's .timer: the query and writing its rows to /dev/null, no process start
    printf '.timer on\n.output /dev/null\n%s;\n' "$1" | sqlite3 -readonly "$DATA/cheeseshop.db" 2>&1 \
      | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p'
  }
fi
echo "backend: $BACKEND"
echo "index: $(q 'SELECT COUNT(*) FROM projects') projects, $(q 'SELECT MAX(id) FROM journals') journal entries," \
  "$(q 'SELECT COUNT(*) FROM releases') releases, $(q 'SELECT COUNT(*) FROM files') files"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -1)"
USER_NAME=$(q 'SELECT username FROM users ORDER BY id LIMIT 1')
PASSWORD=bench-password-1
A_PROJECT=$(q 'SELECT normalized_name FROM projects WHERE id = 1')

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
start_server() {
  java "${HEAP_OPT[@]}" -jar "$JAR" serve --data "$DATA" --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

# 1. Start-up: from `java -jar` to the first 200 of a project page (the migrations checked, the
#    pools open, a read answered), RUNS times; the last server stays up for the rest.
starts=
for i in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N)
  start_server
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/simple/$A_PROJECT/" 2>/dev/null) == 200 ]]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.01
  done
  starts+="$(( ($(date +%s%N) - t0) / 1000000 )) "
  if [[ $i -lt $RUNS ]]; then stop_server; fi
done
echo "start-up to the first page (ms): $starts; median $(echo "$starts" | median) ms"
head -3 "$WORK/server.log" | sed 's/^/  server: /'

if want pages; then
# 2. A project with 20 small wheels, whose page (PEP 691 JSON as pip asks, 11.8 kB; HTML) is then
#    served from the render cache; and the /simple/ index. nginx serves the same bytes.
SEED=pypi-size-$(date +%s)
python3 "$HERE/seed_project.py" "$BASE" "$USER_NAME" "$PASSWORD" "$SEED" 20
mkdir -p "$WORK/www/simple"
PAGE="$BASE/simple/$SEED/"
curl -fs -H "Accept: $PIP_ACCEPT" -o "$WORK/www/page.json" "$PAGE"
curl -fs -H 'Accept: text/html' -o "$WORK/www/page.html" "$PAGE"
start_nginx "$WORK" "$WORK/www"
NPORT=$NGINX_PORT

# The /simple/ index: the first HTML after a change pays the ETag's digest pass over the listing.
index() { # accept out -> "first-byte-s total-s bytes"
  curl -fsS -H "Accept: $1" -o "$2" -w '%{time_starttransfer} %{time_total} %{size_download}\n' "$BASE/simple/"
}
echo "/simple/ after a change (first-byte s, total s, bytes): HTML $(index text/html "$WORK/www/simple/index.html")," \
  "JSON $(index application/vnd.pypi.simple.v1+json "$WORK/www/simple/index.json")"
ref_index() { curl -fsS -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$NPORT/simple/index.$1"; }
index_html= index_json= nginx_index_html= nginx_index_json=
for i in $(seq 1 "$RUNS"); do
  index_html+="$(index text/html /dev/null | cut -d' ' -f2) "
  nginx_index_html+="$(ref_index html) "
  index_json+="$(index application/vnd.pypi.simple.v1+json /dev/null | cut -d' ' -f2) "
  nginx_index_json+="$(ref_index json) "
done
for kind in html json; do
  ours=index_$kind ref=nginx_index_$kind
  printf '/simple/ %s, %d bytes (s): cheeseshop %s median %s; nginx %s median %s; ratio %.1f\n' "$kind" \
    "$(stat -c %s "$WORK/www/simple/index.$kind")" "${!ours}" "$(echo "${!ours}" | median)" \
    "${!ref}" "$(echo "${!ref}" | median)" "$(echo "$(echo "${!ours}" | median) / $(echo "${!ref}" | median)" | bc -l)"
done

# The cached project page, wrk against both, interleaved.
rate() { wrk -t2 -c32 -d10s -H "Accept: $2" "$1" | awk '/Requests\/sec/ {print $2}'; }
wrk -t2 -c32 -d5s -H "Accept: $PIP_ACCEPT" "$PAGE" >/dev/null
wrk -t2 -c32 -d5s -H 'Accept: text/html' "$PAGE" >/dev/null
page_json= page_html= nginx_json= nginx_html=
for i in $(seq 1 "$RUNS"); do
  page_json+="$(rate "$PAGE" "$PIP_ACCEPT") "
  nginx_json+="$(rate "http://127.0.0.1:$NPORT/page.json" "$PIP_ACCEPT") "
  page_html+="$(rate "$PAGE" text/html) "
  nginx_html+="$(rate "http://127.0.0.1:$NPORT/page.html" text/html) "
done
for kind in json html; do
  ours=page_$kind ref=nginx_$kind
  printf 'cached project page, %s, %d bytes (req/s): cheeseshop %s median %.0f; nginx %s median %.0f; ratio %.2f\n' \
    "$kind" "$(stat -c %s "$WORK/www/page.$kind")" "${!ours}" "$(echo "${!ours}" | median)" "${!ref}" \
    "$(echo "${!ref}" | median)" "$(echo "$(echo "${!ours}" | median) / $(echo "${!ref}" | median)" | bc -l)"
done

fi

if want xmlrpc; then
# 3. The XML-RPC mirroring methods, each timed to the last byte, against the bare SQL.
LAST=$(q 'SELECT MAX(id) FROM journals')
SINCE=$((LAST - 2 * BATCH))
printf "<?xml version='1.0'?>\n<methodCall><methodName>list_packages_with_serial</methodName><params></params></methodCall>\n" \
  >"$WORK/list.xml"
printf "<?xml version='1.0'?>\n<methodCall><methodName>changelog_since_serial</methodName><params><param><value><int>%d</int></value></param></params></methodCall>\n" \
  "$SINCE" >"$WORK/since.xml"
LIST_SQL="SELECT name, last_serial FROM projects ORDER BY normalized_name" # the server's own (SqlProjects)
SINCE_SQL="SELECT id, name, version, action, submitted_date, submitted_by FROM journals WHERE id > $SINCE ORDER BY id LIMIT $BATCH"
call() { curl -fsS -o "$2" -w '%{time_total}\n' -H 'Content-Type: text/xml' --data-binary "@$1" "$BASE/pypi"; }
for _ in 1 2 3; do call "$WORK/list.xml" "$WORK/list.out" >/dev/null; call "$WORK/since.xml" "$WORK/since.out" >/dev/null; done
sql_time "$LIST_SQL" >/dev/null; sql_time "$SINCE_SQL" >/dev/null
echo "list_packages_with_serial: $(grep -c '<member>' "$WORK/list.out" || true) members, $(stat -c %s "$WORK/list.out") bytes;" \
  "changelog_since_serial($SINCE): $(( $(grep -o '<array><data>' "$WORK/since.out" | wc -l) - 1 )) entries, $(stat -c %s "$WORK/since.out") bytes"
list= list_sql= since= since_sql=
for i in $(seq 1 "$RUNS"); do
  list+="$(call "$WORK/list.xml" /dev/null) "
  list_sql+="$(sql_time "$LIST_SQL") "
  since+="$(call "$WORK/since.xml" /dev/null) "
  since_sql+="$(sql_time "$SINCE_SQL") "
done
for m in list since; do
  ref=${m}_sql
  printf '%s (s): cheeseshop %s median %s; bare SQL %s median %s; ratio %.1f\n' \
    "$([[ $m == list ]] && echo list_packages_with_serial || echo "changelog_since_serial, $BATCH entries")" \
    "${!m}" "$(echo "${!m}" | median)" "${!ref}" "$(echo "${!ref}" | median)" \
    "$(echo "$(echo "${!m}" | median) / $(echo "${!ref}" | median)" | bc -l)"
done

fi

if want upload; then
# 4. Upload ingest: RUNS wheels of UPLOAD_MB each (random bytes, stored: nothing to compress), one
#    upload at a time with curl, timed to the 200 (the body sent, three digests, the archive checks,
#    the blob written to its store, the commit). The reference writes the same bytes to the same
#    store, durably: a copy with fsync into the data directory, or a PUT of the object with curl;
#    and coreutils compute the upload's three digests (MD5, SHA-256, BLAKE2b-256) of the same file.
BIG=pypi-size-big-$(date +%s)
python3 - "$WORK/wheels" "$BIG" "$RUNS" "$UPLOAD_MB" <<'PY'
import base64, hashlib, os, sys, zipfile
out, name, runs, mb = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
os.makedirs(out)
dist = name.replace("-", "_")
blob = os.urandom(mb * 1000 * 1000 - 4096)  # the wheel: just under mb MB, within the default 100 MiB limit
for i in range(1, runs + 1):
    version = f"1.0.{i}"
    info = f"{dist}-{version}.dist-info"
    files = {f"{dist}/data.bin": blob,
             f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
             f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    record = "".join(f"{p},sha256={base64.urlsafe_b64encode(hashlib.sha256(c).digest()).rstrip(b'=').decode()},"
                     f"{len(c)}\n" for p, c in files.items()) + f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    with zipfile.ZipFile(f"{out}/{dist}-{version}-py3-none-any.whl", "w", zipfile.ZIP_STORED) as z:
        for p, c in files.items():
            z.writestr(zipfile.ZipInfo(p, (2020, 1, 1, 0, 0, 0)), c)
PY
upload() { # wheel -> seconds to the 200
  local f=$1 v
  v=$(basename "$f" | cut -d- -f2)
  curl -sS -o "$WORK/upload.out" -w '%{http_code} %{time_total}\n' -u "$USER_NAME:$PASSWORD" \
    -F ':action=file_upload' -F protocol_version=1 -F metadata_version=2.1 -F "name=$BIG" -F "version=$v" \
    -F filetype=bdist_wheel -F pyversion=py3 -F "sha256_digest=$(sha256sum "$f" | cut -d' ' -f1)" \
    -F "content=@$f;type=application/octet-stream" "$BASE/legacy/" >"$WORK/upload.status"
  if [[ $(cut -d' ' -f1 "$WORK/upload.status") != 200 ]]; then cat "$WORK/upload.status" "$WORK/upload.out" >&2; exit 1; fi
  cut -d' ' -f2 "$WORK/upload.status"
}
reference_put() { # wheel i -> seconds
  if [[ -n ${CHEESESHOP_BLOBS:-} ]]; then
    local bucket=${CHEESESHOP_BLOBS#s3://}
    curl -fsS -o /dev/null -w '%{time_total}\n' -T "$1" --aws-sigv4 "aws:amz:${AWS_REGION:-us-east-1}:s3" \
      --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-content-sha256: $(sha256sum "$1" | cut -d' ' -f1)" \
      "$CHEESESHOP_S3_ENDPOINT/${bucket%%/*}/pypi-size-reference/$2"
  else
    local t0; t0=$(date +%s%N)
    dd if="$1" of="$DATA/tmp/pypi-size-reference" bs=1M conv=fsync status=none
    echo "scale=3; ($(date +%s%N) - $t0) / 1000000000" | bc -l
    rm -f "$DATA/tmp/pypi-size-reference"
  fi
}
digests() { # wheel -> seconds for the three digests an upload computes, by coreutils, one after another
  local t0; t0=$(date +%s%N)
  md5sum "$1" >/dev/null; sha256sum "$1" >/dev/null; b2sum -l 256 "$1" >/dev/null
  echo "scale=3; ($(date +%s%N) - $t0) / 1000000000" | bc -l
}
SIZE=$(stat -c %s "$(ls "$WORK"/wheels/*.whl | head -1)")
ups= refs= sums= i=0
for f in "$WORK"/wheels/*.whl; do
  i=$((i + 1))
  cat "$f" >/dev/null # in the page cache for both
  ups+="$(upload "$f") "
  refs+="$(reference_put "$f" "$i") "
  sums+="$(digests "$f") "
done
[[ -n ${CHEESESHOP_BLOBS:-} ]] && refname="PUT of the object (curl, SigV4)" || refname="dd conv=fsync into the data directory"
printf 'upload ingest of a %d-byte wheel (s): cheeseshop %s median %s = %.0f MB/s; %s %s median %s = %.0f MB/s\n' \
  "$SIZE" "$ups" "$(echo "$ups" | median)" "$(echo "$SIZE / 1000000 / $(echo "$ups" | median)" | bc -l)" "$refname" \
  "$refs" "$(echo "$refs" | median)" "$(echo "$SIZE / 1000000 / $(echo "$refs" | median)" | bc -l)"
printf '  md5sum + sha256sum + b2sum of the same file (s): %s median %s = %.0f MB/s\n' "$sums" "$(echo "$sums" | median)" \
  "$(echo "$SIZE / 1000000 / $(echo "$sums" | median)" | bc -l)"
href=$(curl -fsS -H 'Accept: text/html' "$BASE/simple/$BIG/" | grep -o 'href="[^"#]*' | head -1 | cut -c7-)
curl -fsS -o "$WORK/got.whl" "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urljoin(*sys.argv[1:]))' \
  "$BASE/simple/$BIG/" "$href")"
if cmp -s "$WORK/got.whl" "$(ls "$WORK"/wheels/*.whl | head -1)"; then
  echo "the first wheel downloads back byte for byte"
else
  echo "the first wheel downloads back different" >&2; exit 1
fi

fi

# 5. Memory: the server's resident set now (steady, after all of the above) and its peak.
echo "server memory: $(grep -E 'VmRSS|VmHWM' "/proc/$SERVER_PID/status" | awk '{printf "%s %.0f MiB; ", $1, $2 / 1024}')" \
  "heap option: ${BENCH_HEAP:-none}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
