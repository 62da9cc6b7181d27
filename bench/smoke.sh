#!/usr/bin/env bash
# A benchmark smoke run (CI): the portal and automation benchmarks at a tiny size. It measures nothing
# worth keeping; it fails when a data generator (projects-data.sql, usage-data.sql, portal-data.sql) or a
# benchmark no longer works, e.g. because a migration changed a column they write. About two minutes.
# Needs what the two benchmarks need (psql, wrk, a JDK >= 21); builds target/onward.jar when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
check() { # file, pattern: the benchmark wrote its figures
  grep -qE "$2" "$1" || { echo "bench smoke: $1 lacks /$2/" >&2; cat "$1" >&2; exit 1; }
}
BENCH_ACCOUNTS=200 BENCH_DURATION=2s BENCH_WARMUP=1s BENCH_PACED_DURATION=2s BENCH_ALONE_DURATION=1s BENCH_THINK_MS=100 BENCH_LINK_REQUESTS=5 BENCH_JAVA_OPTS=-Xmx512m bench/portal.sh
check target/benchmark-portal.txt 'portal home .*requests [1-9][0-9]*, non-200 0,'
check target/benchmark-portal.txt 'medians over 5 each[^:]*: known [0-9.]+ ms, unknown [0-9.]+ ms'
BENCH_ACCOUNTS=200 BENCH_MESSAGES=50 BENCH_JAVA_OPTS=-Xmx512m bench/automation.sh
check target/benchmark-automation.txt 'sweep 1: [0-9]+ ms'
check target/benchmark-automation.txt 'delivery to GreenMail with two instances: 50 messages'
echo "bench smoke: portal and automation benchmarks ran at a tiny size in $(( $(date +%s) - started )) s"
