#!/usr/bin/env bash
# Benchmark of automation and messaging, on one machine with the apps, PostgreSQL and the
# SMTP server side by side:
#   1. sweep: 100,000 active projects (bench/usage-data.sql: plans, contacts, usage rollups, core
#      features) and every shipped time-based rule, through POST /api/v1/automation/sweeps — the
#      first sweep (which fires every action due) and the next ones (steady state); every account has a CSM;
#   2. delivery: messages queued in the outbox, two Onward instances on the same database sending
#      to a local GreenMail (standalone) at once; messages/s until all are sent, each exactly once.
# Needs psql (apt-get install -y postgresql-client) and a JDK >= 21 in JAVA_HOME or on PATH.
# Prints the figures and writes them to target/benchmark-automation.txt. BENCH_REUSE=1 sweeps the
# database a previous run left (its first sweep is then a steady one).
set -euo pipefail
PORT=${BENCH_PORT:-18091}
PORT2=${BENCH_PORT2:-18092}
PGPORT=${BENCH_PGPORT:-54331}
SMTP_PORT=${BENCH_SMTP_PORT:-3125}
TOKEN=bench-token-0123456789abcdef0123456789abcdef
DATA=target/bench-automation-postgres
APP_LOG=target/bench-automation-app.log
ACCOUNTS=${BENCH_ACCOUNTS:-100000}
MESSAGES=${BENCH_MESSAGES:-10000}
OUT=target/benchmark-automation.txt
GREENMAIL_VERSION=2.1.13
. "$(dirname "$0")/lib.sh"
need psql postgresql-client
GREENMAIL=target/greenmail-standalone-$GREENMAIL_VERSION.jar
[ -f $GREENMAIL ] || ./mvnw -q -B dependency:copy -Dartifact=com.icegreen:greenmail-standalone:$GREENMAIL_VERSION \
  -DoutputDirectory=target
trap stop_all EXIT

stop_postgres
rm -f $APP_LOG
[ "${BENCH_REUSE:-0}" = 1 ] || rm -rf $DATA
# The schedules are off for the sweep phase: only the timed API calls run rules or deliver.
start_app --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT --onward.scheduling.enabled=false \
  --logging.level.com.onward.automation=DEBUG

echo "== 1. sweep over $ACCOUNTS active projects"
if [ "${BENCH_REUSE:-0}" != 1 ]; then
TEMPLATE=$(api $BASE/api/v1/contracts -d '{"externalId":"bench-template","signedAt":"2026-01-05T09:00:00Z","account":{"name":"Template","employees":200,"acv":{"amount":20000,"currency":"USD"},"licensedSeats":20,"productType":"DAILY"}}' \
  | sed -E 's/.*"projectId":"([^"]+)".*/\1/')
