#!/usr/bin/env bash
# Every benchmark of Onward, one after the other, at sizes that fit in about 30 minutes on a 2-core
# machine, then one report: target/benchmark-report.md (figure, value, goal, ratio to a physical
# anchor measured in the same run, commit). The full-size figures the goals name come from the
# individual scripts at their defaults (see docs/benchmarks.md); BENCH_ALL_FULL=1 runs them so
# (hours, not minutes). BENCH_ALL_ONLY="portal run" runs a subset; BENCH_ALL_REPORT_ONLY=1 only
# writes the report from the scripts' last outputs under target/. Needs what the scripts need:
# wrk, hey, psql and a JDK >= 21 in JAVA_HOME or on PATH.
#
# Anchors (what this hardware does without Onward's logic, so figures from different machines can
# be compared): a static file served by the same app to 50 wrk clients (requests/s and p95), and a
# plain COPY into the usage event table (rows/s, measured by bench/usage.sh in its own run).
set -uo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$JAVA" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' \
  || { echo "$JAVA is older than 21: set JAVA_HOME to a JDK >= 21" >&2; exit 1; }
[ -f target/onward.jar ] || [ "${BENCH_ALL_REPORT_ONLY:-0}" = 1 ] || ./mvnw -q -B -DskipTests package || exit 1
LOGS=target/bench-all
REPORT=target/benchmark-report.md
mkdir -p $LOGS
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT+changes"
FULL=${BENCH_ALL_FULL:-0}
ONLY=" ${BENCH_ALL_ONLY:-anchor startup portal run usage segment automation analytics soak} "
wants() { [[ "$ONLY" == *" $1 "* ]]; }
declare -A SECS STATUS

# step NAME ENV... — runs bench/NAME.sh with the given environment (the reduced size unless FULL).
step() {
  local name=$1; shift
  wants "$name" || return 0
  [ "${BENCH_ALL_REPORT_ONLY:-0}" = 1 ] && return 0
  echo "== $name $([ "$FULL" = 1 ] || echo "$*")"
  local t0=$(date +%s)
  if [ "$FULL" = 1 ]; then bash bench/$name.sh > $LOGS/$name.log 2>&1; else env "$@" bash bench/$name.sh > $LOGS/$name.log 2>&1; fi
  local rc=$?
  SECS[$name]=$(( $(date +%s) - t0 ))
  STATUS[$name]=$([ $rc = 0 ] && echo ok || echo "failed ($rc), see $LOGS/$name.log")
  echo "   ${STATUS[$name]} in ${SECS[$name]} s"
}

# The HTTP anchor: a static file from the app itself (no database, no template), 50 clients.
ANCHOR_RPS=; ANCHOR_P95=
if wants anchor && [ "${BENCH_ALL_REPORT_ONLY:-0}" != 1 ]; then
  echo "== anchor: static file, 50 clients"
  PORT=18097
  "$JAVA" -Xmx1g -jar target/onward.jar --server.port=$PORT --onward.demo.enabled=false --onward.scheduling.enabled=false \
    --onward.embedded-db.data-dir=target/bench-anchor-postgres --onward.embedded-db.port=54337 \
    --onward.embedded-db.password=postgres --logging.level.root=WARN > $LOGS/anchor-app.log 2>&1 &
  ANCHOR_APP=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:$PORT/actuator/health/readiness && break; sleep 1; done
  wrk -t2 -c50 -d5s http://127.0.0.1:$PORT/css/onward.css > /dev/null 2>&1
  wrk -t2 -c50 -d15s -s bench/report.lua http://127.0.0.1:$PORT/css/onward.css > $LOGS/anchor.log 2>&1
  kill $ANCHOR_APP 2>/dev/null; wait $ANCHOR_APP 2>/dev/null
  pid=$(head -1 target/bench-anchor-postgres/postmaster.pid 2>/dev/null) && kill "$pid" 2>/dev/null
  sleep 2
  ANCHOR_RPS=$(grep -oE 'rps=[0-9.]+' $LOGS/anchor.log | sed 's/rps=//')
  ANCHOR_P95=$(grep -oE 'p95_ms=[0-9.]+' $LOGS/anchor.log | sed 's/p95_ms=//')
  echo "   $ANCHOR_RPS req/s, p95 $ANCHOR_P95 ms"
