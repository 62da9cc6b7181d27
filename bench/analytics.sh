#!/usr/bin/env bash
# Benchmark of the analytics and planning: BENCH_N accounts (default 100,000), each with a
# project signed over the last two years, a go-live milestone, a success criterion and renewal
# outcomes (bench/analytics-data.sql). Measures:
#   1. a full recompute of every first value and go-live date (POST /api/v1/analytics/first-value/recompute),
#      from an empty onboarding_outcome table;
#   2. p95 of every analytics and planning endpoint with 20 concurrent clients (hey);
#   3. the Analytics and Planning pages (p95, 20 clients, signed-in session).
# The app logs each answer it computes and each change that retires answers (AnalyticsCache at DEBUG);
# the script counts them per phase, so a phase that should be served from memory shows that it was.
# Needs psql and hey (apt-get install -y postgresql-client hey) and a JDK >= 21 in JAVA_HOME or on PATH.
# Prints the figures and writes them to target/benchmark-analytics.txt.
set -euo pipefail
PORT=${BENCH_PORT:-18095}
PGPORT=${BENCH_PGPORT:-54335}
N=${BENCH_N:-100000}
REQUESTS=${BENCH_REQUESTS:-1000}
CLIENTS=20
TOKEN=bench-token-0123456789abcdef0123456789abcdef
DATA=target/bench-analytics-postgres
APP_LOG=target/bench-analytics-app.log
OUT=target/benchmark-analytics.txt
. "$(dirname "$0")/lib.sh"
need psql postgresql-client
need hey
WRITER=""
stop() {
  [ -n "$WRITER" ] && kill "$WRITER" 2>/dev/null || true
  stop_all
}
trap stop EXIT
rm -rf $DATA $APP_LOG
# Figures are appended to $OUT as they come, so a run cut short still leaves what it measured.
echo "Onward analytics benchmark $(date -u +%FT%TZ) on $(nproc) cores, $N accounts and projects" > $OUT
start_app --onward.scheduling.enabled=false --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT \
  --logging.level.com.onward.analytics.AnalyticsCache=DEBUG ${BENCH_APP_ARGS:-}
# Marks where each phase starts in the app's log (for the answers computed / retired per phase).
phase() { echo "=== bench phase: $*" >> $APP_LOG; }

echo "== loading $N accounts, projects and two years of renewals"
started=$(date +%s)
sql -v n=$N -f bench/analytics-data.sql
sql -c "vacuum analyze"
echo "   loaded in $(( $(date +%s) - started )) s"

echo "== full recompute of first value and go-live ($N projects)"
sql -c "truncate onboarding_outcome"
t0=$(date +%s%3N)
RECOMPUTE=$(api -X POST $BASE/api/v1/analytics/first-value/recompute)
RECOMPUTE_MS=$(( $(date +%s%3N) - t0 ))
echo "   $RECOMPUTE in ${RECOMPUTE_MS} ms (wall clock)"
echo "full first-value recompute: ${RECOMPUTE_MS} ms ($RECOMPUTE)" >> $OUT
sql -c "vacuum analyze onboarding_outcome"

