# PostgreSQL and s3proxy on loopback for one CI run; sourced by .ci/run (bash, set -euo pipefail).
#
#   pg_s3_start           starts both, in a temporary directory, stopped and deleted at exit; or,
#                         with PG_S3_DIR set, in that directory, stopped at exit and kept, the
#                         cluster and the bucket reused by the next start (the benchmarks' use)
#   PG_S3_DURABLE=1       PostgreSQL with its defaults (fsync on): for benchmarks; CI runs without
#   PG_S3_S3PROXY_HEAP    s3proxy's -Xmx (256m; it holds a single-request PUT's body in memory)
#   pg_s3_test_env        exports CHEESESHOP_TEST_POSTGRES and its password: the test JVMs' databases
#                         on this cluster (testing/Postgres) rather than a private cluster per JVM
#   pg_s3_new_index NAME  exports CHEESESHOP_DATABASE (a new, empty database NAME) and CHEESESHOP_BLOBS
#                         (the prefix NAME in the run's bucket), with the endpoint and the AWS
#                         credentials, which every cheeseshop command reads (use it in a subshell)
#
# The cluster is initdb'd like testing/Postgres's (as the postgres user when run as root, which
# initdb refuses; SCRAM over TCP with a random password) and also serves the test JVMs
# (CHEESESHOP_TEST_POSTGRES). s3proxy's jars are the tests' own (src/test/s3proxy/pom.xml), over a
# directory; both listen on port 0 or a free port and are waited for by their own words, not by time.

pg_s3_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

pg_s3_start() {
  PG_S3_KEEP=${PG_S3_DIR:+1}
  PG_S3_DIR=${PG_S3_DIR:-$(mktemp -d /tmp/cheeseshop-ci-XXXXXX)}
  trap pg_s3_stop EXIT
  local bin as_pg=() port settings="-c max_connections=300"
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_S3_BIN=$bin
  mkdir -p "$PG_S3_DIR/pg"
  if [ ! -f "$PG_S3_DIR/pg/password" ]; then
    python3 -c 'import secrets; print(secrets.token_hex(16), end="")' >"$PG_S3_DIR/pg/password"
  fi
  PG_S3_PASSWORD=$(cat "$PG_S3_DIR/pg/password")
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$PG_S3_DIR"; chown -R postgres: "$PG_S3_DIR/pg"
    as_pg=(runuser -u postgres --)
  fi
  PG_S3_AS_PG=("${as_pg[@]}")
  if [ ! -d "$PG_S3_DIR/pg/data" ]; then
    "${as_pg[@]}" "$bin/initdb" -D "$PG_S3_DIR/pg/data" -U cheeseshop --pwfile="$PG_S3_DIR/pg/password" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_S3_DIR/initdb.log"
  fi
  if [ -n "${PG_S3_DURABLE:-}" ]; then
    settings+=" -c shared_buffers=${PG_S3_SHARED_BUFFERS:-2GB} -c max_wal_size=8GB -c maintenance_work_mem=1GB"
  else
    settings+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  port=$(pg_s3_free_port)
  "${as_pg[@]}" "$bin/pg_ctl" -D "$PG_S3_DIR/pg/data" -l "$PG_S3_DIR/pg/server.log" -w -t 60 -o \
    "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_S3_DIR/pg $settings" \
    start >/dev/null
  PG_S3_PG_PORT=$port
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

  local lib=target/s3proxy/lib
  if [ ! -d "$lib" ]; then
    mvn -B -q -f src/test/s3proxy/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$lib"
  fi
  mkdir -p "$PG_S3_DIR/s3/buckets"
  PG_S3_ACCESS_KEY=cheeseshop-ci
  PG_S3_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  cat >"$PG_S3_DIR/s3/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:0
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$PG_S3_ACCESS_KEY
s3proxy.credential=$PG_S3_SECRET_KEY
jclouds.provider=filesystem-nio2
jclouds.identity=$PG_S3_ACCESS_KEY
jclouds.credential=$PG_S3_SECRET_KEY
jclouds.filesystem.basedir=$PG_S3_DIR/s3/buckets
EOF
  cat >"$PG_S3_DIR/s3/logback.xml" <<'EOF'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="OUT"/></root>
</configuration>
EOF
  java -Xmx"${PG_S3_S3PROXY_HEAP:-256m}" -XX:TieredStopAtLevel=1 -Dlogback.configurationFile="$PG_S3_DIR/s3/logback.xml" \
    -cp "$PWD/$lib/*" org.gaul.s3proxy.Main --properties "$PG_S3_DIR/s3/s3proxy.properties" \
    >"$PG_S3_DIR/s3/s3proxy.log" 2>&1 &
  PG_S3_S3_PID=$!
  # Its port, from the line it logs once listening (tail exits when grep has it, or after 120 s).
  local started
  started=$(timeout 120 tail -n +1 -F "$PG_S3_DIR/s3/s3proxy.log" 2>/dev/null \
    | grep -m 1 -o 'Started ServerConnector.*{127\.0\.0\.1:[0-9]*}' || true)
  if [ -z "$started" ]; then
    echo "s3proxy did not start:"; cat "$PG_S3_DIR/s3/s3proxy.log"; return 1
  fi
  port=${started##*:}; port=${port%\}}
  PG_S3_ENDPOINT="http://127.0.0.1:$port"
  # The payload's digest (of nothing) is named, as s3proxy requires and curl's signature then covers.
  # A bucket kept from an earlier start (PG_S3_DIR) answers 409, which is as good.
  local status
  status=$(curl --noproxy '*' -sS -o /dev/null -w '%{http_code}' -X PUT --aws-sigv4 "aws:amz:us-east-1:s3" \
    -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" \
    --user "$PG_S3_ACCESS_KEY:$PG_S3_SECRET_KEY" "$PG_S3_ENDPOINT/cheeseshop-ci")
  case $status in 200|409) ;; *) echo "creating the bucket: HTTP $status"; return 1 ;; esac
  echo "s3proxy on $PG_S3_ENDPOINT, bucket cheeseshop-ci"
}

