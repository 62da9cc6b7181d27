#!/usr/bin/env bash
# Benchmark of the portfolio and contract signing: with 10,000 accounts and projects, the portfolio page and
# GET /api/v1/accounts?page=… under 50 concurrent clients (p95) — saturated with wrk and at
# a steady 800 requests/s with hey — and contract creation throughput. Needs wrk and hey
# (apt-get install -y wrk hey) and a JDK >= 21 in JAVA_HOME or on PATH.
# Prints the figures and writes them to target/benchmark.txt.
set -euo pipefail
PORT=${BENCH_PORT:-18080}
PGPORT=54329
DATA=target/bench-postgres
APP_LOG=target/bench-app.log
TARGET=${BENCH_ACCOUNTS:-10000}
CLIENTS=${BENCH_CLIENTS:-50}
# The signing goal (>= 200 contracts/s) is stated for 4 concurrent clients.
CONTRACT_CLIENTS=${BENCH_CONTRACT_CLIENTS:-4}
DURATION=${BENCH_DURATION:-30s}
TOKEN=bench-token-0123456789abcdef0123456789abcdef
OUT=target/benchmark.txt
. "$(dirname "$0")/lib.sh"
need wrk
trap stop_apps EXIT

# A fresh database each run (kept afterwards for inspection); BENCH_REUSE=1 measures the
# reads again on the database the previous run left.
[ "${BENCH_REUSE:-0}" = 1 ] || rm -rf $DATA
rm -f $APP_LOG
start_app --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT \
  --onward.embedded-db.max-pool-size=${BENCH_POOL:-40} ${BENCH_APP_OPTS:-}

# A realistic team so assignment does real work: specialists and CSMs per segment.
[ "${BENCH_REUSE:-0}" = 1 ] || for seg in ENTERPRISE MID_MARKET SMB; do
  for i in 1 2 3; do
    api $BASE/api/v1/team/members -d "{\"name\":\"IS $seg $i\",\"role\":\"IMPLEMENTATION_SPECIALIST\",\"segments\":[\"$seg\"]}" >/dev/null
    api $BASE/api/v1/team/members -d "{\"name\":\"CSM $seg $i\",\"role\":\"CSM\",\"segments\":[\"$seg\"]}" >/dev/null
  done
done
api $BASE/api/v1/admin/users -d '{"username":"bench","displayName":"Bench","role":"ADMIN","password":"bench-password"}' >/dev/null \
  || [ "${BENCH_REUSE:-0}" = 1 ]

count() { api "$BASE/api/v1/accounts?size=1" | sed -E 's/.*"total":([0-9]+).*/\1/'; }

echo "== contract creation ($CONTRACT_CLIENTS clients) until $TARGET accounts exist"
CONTRACTS="(not measured: BENCH_REUSE)"
[ "${BENCH_REUSE:-0}" = 1 ] || CONTRACTS=""
run=0
while [ "$(count)" -lt "$TARGET" ]; do
  run=$((run + 1))
  line=$(BENCH_TOKEN=$TOKEN BENCH_RUN="r$run" wrk -t2 -c$CONTRACT_CLIENTS -d${BENCH_CONTRACT_DURATION:-12s} --timeout 10s \
    -s bench/contracts.lua $BASE | grep RESULT)
  echo "$line"
  CONTRACTS="$CONTRACTS
  run $run: $line"
done
TOTAL=$(count)
echo "accounts: $TOTAL"
# Measure the steady state a running system is in, not the minutes right after a bulk load
# while autovacuum catches up: vacuum now when psql is at hand, else give autovacuum time.
if command -v psql >/dev/null; then
  PGPASSWORD=postgres psql -q -h 127.0.0.1 -p 54329 -U postgres -d postgres -c "vacuum analyze"
else
  sleep 60
fi

