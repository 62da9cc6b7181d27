#!/usr/bin/env bash
# Benchmark of the customer portal (PRT-1, PLT-4) on one machine, the app and PostgreSQL side by side:
#   1. portal home: BENCH_ACCOUNTS accounts (default 100,000), each with a project copied from a
#      template, three contacts with portal access (300,000) and a success criterion; 50 signed-in
#      contacts (each request with a contact's session cookie and the CSRF cookie its browser keeps)
#      load GET /portal over 50 connections (wrk) — p50/p95/p99 and req/s, measured
#      a. saturated: no think time, each connection sends its next request as soon as the answer is in
#         (a closed loop that measures the machine's throughput as much as the page);
#      b. one contact alone (1 connection, no think time): the page's own latency;
#      c. at a human pace: each contact waits BENCH_THINK_MS on average (uniformly 0.5–1.5×) after an
#         answer before its next request, for each pace in BENCH_THINK_MS (default "1000 250": about
#         50 and 200 requests/s in all); the total rate served is printed with the figures;
#      each next to the liveness probe (GET /actuator/health/liveness: no database, no page) at the
#      same connections and pace — the machine's floor — and the ratio of the two p95s;
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
# The JIT is still compiling the page's code after 10 s of load on 2 cores: 20 s of warm-up.
WARMUP=${BENCH_WARMUP:-20s}
PACED_DURATION=${BENCH_PACED_DURATION:-30s}
ALONE_DURATION=${BENCH_ALONE_DURATION:-10s}
THINK=${BENCH_THINK_MS:-1000 250}
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
sql -tA -c "select token from bench_token" > target/bench-portal-sessions.txt
# Each contact's first page, as its browser gets it: the CSRF cookie it sets is sent back from then on.
: > target/bench-portal-tokens.txt
while read -r t; do
  headers=$(curl -s -o /dev/null -D - -H "Cookie: onward_portal=$t" $BASE/portal | tr -d '\r')
  code=$(echo "$headers" | awk 'NR == 1 {print $2}')
  [ "$code" = 200 ] || { echo "portal home answered $code" >&2; exit 1; }
  csrf=$(echo "$headers" | sed -nE 's/^set-cookie: onward_portal_csrf=([^;]*).*/\1/Ip' | head -1)
  echo "$t $csrf" >> target/bench-portal-tokens.txt
done < target/bench-portal-sessions.txt
PAGE_BYTES=$(curl -s -H "Cookie: onward_portal=$(head -1 target/bench-portal-sessions.txt)" $BASE/portal | tee target/bench-portal-home.html | wc -c)
echo "portal home page: $PAGE_BYTES bytes"
PROBE=/actuator/health/liveness
# load CONNECTIONS THINK_MS DURATION PATH: wrk's figures for PATH (the contacts' cookies on /portal).
load() {
  THINK_MS=$2 BENCH_PATH=$4 wrk -t$(( $1 < 2 ? 1 : 2 )) -c$1 -d$3 -s bench/portal-home.lua $BASE$4 | tail -1
}
p95() { sed -nE 's/.* p95 ([0-9.]+) ms.*/\1/p' <<< "$1"; }
ratio() { awk -v a="$(p95 "$1")" -v b="$(p95 "$2")" 'BEGIN { printf "%.1f", a / b }'; }
load 50 0 $WARMUP /portal > /dev/null # warm-up
load 50 0 5s $PROBE > /dev/null
HOME_RESULT=$(load 50 0 $DURATION /portal)
echo "a. portal home, saturated: $HOME_RESULT"
PROBE_RESULT=$(load 50 0 $DURATION $PROBE)
echo "   liveness probe, saturated: $PROBE_RESULT"
ALONE_RESULT=$(load 1 0 $ALONE_DURATION /portal)
echo "b. portal home, one contact alone: $ALONE_RESULT"
PROBE_ALONE=$(load 1 0 $ALONE_DURATION $PROBE)
echo "   liveness probe, one client alone: $PROBE_ALONE"
PACED=()
for think in $THINK; do
  home=$(load 50 $think $PACED_DURATION /portal)
  probe=$(load 50 $think $PACED_DURATION $PROBE)
  PACED+=("portal home at a human pace (50 contacts, each ~${think} ms between an answer and its next request, wrk -c50 $PACED_DURATION): $home
  liveness probe at the same pace and connections: $probe; page p95 / probe p95 = $(ratio "$home" "$probe")")
  echo "c. ${PACED[-1]}"
done

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
  echo "portal home (GET /portal, 50 signed-in contacts, wrk -c50 $DURATION, saturated: no think time): $HOME_RESULT"
  echo "  liveness probe (GET $PROBE, the same 50 connections, saturated): $PROBE_RESULT; page p95 / probe p95 = $(ratio "$HOME_RESULT" "$PROBE_RESULT")"
  echo "portal home, one contact alone (wrk -c1 $ALONE_DURATION, no think time): $ALONE_RESULT"
  echo "  liveness probe, one client alone: $PROBE_ALONE"
  printf '%s\n' "${PACED[@]}"
  echo "magic-link request (POST /portal/sign-in) medians over $REQUESTS each (pairs in random order): known $KNOWN ms, unknown $UNKNOWN ms, difference $DIFF %"
} | tee $OUT