T0=$(date +%s)
sql -v n=$ACCOUNTS -v template=$TEMPLATE -f bench/usage-data.sql
# A fifth of the accounts never logged in, and some are tech-touch: the re-engagement rules have work.
sql -c "delete from usage_user where account_id in (select id from account where external_id like 'bench-%' and hashtext(id::text) % 5 = 0)"
sql -c "update account set touch_model = 'TECH_TOUCH' where external_id like 'bench-%' and hashtext(id::text) % 7 = 0"
sql -c "update contact set email = lower(role) || '.' || id || '@bench.example' where email is null"
# Every account has a CSM, as in a real installation: notices reach someone (a sweep retries an occasion whose
# notice had nobody to reach, so accounts without one would be re-evaluated by every sweep).
CSM=$(api $BASE/api/v1/team/members -d '{"name":"Bench CSM","email":"csm@bench.example","role":"CSM","capacity":1000}' \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
sql -c "update account set owner_csm_id = '$CSM'"
sql -c "vacuum analyze"
ACTIVE=$(sql -tA -c "select count(*) from account a join project p on p.id = a.current_project_id where p.status in ('NOT_STARTED','IN_PROGRESS')")
echo "data generated in $(( $(date +%s) - T0 )) s: $ACTIVE active projects"
fi
ACTIVE=$(sql -tA -c "select count(*) from account a join project p on p.id = a.current_project_id where p.status in ('NOT_STARTED','IN_PROGRESS')")
SWEEPS=()
for i in 1 2 3; do
  S=$(now_ms); R=$(api -X POST $BASE/api/v1/automation/sweeps); E=$(now_ms)
  SWEEPS+=("sweep $i: $(( E - S )) ms $R")
  echo "${SWEEPS[-1]}"
done
# The weekly usage summary goes out on one weekday (Friday); a sweep as on that day:
sql -c "update automation_rule set params = jsonb_set(params, '{weekday}', to_jsonb(extract(isodow from current_date)::int)) where code = 'WEEKLY_USAGE_SUMMARY'"
for i in 4 5; do
  S=$(now_ms); R=$(api -X POST $BASE/api/v1/automation/sweeps); E=$(now_ms)
  SWEEPS+=("sweep $i, on the weekly summary's day: $(( E - S )) ms $R")
  echo "${SWEEPS[-1]}"
done
sql -c "update automation_rule set params = jsonb_set(params, '{weekday}', '5') where code = 'WEEKLY_USAGE_SUMMARY'"
QUEUED=$(sql -tA -c "select count(*) from outbox_message")
TASKS=$(sql -tA -c "select count(*) from automation_task")
echo "outbox after the sweeps: $QUEUED messages; tasks: $TASKS"
stop_apps

echo "== 2. delivery: $MESSAGES messages, two instances, GreenMail on port $SMTP_PORT"
# Sending hours off so the figure does not depend on the hour the benchmark runs at; the daily cap and
# duplicate checks still run for every message (each to its own address).
MAIL="--spring.mail.host=127.0.0.1 --spring.mail.port=$SMTP_PORT --onward.messaging.delivery-interval=200ms --onward.messaging.discipline.quiet-hours=false"
# What the sweep queued is set aside (before delivery starts); the benchmark's messages are queued at once.
start_app --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT $MAIL --onward.messaging.delivery-initial-delay=1h
sql -c "delete from outbox_message where uniqueness_key like 'bench-delivery-%'"
sql -c "update outbox_message set status = 'FAILED', last_error = 'set aside by the benchmark' where status = 'PENDING'"
stop_apps
"$JAVA" -Dgreenmail.smtp.port=$SMTP_PORT -Dgreenmail.smtp.hostname=127.0.0.1 \
  -Dgreenmail.api.port=${BENCH_GREENMAIL_API_PORT:-18094} -jar $GREENMAIL > target/bench-greenmail.log 2>&1 &
APP_PIDS+=($!)
for _ in $(seq 1 30); do (echo > /dev/tcp/127.0.0.1/$SMTP_PORT) 2>/dev/null && break; sleep 1; done
start_app --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT $MAIL --onward.messaging.delivery-initial-delay=0s
start_app --port $PORT2 --spring.datasource.url=jdbc:postgresql://127.0.0.1:$PGPORT/postgres --spring.datasource.username=postgres \
  --spring.datasource.password=postgres $MAIL --onward.messaging.delivery-initial-delay=0s
S=$(now_ms)
sql -c "insert into outbox_message (id, uniqueness_key, template, channel, audience, recipient, language, subject, body,
  status, next_attempt_at, message_id, created_at)
  select id, 'bench-delivery-' || g, 'weekly-check-in', 'EMAIL', 'CUSTOMER', 'user' || g || '@bench.example', 'en',
    'Weekly check-in ' || g, 'Hi,' || chr(10) || 'here is this week''s agenda.', 'PENDING', now(), '<' || id || '@onward>', now()
  from (select gen_random_uuid() as id, g from generate_series(1, $MESSAGES) g) q"
while [ "$(sql -tA -c "select count(*) from outbox_message where uniqueness_key like 'bench-delivery-%' and status = 'PENDING'")" != 0 ]; do
  sleep 0.2
done
E=$(now_ms)
SENT=$(sql -tA -c "select count(*) from outbox_message where uniqueness_key like 'bench-delivery-%' and status = 'SENT'")
RATE=$(( SENT * 1000 / (E - S) ))
echo "delivered $SENT of $MESSAGES in $(( E - S )) ms: $RATE messages/s"
DELIVERY="$SENT messages in $(( E - S )) ms by two instances = $RATE messages/s"

{
  echo "Onward automation benchmark $(date -u +%FT%TZ) on $(nproc) cores (apps, PostgreSQL and SMTP on the same machine)"
  echo "sweep over $ACTIVE active projects, all shipped time-based rules:"
  for s in "${SWEEPS[@]}"; do echo "  $s"; done
  echo "  outbox after the sweeps: $QUEUED messages; tasks: $TASKS"
  echo "delivery to GreenMail with two instances: $DELIVERY"
} | tee $OUT