summarise() { awk '/95% in/ {p95=$3*1000} /50% in/ {p50=$3*1000} /99% in/ {p99=$3*1000} /Slowest:/ {mx=$2*1000} /Requests\/sec/ {r=$2}
  /^  \[[0-9]+\]/ {gsub(/[\[\]]/, "", $1); codes=codes $1 "x" $2 " "}
  END {printf "p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f rps=%.1f statuses=%s", p50, p95, p99, mx, r, codes}'; }
RESULTS=""
measure() { # label, then hey arguments
  local label=$1; shift
  # Warm-up: the first request computes, the others share its answer, and the code path gets compiled.
  hey -n 200 -c $CLIENTS "$@" >/dev/null
  local line; line=$(hey -n $REQUESTS -c $CLIENTS "$@" | summarise)
  printf '   %-58s %s\n' "$label" "$line"
  printf '%-60s %s\n' "$label" "$line" >> $OUT
  RESULTS="$RESULTS
$(printf '%-60s %s' "$label" "$line")"
}
AUTH="Authorization: Bearer $TOKEN"
# A cold answer: the first question after a change computes from every row (one client, nothing cached).
cold() {
  local path=$1 ms
  sql -c "select 1" >/dev/null
  api -X POST $BASE/api/v1/analytics/first-value/recompute >/dev/null # a change: retires every cached answer
  ms=$(curl -s -o /dev/null -w '%{time_total}' -H "$AUTH" "$BASE$path" | awk '{printf "%.0f", $1*1000}')
  printf '   %-58s %s ms\n' "cold GET $path" "$ms"
  printf '%-60s %s ms\n' "cold (first after a change) GET $path" "$ms" >> $OUT
}
echo "== cold answers (computed from all rows, one client)"
phase cold
for path in "/api/v1/analytics/time-to-value?groupBy=segment" "/api/v1/analytics/time-to-value?groupBy=cohort" \
    "/api/v1/analytics/retention?by=ttv" "/api/v1/analytics/onboarding"; do
  cold "$path"
done
# The cold phase rewrote every first value four times: clean up those dead rows now rather than let
# autovacuum do it in the middle of the next figure.
sql -c "vacuum analyze onboarding_outcome"
echo "== analytics and planning endpoints ($CLIENTS clients, $REQUESTS requests in all after 200 to warm up)"
phase endpoints
for path in "/api/v1/analytics/time-to-value?groupBy=segment" "/api/v1/analytics/time-to-value?groupBy=csm" \
    "/api/v1/analytics/time-to-value?groupBy=cohort" "/api/v1/analytics/time-to-go-live?groupBy=segment" \
    "/api/v1/analytics/retention?by=ttv" "/api/v1/analytics/retention?by=cohort" \
    "/api/v1/analytics/retention?by=first-workflow" "/api/v1/analytics/onboarding" \
    "/api/v1/planning/capacity/segments"; do
  measure "GET $path" -H "$AUTH" "$BASE$path"
done
measure "GET /api/v1/analytics/retention?by=ttv (text/csv)" -H "$AUTH" -H "Accept: text/csv" "$BASE/api/v1/analytics/retention?by=ttv"
measure "POST /api/v1/planning/what-if (segment, 52 weeks)" -m POST -H "$AUTH" -T application/json \
  -d '{"segment":"SMB","weeks":52}' "$BASE/api/v1/planning/what-if"
measure "POST /api/v1/planning/ltv (own retention)" -m POST -H "$AUTH" -T application/json \
  -d '{"acv":{"amount":30000,"currency":"USD"},"customers":100,"fast":{"ttvDays":30},"slow":{"ttvDays":90}}' \
  "$BASE/api/v1/planning/ltv"

echo "== while the data changes (every ${BENCH_CHANGE_SECONDS:=5} s a renewal is recorded and a first value moved: both retire the answers asked)"
phase changing
ACCOUNT=$(sql -tA -c "select id from account where status <> 'CHURNED' limit 1")
PROJECT=$(sql -tA -c "select current_project_id from account where id = '$ACCOUNT'")
# The first value alternates between set by hand (today) and derived again, so each tick changes it.
( d=0; while :; do d=$((d+1)); api -X POST $BASE/api/v1/accounts/$ACCOUNT/renewals \
    -d "{\"date\":\"$(date -u -d "-$d days" +%F)\",\"outcome\":\"RENEWED\"}" >/dev/null || true
    if [ $((d % 2)) = 1 ]; then api -X PUT $BASE/api/v1/projects/$PROJECT/first-value -d "{\"date\":\"$(date -u +%F)\"}" >/dev/null || true
    else api -X DELETE $BASE/api/v1/projects/$PROJECT/first-value >/dev/null || true; fi
    sleep $BENCH_CHANGE_SECONDS; done ) &
WRITER=$!
measure "GET /api/v1/analytics/time-to-value?groupBy=segment (changing, 20 s)" -z 20s -H "$AUTH" "$BASE/api/v1/analytics/time-to-value?groupBy=segment"
measure "GET /api/v1/analytics/retention?by=ttv (changing, 20 s)" -z 20s -H "$AUTH" "$BASE/api/v1/analytics/retention?by=ttv"
kill $WRITER 2>/dev/null; wait $WRITER 2>/dev/null || true

echo "== pages ($CLIENTS clients, signed in)"
phase pages
api -X POST $BASE/api/v1/admin/users -d '{"username":"bench","displayName":"Bench","role":"ADMIN","password":"bench-password"}' >/dev/null
JAR=$(mktemp)
CSRF=$(curl -s -c "$JAR" $BASE/login | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
curl -s -b "$JAR" -c "$JAR" -o /dev/null -X POST $BASE/login \
  --data-urlencode username=bench --data-urlencode password=bench-password --data-urlencode "_csrf=$CSRF"
COOKIE="SESSION=$(awk '/\tSESSION\t/ {print $7}' "$JAR")"
case "$(curl -s -b "$JAR" $BASE/analytics)" in *'id="retention-table"'*) ;; *) echo "analytics page not served" >&2; exit 1 ;; esac
measure "page /analytics" -H "Cookie: $COOKIE" "$BASE/analytics"
measure "page /analytics?groupBy=cohort" -H "Cookie: $COOKIE" "$BASE/analytics?groupBy=cohort"
measure "page /planning" -H "Cookie: $COOKIE" "$BASE/planning"
measure "page / (portfolio, TTV filter)" -H "Cookie: $COOKIE" "$BASE/?ttv=LE_30"

echo "renewals: $(sql -tA -c 'select count(*) from account_renewal'); $CLIENTS clients, $REQUESTS requests in all per figure after 200 to warm up" >> $OUT
# Answers computed and changes that retired answers, per phase (the cold phase retires them on purpose).
awk '/=== bench phase: / {p=$4; order[++n]=p} /AnalyticsCache.*: computed / {c[p]++} /AnalyticsCache.*changed: answers/ {r[p]++}
  END {printf "answers computed / retirements per phase:"; for (i=1;i<=n;i++) printf " %s %d / %d;", order[i], c[order[i]], r[order[i]]; print ""}' \
  $APP_LOG >> $OUT
cat $OUT
