#!/usr/bin/env bash
# Benchmark of the customer portal (PRT-1, PLT-4) on one machine, the app and PostgreSQL side by side:
#   1. portal home: BENCH_ACCOUNTS accounts (default 100,000), each with a project copied from a
#      template, three contacts with portal access (300,000) and a success criterion; 50 signed-in
#      contacts load GET /portal concurrently (wrk, 50 connections) — p50/p95/p99;
#   2. magic-link requests: POST /portal/sign-in for known and unknown addresses, in pairs whose
#      order is drawn at random (so the background work of one request falls as often before a
#      known as before an unknown address) — the two medians over BENCH_LINK_REQUESTS (1,000) each,
#      which must differ by less than 10 % (timing must not tell who is a customer).
# Needs psql and wrk (apt-get install -y postgresql-client wrk) and a JDK >= 21 in JAVA_HOME or on PATH.
# Prints the figures and writes them to target/benchmark-portal.txt.
set -euo pipefail
PORT=${BENCH_PORT:-18095}
PGPORT=${BENCH_PGPORT:-54335}
TOKEN=bench-token-0123456789abcdef0123456789abcdef
DATA=target/bench-portal-postgres
APP_LOG=target/bench-portal-app.log
ACCOUNTS=${BENCH_ACCOUNTS:-100000}
DURATION=${BENCH_DURATION:-30s}
WARMUP=${BENCH_WARMUP:-10s}
REQUESTS=${BENCH_LINK_REQUESTS:-1000}
OUT=target/benchmark-portal.txt
# The pool size (20 is the embedded database's default; BENCH_POOL=50 gives each client its own connection).
POOL=${BENCH_POOL:-20}
. "$(dirname "$0")/lib.sh"
need psql postgresql-client
need wrk
trap stop_all EXIT

stop_postgres
rm -rf $DATA $APP_LOG
start_app --onward.scheduling.enabled=false --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT \
  --onward.embedded-db.max-pool-size=$POOL ${BENCH_APP_OPTS:-}

echo "== data: $ACCOUNTS accounts, $(( ACCOUNTS * 3 )) portal contacts"
T0=$(date +%s)
CSM=$(api $BASE/api/v1/team/members -d '{"name":"Dana Lim","email":"dana@vendor.example","role":"CSM","capacity":1000}' \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
TEMPLATE=$(api $BASE/api/v1/contracts -d '{"externalId":"bench-template","signedAt":"2026-10-05T09:00:00Z","account":{"name":"Template","employees":200,"acv":{"amount":20000,"currency":"USD"},"licensedSeats":20,"productType":"DAILY"}}' \
  | sed -E 's/.*"projectId":"([^"]+)".*/\1/')
sql -v n=$ACCOUNTS -v template=$TEMPLATE -v csm=$CSM -f bench/portal-data.sql
sql -c "vacuum analyze"
CONTACTS=$(sql -tA -c "select count(*) from portal_contact")
echo "data generated in $(( $(date +%s) - T0 )) s: $CONTACTS portal contacts"

echo "== 1. portal home, 50 signed-in contacts"
# 50 sessions of random contacts (as a sign-in would store them: only the token's SHA-256).
sql -tA -c "create table bench_token as
  select c.contact_id, c.account_id, substr(md5(random()::text) || md5(random()::text), 1, 43) as token
  from portal_contact c order by random() limit 50;
  insert into portal_session (token_hash, contact_id, account_id, created_at, expires_at)
  select encode(sha256(convert_to(token, 'UTF8')), 'hex'), contact_id, account_id, now(), now() + interval '12 hours'
  from bench_token;"
sql -tA -c "select token from bench_token" > target/bench-portal-tokens.txt
while read -r t; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: onward_portal=$t" $BASE/portal)
  [ "$code" = 200 ] || { echo "portal home answered $code" >&2; exit 1; }
done < target/bench-portal-tokens.txt
PAGE_BYTES=$(curl -s -H "Cookie: onward_portal=$(head -1 target/bench-portal-tokens.txt)" $BASE/portal | tee target/bench-portal-home.html | wc -c)
echo "portal home page: $PAGE_BYTES bytes"
wrk -t2 -c50 -d$WARMUP -s bench/portal-home.lua $BASE/portal > /dev/null # warm-up
HOME_RESULT=$(wrk -t2 -c50 -d$DURATION -s bench/portal-home.lua $BASE/portal | tail -1)
echo "portal home: $HOME_RESULT"

echo "== 2. magic-link requests: known vs unknown addresses, $REQUESTS each, in pairs of random order"
sql -tA -c "select c.email from stakeholder_contact_v c join portal_contact p on p.contact_id = c.id order by random() limit $REQUESTS" \
  > target/bench-portal-known.txt
JAR=target/bench-portal-cookies.txt
CSRF=$(curl -s -c $JAR $BASE/portal/sign-in | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
time_post() { curl -s -o /dev/null -b $JAR -w '%{time_total}\n' --data-urlencode "email=$1" --data-urlencode "_csrf=$CSRF" $BASE/portal/sign-in; }
: > target/bench-portal-known-ms.txt; : > target/bench-portal-unknown-ms.txt
i=0
while read -r known; do
  i=$((i + 1))
  if (( RANDOM % 2 )); then
    time_post "nobody-$i-$RANDOM@unknown-bench.example" >> target/bench-portal-unknown-ms.txt
    time_post "$known" >> target/bench-portal-known-ms.txt
  else
    time_post "$known" >> target/bench-portal-known-ms.txt
    time_post "nobody-$i-$RANDOM@unknown-bench.example" >> target/bench-portal-unknown-ms.txt
  fi
done < target/bench-portal-known.txt
median() { sort -n "$1" | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f", m * 1000}'; }
KNOWN=$(median target/bench-portal-known-ms.txt)
UNKNOWN=$(median target/bench-portal-unknown-ms.txt)
DIFF=$(awk -v k=$KNOWN -v u=$UNKNOWN 'BEGIN { d = (k > u ? k - u : u - k) / (k < u ? k : u) * 100; printf "%.1f", d }')
sleep 3
LINKS=$(sql -tA -c "select count(*) from portal_magic_link")
echo "magic-link request medians: known $KNOWN ms, unknown $UNKNOWN ms (difference $DIFF %); links issued: $LINKS"

{
  echo "Portal benchmark $(date -u +%FT%TZ) — $ACCOUNTS accounts, $CONTACTS portal contacts, $(nproc) cores (app, PostgreSQL and load generator on one machine), pool $POOL"
  echo "portal home (GET /portal, 50 signed-in contacts, wrk -c50 $DURATION): $HOME_RESULT"
  echo "magic-link request (POST /portal/sign-in) medians over $REQUESTS each (pairs in random order): known $KNOWN ms, unknown $UNKNOWN ms, difference $DIFF %"
} | tee $OUT