pg_s3_test_env() {
  export CHEESESHOP_TEST_POSTGRES="postgresql://cheeseshop@127.0.0.1:$PG_S3_PG_PORT/postgres"
  export CHEESESHOP_DATABASE_PASSWORD=$PG_S3_PASSWORD
}

pg_s3_new_index() {
  PGPASSWORD=$PG_S3_PASSWORD "$PG_S3_BIN/psql" -q -h 127.0.0.1 -p "$PG_S3_PG_PORT" -U cheeseshop -d postgres \
    -v ON_ERROR_STOP=1 -c "CREATE DATABASE $1" >/dev/null
  pg_s3_index "$1"
}

# pg_s3_index NAME: as pg_s3_new_index, for a database NAME that exists already (a benchmark's, kept)
pg_s3_index() {
  export CHEESESHOP_DATABASE="postgresql://cheeseshop@127.0.0.1:$PG_S3_PG_PORT/$1"
  export CHEESESHOP_DATABASE_PASSWORD=$PG_S3_PASSWORD
  export CHEESESHOP_BLOBS="s3://cheeseshop-ci/$1" CHEESESHOP_S3_ENDPOINT=$PG_S3_ENDPOINT
  export AWS_ACCESS_KEY_ID=$PG_S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$PG_S3_SECRET_KEY
  export AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1
}

pg_s3_stop() {
  if [ -n "${PG_S3_S3_PID:-}" ]; then kill "$PG_S3_S3_PID" 2>/dev/null || true; wait "$PG_S3_S3_PID" 2>/dev/null || true; fi
  if [ -n "${PG_S3_DIR:-}" ]; then
    if [ -n "${PG_S3_KEEP:-}" ]; then
      "${PG_S3_AS_PG[@]}" "$PG_S3_BIN/pg_ctl" -D "$PG_S3_DIR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    else
      "${PG_S3_AS_PG[@]}" "$PG_S3_BIN/pg_ctl" -D "$PG_S3_DIR/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
      rm -rf "$PG_S3_DIR"
    fi
  fi
}
