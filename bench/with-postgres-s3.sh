#!/usr/bin/env bash
# Runs a command with Cheeseshop's environment pointed at PostgreSQL and S3 (s3proxy), both on
# loopback and both kept in DIR between runs: the cluster (PostgreSQL's durable defaults, fsync on,
# with 2 GB of shared buffers) and the bucket's directory are made by the first run and reused by
# the next ones, so an index that bench-data loaded once serves every later benchmark.
#
#   bench/with-postgres-s3.sh DIR COMMAND [ARGS...]        (from the repository's root)
#
# The command sees CHEESESHOP_DATABASE (the database "pypi", created empty by the first run),
# CHEESESHOP_DATABASE_PASSWORD, CHEESESHOP_BLOBS (s3://cheeseshop-ci/pypi), CHEESESHOP_S3_ENDPOINT
# and the AWS variables, which every cheeseshop command reads. PostgreSQL and s3proxy are started
# and stopped by .ci/postgres-s3.sh, as in CI. Env: PG_S3_SHARED_BUFFERS (2GB), PG_S3_S3PROXY_HEAP
# (1g: s3proxy holds the body of a single-request PUT, the upload benchmark's reference, in memory).
set -euo pipefail
DIR=$(realpath -m "${1:?usage: bench/with-postgres-s3.sh DIR COMMAND [ARGS...]}"); shift
mkdir -p "$DIR"
export PG_S3_DIR=$DIR PG_S3_DURABLE=1 PG_S3_S3PROXY_HEAP=${PG_S3_S3PROXY_HEAP:-1g}
# shellcheck source=../.ci/postgres-s3.sh
source .ci/postgres-s3.sh
pg_s3_start
if [[ $(PGPASSWORD=$PG_S3_PASSWORD "$PG_S3_BIN/psql" -X -tA -h 127.0.0.1 -p "$PG_S3_PG_PORT" -U cheeseshop \
    -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'pypi'") == 1 ]]; then
  pg_s3_index pypi
else
  pg_s3_new_index pypi
fi
"$@"
