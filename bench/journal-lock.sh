#!/usr/bin/env bash
# Journal-append throughput on PostgreSQL with 4 and 8 concurrent writers: the advisory
# transaction lock the product takes, against LOCK TABLE, and no lock (reference only: it loses
# entries for followers). See src/test/java/dev/cheeseshop/store/sql/JournalLockBench.java.
# Not a test: figures go to docs/benchmarks.md.
#
#   bench/journal-lock.sh [TRANSACTIONS_PER_WRITER] [RUNS]   (defaults 400 5)
#
# Starts a private PostgreSQL cluster with durable commits (PostgreSQL's binaries as for the tests:
# CHEESESHOP_PG_BIN, /usr/lib/postgresql/*/bin or the PATH), or uses CHEESESHOP_TEST_POSTGRES.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.cheeseshop.store.sql.JournalLockBench "$@"