# Sign in once through the form, like a person, and reuse the session cookie.
JAR=$(mktemp)
CSRF=$(curl -s -c "$JAR" $BASE/login | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
curl -s -b "$JAR" -c "$JAR" -o /dev/null -X POST $BASE/login \
  --data-urlencode username=bench --data-urlencode password=bench-password --data-urlencode "_csrf=$CSRF"
COOKIE="SESSION=$(awk '/\tSESSION\t/ {print $7}' "$JAR")"
PAGES=$((TOTAL / 25))

echo "== warm-up"
BENCH_TOKEN=$TOKEN BENCH_PAGES=$((TOTAL / 50)) wrk -t2 -c$CLIENTS -d10s -s bench/pages.lua $BASE >/dev/null
BENCH_COOKIE="$COOKIE" BENCH_PATH="/?size=25&page=" BENCH_PAGES=$PAGES wrk -t2 -c$CLIENTS -d10s -s bench/pages.lua $BASE >/dev/null

echo "== GET /api/v1/accounts?page=… ($CLIENTS clients, $DURATION)"
ACCOUNTS=$(BENCH_TOKEN=$TOKEN BENCH_PAGES=$((TOTAL / 50)) wrk -t2 -c$CLIENTS -d$DURATION --timeout 10s -s bench/pages.lua $BASE | grep RESULT)
echo "$ACCOUNTS"
echo "== portfolio page ($CLIENTS clients, $DURATION)"
PORTFOLIO=$(BENCH_COOKIE="$COOKIE" BENCH_PATH="/?size=25&page=" BENCH_PAGES=$PAGES wrk -t2 -c$CLIENTS -d$DURATION --timeout 10s -s bench/pages.lua $BASE | grep RESULT)
echo "$PORTFOLIO"
# The page must really be the portfolio, not a login redirect.
# The same 50 clients at a steady rate (hey -q: 16 requests/s each, 800/s in all) instead of
# as fast as the two cores allow: latency as people see it under heavy, not saturating, load.
RATED_ACCOUNTS="(hey not installed: apt-get install -y hey)"
RATED_PORTFOLIO="$RATED_ACCOUNTS"
if command -v hey >/dev/null; then
  summarise() { awk '/Requests\/sec/ {r=$2} /50% in/ {p50=$3*1000} /95% in/ {p95=$3*1000} /99% in/ {p99=$3*1000}
    /^  \[[0-9]+\]/ {gsub(/[\[\]]/, "", $1); codes=codes $1 "x" $2 " "}
    END {printf "RESULT rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f statuses=%s\n", r, p50, p95, p99, codes}'; }
  echo "== the same at 800 requests/s (hey, 50 clients x 16/s, 20s)"
  RATED_ACCOUNTS=$(hey -z 20s -c $CLIENTS -q 16 -H "Authorization: Bearer $TOKEN" \
    "$BASE/api/v1/accounts?size=50&page=$((TOTAL / 100))" | summarise)
  echo "$RATED_ACCOUNTS"
  RATED_PORTFOLIO=$(hey -z 20s -c $CLIENTS -q 16 -H "Cookie: $COOKIE" "$BASE/?size=25&page=$((TOTAL / 50))" | summarise)
  echo "$RATED_PORTFOLIO"
fi
PAGE_HTML=$(curl -s -b "$JAR" "$BASE/?page=3")
case "$PAGE_HTML" in *'id="portfolio-list"'*) ;; *) echo "portfolio page not served (session?)" >&2; exit 1 ;; esac

{
  echo "Onward benchmark $(date -u +%FT%TZ) on $(nproc) cores"
  echo "accounts and projects: $TOTAL"
  echo "contract creation ($CONTRACT_CLIENTS clients): $CONTRACTS"
  echo "GET /api/v1/accounts?page=…, saturated (wrk): $ACCOUNTS"
  echo "portfolio page, saturated (wrk): $PORTFOLIO"
  echo "GET /api/v1/accounts?page=…, 800 req/s (hey): $RATED_ACCOUNTS"
  echo "portfolio page, 800 req/s (hey): $RATED_PORTFOLIO"
} | tee $OUT
