#!/usr/bin/env bash
# Benchmark of usage telemetry and health, on one machine with the app and its
# PostgreSQL side by side:
#   1. ingestion: events/s through POST /api/v1/events, 1,000-event batches, for 60 s;
#   2. the same rows written by a plain COPY into the same table, and our rate as a ratio of it;
#   3. no loss: kill -9 the app under load, restart it, and check that every event answered 202
#      is stored exactly once;
#   1b. the same into one account (every batch adds to the same rollup rows);
#   after each load: how long the background counter takes to count what is still pending into the rollups,
#   and the counted rate (events / (load seconds + that catch-up)); after 3, the rollups against the raw events;
#   (BENCH_HEALTH_ONLY=1 skips 1-3 and measures only the health part; BENCH_INGEST_ONLY=1 stops after 3.)
#   4. health: 100,000 accounts with projects, contacts and 90 days of rollups (each with a CSM, so
#      every red flag notifies); a first and a second full recompute, each followed by the listeners'
#      work until no event publication is incomplete; every flag's notice counted (exactly once) and
#      ERROR lines in the app log counted; p95 of GET …/adoption and GET …/health at that size (wrk).
# Needs wrk and psql (apt-get install -y wrk postgresql-client) and a JDK >= 21 in JAVA_HOME or on
# PATH. Prints the figures and writes them to target/benchmark-usage.txt.
set -euo pipefail
PORT=${BENCH_PORT:-18090}
PGPORT=${BENCH_PGPORT:-54330}
TOKEN=bench-token-0123456789abcdef0123456789abcdef
DATA=target/bench-usage-postgres
APP_LOG=target/bench-usage-app.log
ACCOUNTS=${BENCH_HEALTH_ACCOUNTS:-100000}
SECONDS_LOAD=${BENCH_INGEST_SECONDS:-60}
CLIENTS=${BENCH_INGEST_CLIENTS:-4}
OUT=target/benchmark-usage.txt
. "$(dirname "$0")/lib.sh"
need wrk
need psql postgresql-client
trap stop_all EXIT

# Waits until the background counter has counted every pending delta; sets COUNTED to the catch-up time and the
# counted rate over load + catch-up (the load's RESULT line given as $1).
catch_up() {
  local t0 t1 events
  t0=$(date +%s.%N)
  while [ "$(sql -tA -c "select exists (select 1 from usage_pending)")" = t ]; do
    sleep 0.2
  done
  t1=$(date +%s.%N)
  events=$(echo "$1" | sed -nE 's/.*RESULT events=([0-9]+).*/\1/p')
  COUNTED="all counted $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s after the load ended"
  [ -n "$events" ] && [ "$events" != 0 ] && \
    COUNTED="$COUNTED; counted rate $(echo "$events / ($SECONDS_LOAD + $t1 - $t0)" | bc) events/s"
  echo "$COUNTED"
}

stop_postgres
rm -rf $DATA $APP_LOG
# The scheduled sweep (every 15 minutes; bench/automation.sh measures it) is off: one falling into a recompute would
# make the recompute's figure depend on the clock.
NO_SWEEP=--onward.automation.sweep-cron=-
start_app --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT --onward.embedded-db.max-pool-size=20 $NO_SWEEP

INGEST="(skipped: BENCH_HEALTH_ONLY=1)"; INGEST_ONE="(skipped)"; COPY_RATE="(skipped)"; RATIO="-"; NOLOSS="(skipped)"; KILL_LOAD="(skipped)"
if [ "${BENCH_HEALTH_ONLY:-0}" != 1 ]; then
echo "== 1. ingestion: $CLIENTS clients, 1,000-event batches, ${SECONDS_LOAD}s"
sql -c "insert into account (id, external_id, name, employees, acv_amount, acv_currency, product_type, licensed_seats,
  language, status, segment, touch_model, created_at)
  select gen_random_uuid(), 'load-' || g, 'Load ' || g, 50, 5000, 'USD', 'DAILY', 40, 'en', 'ONBOARDING', 'SMB',
  'TECH_TOUCH', now() from generate_series(1, 1000) g"
sql -tA -c "select id from account where external_id like 'load-%'" > target/bench-load-accounts.txt
"$JAVA" bench/EventLoad.java $BASE $TOKEN target/bench-load-accounts.txt "$SECONDS_LOAD" "$CLIENTS" 1000 \
  target/bench-acked-run1.txt run1 > target/bench-ingest.txt 2>&1
cat target/bench-ingest.txt
INGEST=$(grep RESULT target/bench-ingest.txt)
OURS=$(echo "$INGEST" | sed -E 's/.*events_per_s=([0-9]+).*/\1/')
catch_up "$INGEST"; SPREAD_COUNTED=$COUNTED

