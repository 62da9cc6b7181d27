#!/usr/bin/env bash
# Soak benchmark: mixed load for 30 minutes (BENCH_SOAK_SECONDS) on one machine with the app and
# its PostgreSQL side by side — usage ingestion (2 × 1,000 events/s), page views (portfolio and
# account pages), API reads (health, adoption, account list), a sweep every minute and a full health
# recompute every 10 minutes (BENCH_SOAK_RECOMPUTE_EVERY) over BENCH_SOAK_ACCOUNTS accounts (each
# with a CSM, so every red flag notifies). Reports p95 per endpoint per minute, the heap after each
# recompute, the connection pool's wait, request errors and ERROR lines in the app's log, and checks
# that every flag was notified exactly once. Needs psql (apt-get install -y postgresql-client) and a
# JDK >= 21 in JAVA_HOME or on PATH. Prints the figures and writes them to target/benchmark-soak.txt.
set -euo pipefail
PORT=${BENCH_PORT:-18095}
PGPORT=${BENCH_PGPORT:-54335}
SOAK_SECONDS=${BENCH_SOAK_SECONDS:-1800}
RECOMPUTE_EVERY=${BENCH_SOAK_RECOMPUTE_EVERY:-600}
WINDOW=${BENCH_SOAK_WINDOW:-60}
ACCOUNTS=${BENCH_SOAK_ACCOUNTS:-20000}
TOKEN=bench-token-0123456789abcdef0123456789abcdef
DATA=target/bench-soak-postgres
LOG=target/bench-soak-app.log
APP_LOG=$LOG
OUT=target/benchmark-soak.txt
. "$(dirname "$0")/lib.sh"
need psql postgresql-client
trap stop_all EXIT

stop_postgres
rm -rf $DATA $LOG
start_app --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT --onward.embedded-db.max-pool-size=20

echo "== data: $ACCOUNTS accounts"
# One CSM for every account (the template's project is assigned to them on signature).
CSM=$(api $BASE/api/v1/team/members -d '{"name":"Soak CSM","email":"csm@soak.example","role":"CSM","capacity":1000}' \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
TEMPLATE=$(api $BASE/api/v1/contracts -d '{"externalId":"soak-template","signedAt":"2026-01-05T09:00:00Z","account":{"name":"Template","employees":200,"acv":{"amount":20000,"currency":"USD"},"licensedSeats":20,"productType":"DAILY"}}' \
  | sed -E 's/.*"projectId":"([^"]+)".*/\1/')
sql -v n=$ACCOUNTS -v template=$TEMPLATE -f bench/usage-data.sql
sql -c "update account set owner_csm_id = '$CSM'"
sql -c "vacuum analyze"
api $BASE/api/v1/admin/users -d '{"username":"soak","displayName":"Soak","email":"soak@soak.example","role":"CSM","password":"soak-password"}' >/dev/null
JAR=$(mktemp)
CSRF=$(curl -s -c "$JAR" $BASE/login | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
curl -s -b "$JAR" -c "$JAR" -o /dev/null -X POST $BASE/login \
  --data-urlencode username=soak --data-urlencode password=soak-password --data-urlencode "_csrf=$CSRF"
COOKIE="SESSION=$(awk '/\tSESSION\t/ {print $7}' "$JAR")"
curl -sf -H "Cookie: $COOKIE" -o /dev/null $BASE/ || { echo "sign-in failed" >&2; exit 1; }
LOG_FROM=$(wc -l < $LOG)

echo "== soak: ${SOAK_SECONDS}s, recompute every ${RECOMPUTE_EVERY}s, sweep every 60s"
"$JAVA" bench/Soak.java $BASE $TOKEN "$COOKIE" target/bench-usage-ids.txt $SOAK_SECONDS $RECOMPUTE_EVERY $WINDOW \
  target/bench-soak-load.txt
# The listeners finish what the last recompute raised; then every flag has its notice exactly once.
for _ in $(seq 1 120); do
  [ "$(sql -tA -c "select count(*) from event_publication where completion_date is null")" = 0 ] && break; sleep 1
done
CHECK=$(sql -tA -F' ' -c "select (select count(*) from red_flag where source = 'HEALTH'),
  (select count(*) from notification where uniqueness_key like 'rule:RED_FLAG_NOTICE:%'),
  (select count(*) from red_flag f where source = 'HEALTH' and not exists (select 1 from notification n
     where n.uniqueness_key = 'rule:RED_FLAG_NOTICE:' || f.account_id || ':' || f.id)),
  (select count(*) from event_publication where completion_date is null)")
read -r FLAGS NOTICES UNNOTIFIED INCOMPLETE <<< "$CHECK"
ERRORS=$(tail -n +$((LOG_FROM + 1)) $LOG | grep -cE ' ERROR |Exception' || true)
{
  echo "Onward soak benchmark $(date -u +%FT%TZ) on $(nproc) cores (app and PostgreSQL on the same machine), $ACCOUNTS accounts"
  cat target/bench-soak-load.txt
  echo "flags raised by the health rules: $FLAGS; RED_FLAG_NOTICE notices: $NOTICES; flags without their notice: $UNNOTIFIED; incomplete event publications at the end: $INCOMPLETE"
  echo "ERROR/Exception lines in the app log during the soak: $ERRORS"
} | tee $OUT
