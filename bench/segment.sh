#!/usr/bin/env bash
# Segment-format ingestion against native POST /api/v1/events in the same run, on the same
# machine (app and its PostgreSQL side by side): the same event mix in batches of 1,000, native
# and Segment rounds alternating (warm-up first), 4 clients each. The goal is Segment >= 80 % of
# native. Prints the figures and writes them to target/benchmark-segment.txt.
# BENCH_SEGMENT_SECONDS (default 30) is the length of each measured round.
set -euo pipefail
PORT=${BENCH_PORT:-18091}
PGPORT=${BENCH_PGPORT:-54331}
TOKEN=bench-token-0123456789abcdef0123456789abcdef
DATA=target/bench-segment-postgres
APP_LOG=target/bench-segment-app.log
SECS=${BENCH_SEGMENT_SECONDS:-30}
WARMUP_SECS=${BENCH_SEGMENT_WARMUP_SECONDS:-10}
CLIENTS=${BENCH_SEGMENT_CLIENTS:-4}
OUT=target/benchmark-segment.txt
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx1g}
. "$(dirname "$0")/lib.sh"
need psql postgresql-client
trap stop_all EXIT
stop_postgres
rm -rf $DATA $APP_LOG
start_app --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT --onward.embedded-db.max-pool-size=20
sql -c "insert into account (id, external_id, name, employees, acv_amount, acv_currency, product_type, licensed_seats,
  language, status, segment, touch_model, created_at)
  select gen_random_uuid(), 'load-' || g, 'Load ' || g, 50, 5000, 'USD', 'DAILY', 40, 'en', 'ONBOARDING', 'SMB',
  'TECH_TOUCH', now() from generate_series(1, 1000) g"
sql -tA -F'|' -c "select id, external_id from account where external_id like 'load-%'" > target/bench-segment-accounts.txt
# A write key is an ingestion-scoped token.
KEY=$(api $BASE/api/v1/admin/tokens \
  -d '{"name":"segment-bench","scope":"INGEST"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
run() { "$JAVA" bench/SegmentLoad.java $BASE "$KEY" target/bench-segment-accounts.txt "$1" $CLIENTS 1000 "$2" "$3" | grep RESULT; }
echo "warm-up: $(run $WARMUP_SECS native warm-n) / $(run $WARMUP_SECS segment warm-s)"
N1=$(run $SECS native n1); echo "$N1"
S1=$(run $SECS segment s1); echo "$S1"
N2=$(run $SECS native n2); echo "$N2"
S2=$(run $SECS segment s2); echo "$S2"
rate() { echo "$1" | sed -E 's/.*events_per_s=([0-9]+).*/\1/'; }
NATIVE=$(( ($(rate "$N1") + $(rate "$N2")) / 2 ))
SEGMENT=$(( ($(rate "$S1") + $(rate "$S2")) / 2 ))
RATIO=$(echo "scale=3; $SEGMENT / $NATIVE" | bc)
STORED=$(sql -tA -c "select count(*) from usage_event")
{
  echo "Onward Segment ingestion benchmark $(date -u +%FT%TZ) on $(nproc) cores (app and PostgreSQL on the same machine)"
  echo "$CLIENTS clients, 1,000-event batches, ${SECS}s rounds alternating native/segment: $N1 | $S1 | $N2 | $S2"
  echo "native POST /api/v1/events: $NATIVE events/s; Segment batch: $SEGMENT events/s; Segment = $RATIO of native (goal >= 0.80)"
  echo "events stored: $STORED"
} | tee $OUT