echo "== 1b. ingestion into one account: $CLIENTS clients, 1,000-event batches, ${SECONDS_LOAD}s"
# One large customer sending its whole product's usage: every batch adds to the same rollup rows.
head -1 target/bench-load-accounts.txt > target/bench-load-one-account.txt
"$JAVA" bench/EventLoad.java $BASE $TOKEN target/bench-load-one-account.txt "$SECONDS_LOAD" "$CLIENTS" 1000 \
  target/bench-acked-one.txt one > target/bench-ingest-one.txt 2>&1
cat target/bench-ingest-one.txt
INGEST_ONE=$(grep RESULT target/bench-ingest-one.txt)
catch_up "$INGEST_ONE"; ONE_COUNTED=$COUNTED

echo "== 2. plain COPY of equivalent rows into usage_event"
ROWS=1000000
awk -v n=$ROWS -v now="$(date -u +%Y-%m-%dT%H:%M:%SZ)" 'NR==FNR { a[++k] = $1; next } END {
  for (i = 0; i < n; i++) printf "%s,u-%d,FEATURE_USED,dashboards,%s,copy-%d,,%s\n", a[1 + i % k], i % 40, now, i, now }' \
  target/bench-load-accounts.txt /dev/null > target/bench-copy.csv
T0=$(date +%s.%N)
sql -c "\\copy usage_event (account_id, user_id, type, feature, occurred_at, event_id, properties, received_at) from 'target/bench-copy.csv' csv"
T1=$(date +%s.%N)
COPY_RATE=$(echo "$ROWS / ($T1 - $T0)" | bc)
RATIO=$(echo "scale=2; $OURS / $COPY_RATE" | bc)
echo "COPY: $COPY_RATE rows/s; ours: $OURS events/s = $RATIO of COPY"

echo "== 3. kill -9 under load, restart, every acknowledged event stored exactly once"
"$JAVA" bench/EventLoad.java $BASE $TOKEN target/bench-load-accounts.txt 30 "$CLIENTS" 1000 target/bench-acked-kill.txt kill \
  > target/bench-kill-load.txt 2>&1 &
LOADER=$!
sleep 12
kill -9 $APP
wait $APP 2>/dev/null || true
APP=
KILLED_AT=$(date -u +%T)
sleep 3
# The embedded PostgreSQL runs in its own process and outlives the app: restart against it, as an
# app instance would restart against its database server.
if sql -c "select 1" >/dev/null 2>&1; then
  start_app --spring.datasource.url=jdbc:postgresql://127.0.0.1:$PGPORT/postgres --spring.datasource.username=postgres \
    --spring.datasource.password=postgres $NO_SWEEP
else
  start_app --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT $NO_SWEEP