fi

step startup
step portal BENCH_ACCOUNTS=20000 BENCH_DURATION=20s BENCH_LINK_REQUESTS=500
step run BENCH_ACCOUNTS=10000 BENCH_DURATION=15s
step usage BENCH_INGEST_SECONDS=20 BENCH_HEALTH_ACCOUNTS=20000
step segment BENCH_SEGMENT_SECONDS=15
step automation BENCH_ACCOUNTS=20000 BENCH_MESSAGES=2000
step analytics BENCH_N=20000
step soak BENCH_SOAK_SECONDS=300 BENCH_SOAK_ACCOUNTS=5000 BENCH_SOAK_RECOMPUTE_EVERY=120

# ---- the report ----------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "—" }'; }
row() { echo "| $1 | $2 | $3 | $4 | $COMMIT |"; }
val() { sed -nE "$2" "$1" 2>/dev/null | head -1; }
{
  echo "# Onward benchmark report"
  echo
  echo "$(date -u +%FT%TZ) · commit \`$COMMIT\` · $(nproc) cores · $(free -g | awk '/Mem:/ {print $2}') GB · $("$JAVA" -version 2>&1 | head -1)"
  echo "$([ "$FULL" = 1 ] && echo "Full sizes." || echo "Reduced sizes (BENCH_ALL_FULL=1 for the goals' sizes); each figure names its size.")"
  echo
  [ -n "$ANCHOR_RPS" ] && echo "Anchor: a static file served by Onward to 50 wrk clients: $ANCHOR_RPS requests/s, p95 $ANCHOR_P95 ms." && echo
  echo "| figure | value | goal | ratio to anchor | commit |"
  echo "|---|---|---|---|---|"
  if [ -f target/benchmark-startup.txt ] && wants startup; then
    row "start-up, first start with the demo" "$(val target/benchmark-startup.txt 's/^first start with the demo: ([0-9.]+ s).*/\1/p')" "≤ 20 s" "—"
    row "start-up, restart on existing data" "$(val target/benchmark-startup.txt 's/^restart on existing data: ([0-9.]+ s).*/\1/p')" "≤ 8 s" "—"
  fi
  if [ -f target/benchmark-portal.txt ] && wants portal; then
    P95=$(val target/benchmark-portal.txt 's/^portal home.* p95 ([0-9.]+) ms.*/\1/p')
    RPS=$(val target/benchmark-portal.txt 's/^portal home.* ([0-9]+) req\/s.*/\1/p')
    row "portal home p95, 50 clients saturated ($(val target/benchmark-portal.txt 's/.*— ([0-9]+ accounts).*/\1/p'))" "$P95 ms ($RPS req/s)" "≤ 100 ms" "p95 $(ratio "$P95" "$ANCHOR_P95")× anchor; $(ratio "$RPS" "$ANCHOR_RPS") of anchor req/s"
    PACED=$(grep -m1 '^portal home at a human pace' target/benchmark-portal.txt || true)
    [ -n "$PACED" ] && row "portal home p95, 50 contacts at a human pace ($(sed -nE 's/.*each ~([0-9]+ ms) between.*/\1/p' <<< "$PACED") between requests)" "$(sed -nE 's/.* p95 ([0-9.]+) ms.* ([0-9]+) req\/s.*/\1 ms (\2 req\/s)/p' <<< "$PACED")" "≤ 100 ms" "—"
    row "magic-link request medians, known vs unknown" "$(val target/benchmark-portal.txt 's/^magic-link.*: (known .*)/\1/p')" "< 10 %" "—"
  fi
  if [ -f target/benchmark.txt ] && wants run; then
    row "contract signing, 4 clients" "$(grep -E '^ +run [0-9]+:' target/benchmark.txt | grep -oE 'rps=[0-9.]+' | sed 's/rps=//' | sort -n | awk '{a[NR]=$1} END {print a[1] "–" a[NR] " contracts/s over " NR " rounds"}')" "≥ 200/s" "—"
    for what in "GET /api/v1/accounts?page=…, saturated (wrk)" "portfolio page, saturated (wrk)" "GET /api/v1/accounts?page=…, 800 req/s (hey)" "portfolio page, 800 req/s (hey)"; do
      line=$(grep -F "$what" target/benchmark.txt | head -1)
      P95=$(echo "$line" | grep -oE 'p95(_ms)?=[0-9.]+' | head -1 | sed -E 's/.*=//')
      RPS=$(echo "$line" | grep -oE 'rps=[0-9.]+' | head -1 | sed 's/rps=//')
      row "$what, $(val target/benchmark.txt 's/^accounts and projects: ([0-9]+).*/\1/p') accounts" "p95 $P95 ms, $RPS req/s" "p95 < 100 ms" "p95 $(ratio "$P95" "$ANCHOR_P95")× anchor; $(ratio "$RPS" "$ANCHOR_RPS") of anchor req/s"
    done
  fi
  if [ -f target/benchmark-usage.txt ] && wants usage; then
    row "event ingestion, 1,000-event batches" "$(val target/benchmark-usage.txt 's/^ingestion \(([^)]*)\): (.*)/\2 (\1)/p')" "≥ 80,000 events/s" "$(val target/benchmark-usage.txt 's/.*ingestion = ([0-9.]+) of COPY.*/\1/p') of COPY ($(val target/benchmark-usage.txt 's/^plain COPY into usage_event: ([0-9]+) rows.*/\1/p') rows/s)"
    row "event ingestion into one account, 1,000-event batches" "$(val target/benchmark-usage.txt 's/^ingestion into one account \(([^)]*)\): (.*)/\2 (\1)/p')" "≥ 40,000 events/s" "—"
    row "usage counted into the rollups after the spread load" "$(val target/benchmark-usage.txt 's/^  counted into the rollups: (.*)/\1/p')" "within seconds" "—"
    row "no loss under kill -9" "$(val target/benchmark-usage.txt 's/^no loss under kill -9: ([^;]*);.*/\1/p')" "0 missing, 0 twice" "—"
    row "rollups against the raw events after the kill" "$(val target/benchmark-usage.txt 's/^rollups after the kill: (.*)/\1/p')" "equal" "—"
    row "health recompute" "$(val target/benchmark-usage.txt 's/^health recompute of ([0-9]+) accounts: first ([^ ]+).*second ([^ ]+).*/\2 first, \3 second (\1 accounts)/p')" "≤ 15 s at 100,000" "—"
  fi
  if [ -f target/benchmark-segment.txt ] && wants segment; then
    row "Segment vs native ingestion" "$(val target/benchmark-segment.txt 's/^native POST.*: (.*)/\1/p')" "≥ 0.80 of native" "—"
  fi
  if [ -f target/benchmark-automation.txt ] && wants automation; then
    row "automation sweeps ($(val target/benchmark-automation.txt 's/^sweep over ([0-9]+) active.*/\1/p') projects)" "see below" "≤ 5 s steady, ≤ 10 s first at 100,000" "—"
    row "delivery, two instances" "$(val target/benchmark-automation.txt 's/^delivery to GreenMail with two instances: (.*)/\1/p')" "≥ 100 messages/s" "—"
  fi
  echo
  echo "## Steps"
  echo
  echo "| step | status | seconds |"
  echo "|---|---|---|"
  for s in startup portal run usage segment automation analytics soak; do
    [ -n "${STATUS[$s]:-}" ] && echo "| $s | ${STATUS[$s]} | ${SECS[$s]} |"
  done
  echo
  echo "## Each script's own figures"
  for f in startup:target/benchmark-startup.txt portal:target/benchmark-portal.txt run:target/benchmark.txt \
      usage:target/benchmark-usage.txt segment:target/benchmark-segment.txt automation:target/benchmark-automation.txt \
      analytics:target/benchmark-analytics.txt soak:target/benchmark-soak.txt; do
    name=${f%%:*}; file=${f#*:}
    wants "$name" && [ -f "$file" ] && { echo; echo "### $name"; echo; echo '```'; cat "$file"; echo '```'; }
  done
} > $REPORT
echo "report: $REPORT"
cat $REPORT
