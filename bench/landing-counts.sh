#!/usr/bin/env bash
# The landing page's counts at PyPI's size: how long GET / takes when the journal has moved (the
# page is rendered again: three COUNT(*)s and the journal's last serial in one read transaction),
# against the same COUNT(*)s in the sqlite3 shell, and against GET / when nothing has changed.
# Not a test: figures go to docs/benchmarks.md.
#
#   bench/landing-counts.sh [PROJECTS] [RELEASES] [FILES] [RUNS]   (defaults 700000 7000000 14000000 5)
#
# bench-data makes a real, migrated database (it writes no files), then SQL adds rows in bulk up
# to the sizes asked for (real tables and indexes; names, digests and paths made up). Takes a few
# minutes and about 6 GB under ${BENCH_TMP:-/tmp} at the defaults.
# Needs target/cheeseshop.jar (mvn -DskipTests package), sqlite3, curl, python3.
set -euo pipefail
projects=${1:-700000}
releases=${2:-7000000}
files=${3:-14000000}
runs=${4:-5}
jar=${CHEESESHOP_JAR:-target/cheeseshop.jar}
work=$(mktemp -d "${BENCH_TMP:-/tmp}/landing-counts.XXXXXX")
db="$work/data/cheeseshop.db"
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

start=$(date +%s)
java -jar "$jar" bench-data --data "$work/data" --projects 1000 --journal 5000 >/dev/null 2>&1
read -r have_projects have_releases < <(sqlite3 -separator ' ' "$db" \
  "SELECT (SELECT COUNT(*) FROM projects), (SELECT COUNT(*) FROM releases)")
# Keys ascend with the row id (each project has a block of releases, each release a block of files), so
# every index is appended to; WAL is off while loading and back on for the server.
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $((projects - have_projects)))
INSERT INTO projects (name, normalized_name, created, last_serial)
  SELECT 'scale-' || printf('%07d', i), 'scale-' || printf('%07d', i), 1500000000000000 + i, 0 FROM n;
CREATE TEMP TABLE base AS SELECT (SELECT MAX(id) FROM projects) AS project, (SELECT MAX(id) FROM releases) AS release;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $((releases - have_releases)) - 1)
INSERT INTO releases (project_id, version, canonical_version, summary, metadata, created)
  SELECT (SELECT project FROM base) - $((projects - have_projects)) + 1
           + (i * $((projects - have_projects)) / $((releases - have_releases))),
         '1.' || i, '1.' || i, 'A release made up for the benchmark', '{}', 1500000000000000 + i FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $files - 1)
INSERT INTO files (release_id, filename, packagetype, python_version, size, md5_digest, sha256_digest,
                   blake2_256_digest, upload_time, path)
  SELECT (SELECT release FROM base) + 1 + (i * $((releases - have_releases)) / $files),
         'scale_' || printf('%010d', i) || '-1.0-py3-none-any.whl', 'bdist_wheel', 'py3', 1234,
         printf('%032d', i), printf('%064d', i), printf('%064d', i), 1500000000000000 + i,
         printf('%064d', i) || '/scale-1.0-py3-none-any.whl' FROM n;
COMMIT;
PRAGMA journal_mode = WAL;
SQL
read -r n_projects n_releases n_files < <(sqlite3 -separator ' ' "$db" \
  "SELECT (SELECT COUNT(*) FROM projects), (SELECT COUNT(*) FROM releases), (SELECT COUNT(*) FROM files)")
echo "data: $n_projects projects, $n_releases releases, $n_files files in $(( $(date +%s) - start )) s;" \
  "database $(du -h "$db" | cut -f1)"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
java -jar "$jar" serve --data "$work/data" --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do
  [[ $(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' "$base/simple" 2>/dev/null) == 301 ]] && break; sleep 0.2
done
get() { curl --noproxy '*' -fs -o /dev/null -w '%{time_total}\n' "$base/"; }
echo "first GET / after start: $(get) s"

sql_times=() changed_times=() same_times=()
for _ in $(seq 1 "$runs"); do
  # A journal entry committed by another process: the server's poll (every 500 ms) sees it.
  sqlite3 "$db" "PRAGMA busy_timeout = 10000; INSERT INTO journals (name, version, action, submitted_date)
                 VALUES ('bench', NULL, 'bench', 0)" >/dev/null
  sleep 1
  changed_times+=("$(get)")
  same_times+=("$(get)")
  sql_times+=("$(sqlite3 "$db" <<'SQL' | awk '/^Run Time/ {s += $4} END {print s}'
.timer on
BEGIN;
SELECT COUNT(*) FROM projects;
SELECT COUNT(*) FROM releases;
SELECT COUNT(*) FROM files;
SELECT id FROM journals ORDER BY id DESC LIMIT 1;
COMMIT;
SQL
)")
done
sql=$(printf '%s\n' "${sql_times[@]}" | median)
changed=$(printf '%s\n' "${changed_times[@]}" | median)
same=$(printf '%s\n' "${same_times[@]}" | median)
echo "GET / after a change (counts again), s: ${changed_times[*]}; median $changed"
echo "GET / with nothing changed, s:          ${same_times[*]}; median $same"
echo "the COUNT(*)s in sqlite3, s:            ${sql_times[*]}; median $sql"
python3 -c "print(f'after a change / bare SQL: {$changed / $sql:.2f}')"