fi
wait $LOADER || true
KILL_LOAD=$(grep RESULT target/bench-kill-load.txt || echo "(no result)")
echo "load during the kill: $KILL_LOAD"
sql -c "create table bench_acked (event_id text)"
sql -c "\\copy bench_acked from 'target/bench-acked-kill.txt'"
CHECK=$(sql -tA -F' ' -c "select (select count(*) from bench_acked),
  (select count(*) from bench_acked a where not exists (select 1 from usage_event e where e.event_id = a.event_id)),
  (select count(*) - count(distinct event_id) from usage_event where event_id like 'kill-%'),
  (select count(*) from usage_event where event_id like 'kill-%')")
read -r ACKED MISSING DUPLICATES STORED <<< "$CHECK"
NOLOSS="killed at $KILLED_AT: acknowledged=$ACKED missing=$MISSING duplicates=$DUPLICATES stored=$STORED (stored beyond acknowledged: batches committed while their 202 was lost with the process)"
echo "$NOLOSS"
[ "$MISSING" = 0 ] && [ "$DUPLICATES" = 0 ] || { echo "NO-LOSS CHECK FAILED" >&2; exit 1; }
sql -c "drop table bench_acked"
# Every stored event (the plain COPY's rows excepted: they bypassed the API) is in the rollups exactly once,
# the batches counted before the kill and those left pending by it alike.
catch_up "events=0"
ROLLUP=$(sql -tA -F' ' -c "select (select count(*) from usage_event where event_id not like 'copy-%'),
  (select sum(events) from usage_user_day), (select sum(events) from usage_user),
  (select count(*) from usage_event where event_id not like 'copy-%' and type = 'FEATURE_USED'),
  (select sum(uses) from usage_feature)")
read -r RAW DAYS USERS RAWF FEATURES <<< "$ROLLUP"
ROLLUPS="raw events $RAW = user-day rollups $DAYS = user rollups $USERS; feature uses $RAWF = feature rollups $FEATURES"
echo "$ROLLUPS"
[ "$RAW" = "$DAYS" ] && [ "$RAW" = "$USERS" ] && [ "$RAWF" = "$FEATURES" ] || { echo "ROLLUP CHECK FAILED" >&2; exit 1; }
fi

if [ "${BENCH_INGEST_ONLY:-0}" = 1 ]; then
  {
    echo "Onward usage benchmark $(date -u +%FT%TZ) on $(nproc) cores (app and PostgreSQL on the same machine), ingestion only"
    echo "ingestion ($CLIENTS clients, 1,000-event batches, ${SECONDS_LOAD}s): $INGEST"
    echo "  counted into the rollups: $SPREAD_COUNTED"
    echo "ingestion into one account ($CLIENTS clients, 1,000-event batches, ${SECONDS_LOAD}s): $INGEST_ONE"
    echo "  counted into the rollups: $ONE_COUNTED"
    echo "plain COPY into usage_event: $COPY_RATE rows/s; ingestion = $RATIO of COPY"
    echo "no loss under kill -9: $NOLOSS; load generator: $KILL_LOAD"
    echo "rollups after the kill: $ROLLUPS"
  } | tee $OUT
  exit 0
fi

echo "== 4. health at $ACCOUNTS accounts"
# One CSM for every account (the template's project is assigned to them on signature), so every red
# flag has someone to notify.
CSM=$(api $BASE/api/v1/team/members -d '{"name":"Bench CSM","email":"csm@bench.example","role":"CSM","capacity":1000}' \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
TEMPLATE=$(api $BASE/api/v1/contracts -d '{"externalId":"bench-template","signedAt":"2026-01-05T09:00:00Z","account":{"name":"Template","employees":200,"acv":{"amount":20000,"currency":"USD"},"licensedSeats":20,"productType":"DAILY"}}' \
  | sed -E 's/.*"projectId":"([^"]+)".*/\1/')
T0=$(date +%s)
sql -v n=$ACCOUNTS -v template=$TEMPLATE -f bench/usage-data.sql
sql -c "update account set owner_csm_id = '$CSM'"
sql -c "vacuum analyze"
echo "data generated in $(( $(date +%s) - T0 )) s: $(sql -tA -c "select count(*) from usage_user_day") user-day rollups, $(sql -tA -c "select count(*) from project_item") plan items"
LOG_FROM=$(wc -l < target/bench-usage-app.log)
# Waits until every event publication since $1 is complete (the listeners' work); prints the seconds it
# took. (A publication the kill -9 above left in flight is retried on its own, after the staleness timeout.)
drain() {
  local t0; t0=$(date +%s)
  for _ in $(seq 1 900); do
    [ "$(sql -tA -c "select count(*) from event_publication where completion_date is null and publication_date >= '$1'")" = 0 ] && break
    sleep 1
  done
  echo $(( $(date +%s) - t0 ))
}
notices() {
  sql -tA -F' ' -c "select (select count(*) from red_flag where source = 'HEALTH'),
    (select count(*) from notification where uniqueness_key like 'rule:RED_FLAG_NOTICE:%'),
    (select count(*) from red_flag f where source = 'HEALTH' and not exists (select 1 from notification n
       where n.uniqueness_key = 'rule:RED_FLAG_NOTICE:' || f.account_id || ':' || f.id)),
    (select count(*) from automation_task where rule_code = 'AT_RISK'),
    (select count(*) from health_score s where band = 'RED' and not exists (select 1 from automation_task t
       where t.rule_code = 'AT_RISK' and t.account_id = s.account_id)),
    (select count(*) from outbox_message where template = 'csm-notice'),
    (select count(*) from event_publication where completion_date is null),
    (select count(*) from notification n where not exists (select 1 from outbox_message o
       where o.uniqueness_key = 'notice-EMAIL:' || n.uniqueness_key)),
    (select count(*) - count(distinct account_id) from automation_task where rule_code = 'AT_RISK')"
}
SINCE=$(date -u +%FT%TZ)
RECOMPUTE1=$(api -X POST $BASE/api/v1/health/recompute)
DRAIN1=$(drain $SINCE)
read -r FLAGS1 NOTICES1 UNNOTIFIED1 TASKS1 RED1 MAILS1 INCOMPLETE1 UNMAILED1 TWICE1 <<< "$(notices)"
echo "first full recompute (raises every flag): $RECOMPUTE1; listeners done ${DRAIN1}s later"
echo "  flags $FLAGS1, notices $NOTICES1 (flags without their notice: $UNNOTIFIED1), at-risk tasks $TASKS1 (accounts with two: $TWICE1; red accounts without one: $RED1), notice emails $MAILS1 (notices without their email: $UNMAILED1), incomplete publications $INCOMPLETE1"
SINCE=$(date -u +%FT%TZ)
RECOMPUTE2=$(api -X POST $BASE/api/v1/health/recompute)
DRAIN2=$(drain $SINCE)
read -r FLAGS2 NOTICES2 UNNOTIFIED2 TASKS2 RED2 MAILS2 INCOMPLETE2 UNMAILED2 TWICE2 <<< "$(notices)"
echo "second full recompute: $RECOMPUTE2; listeners done ${DRAIN2}s later"
echo "  flags $FLAGS2, notices $NOTICES2 (flags without their notice: $UNNOTIFIED2), at-risk tasks $TASKS2 (accounts with two: $TWICE2; red accounts without one: $RED2), notice emails $MAILS2 (notices without their email: $UNMAILED2), incomplete publications $INCOMPLETE2"
LOG_ERRORS=$(tail -n +$((LOG_FROM + 1)) target/bench-usage-app.log | grep -cE ' ERROR |Exception' || true)
echo "ERROR/Exception lines in the app log during both recomputes: $LOG_ERRORS"
ADOPTION="(skipped)"; HEALTH="(skipped)"
if [ "${BENCH_SKIP_READS:-0}" != 1 ]; then
BENCH_TOKEN=$TOKEN BENCH_IDS=target/bench-usage-ids.txt BENCH_PATH="/api/v1/accounts/{id}/adoption" \
  wrk -t2 -c20 -d10s -s bench/accounts.lua $BASE >/dev/null
ADOPTION=$(BENCH_TOKEN=$TOKEN BENCH_IDS=target/bench-usage-ids.txt BENCH_PATH="/api/v1/accounts/{id}/adoption" \
  wrk -t2 -c${BENCH_CLIENTS:-20} -d30s --timeout 10s -s bench/accounts.lua $BASE | grep RESULT)
echo "GET …/adoption: $ADOPTION"
HEALTH=$(BENCH_TOKEN=$TOKEN BENCH_IDS=target/bench-usage-ids.txt BENCH_PATH="/api/v1/accounts/{id}/health" \
  wrk -t2 -c${BENCH_CLIENTS:-20} -d30s --timeout 10s -s bench/accounts.lua $BASE | grep RESULT)
echo "GET …/health: $HEALTH"
fi

{
  echo "Onward usage benchmark $(date -u +%FT%TZ) on $(nproc) cores (app and PostgreSQL on the same machine)"
  echo "ingestion ($CLIENTS clients, 1,000-event batches, ${SECONDS_LOAD}s): $INGEST"
  echo "  counted into the rollups: ${SPREAD_COUNTED:-(skipped)}"
  echo "ingestion into one account ($CLIENTS clients, 1,000-event batches, ${SECONDS_LOAD}s): $INGEST_ONE"
  echo "  counted into the rollups: ${ONE_COUNTED:-(skipped)}"
  echo "plain COPY into usage_event: $COPY_RATE rows/s; ingestion = $RATIO of COPY"
  echo "no loss under kill -9: $NOLOSS; load generator: $KILL_LOAD"
  echo "rollups after the kill: ${ROLLUPS:-(skipped)}"
  echo "health recompute of $ACCOUNTS accounts: first $RECOMPUTE1 (listeners done ${DRAIN1}s later); second $RECOMPUTE2 (listeners done ${DRAIN2}s later)"
  echo "notices exactly once: after the first recompute $FLAGS1 flags, $NOTICES1 notices, $UNNOTIFIED1 flags without notice, $TASKS1 at-risk tasks ($TWICE1 accounts with two, $RED1 red accounts without one), $MAILS1 notice emails ($UNMAILED1 notices without one), $INCOMPLETE1 incomplete publications; after the second $FLAGS2 flags, $NOTICES2 notices, $UNNOTIFIED2 without notice, $TASKS2 at-risk tasks ($TWICE2 accounts with two, $RED2 red accounts without one), $MAILS2 notice emails ($UNMAILED2 without), $INCOMPLETE2 incomplete"
  echo "ERROR/Exception lines in the app log during both recomputes: $LOG_ERRORS"
  echo "GET /api/v1/accounts/{id}/adoption (${BENCH_CLIENTS:-20} clients, wrk): $ADOPTION"
  echo "GET /api/v1/accounts/{id}/health (${BENCH_CLIENTS:-20} clients, wrk): $HEALTH"
} | tee $OUT
