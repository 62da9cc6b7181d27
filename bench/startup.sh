#!/usr/bin/env bash
# Start-up of the packaged jar on this machine: (1) the first start on an empty embedded database
# with the demo data loaded, (2) a restart on the database the first start left. Each is the time
# from launching the JVM to /actuator/health/readiness answering UP (polled every 100 ms), and the
# "Started OnwardApplication in …" figure Spring Boot logs. BENCH_STARTUP_OPTS adds JVM options (for
# instance -Xshare:off to see what the JDK's default CDS archive gives). BENCH_STARTUP_AOT=1 (JDK >= 25)
# measures the same two starts from the extracted jar with a JDK AOT cache made by a training run
# (java -Djarmode=tools -jar onward.jar extract; a whole start with -XX:AOTCacheOutput, the demo loaded and
# a few pages visited, then a normal stop). Needs a JDK >= 21 in JAVA_HOME or on PATH.
# Prints the figures and writes them to target/benchmark-startup.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18096}
PGPORT=${BENCH_PGPORT:-54336}
DATA=target/bench-startup-postgres
OUT=target/benchmark-startup.txt
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$JAVA" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' \
  || { echo "$JAVA is older than 21: set JAVA_HOME to a JDK >= 21" >&2; exit 1; }
[ -f target/onward.jar ] || ./mvnw -q -B -DskipTests package
mkdir -p target
JAR=target/onward.jar
if [ "${BENCH_STARTUP_AOT:-0}" = 1 ]; then
  rm -rf target/bench-aot && "$JAVA" -Djarmode=tools -jar target/onward.jar extract --destination target/bench-aot >/dev/null
  rm -rf target/bench-aot-training-postgres
  echo "AOT training run …"
  # A whole start (the demo loading, a few pages), then a normal stop: the JVM writes the cache at exit. It
  # records more than a run that exits once the context is refreshed (spring.context.exit=onRefresh).
  "$JAVA" -Xmx1g -XX:AOTCacheOutput=target/bench-aot/onward.aot -jar target/bench-aot/onward.jar \
    --server.port=$PORT --onward.demo.password=aot-training-pass --onward.embedded-db.data-dir=target/bench-aot-training-postgres \
    --onward.embedded-db.port=$PGPORT --onward.embedded-db.password=postgres > target/bench-startup-aot-training.log 2>&1 &
  TRAIN=$!
  for _ in $(seq 1 1200); do curl -sf -o /dev/null http://127.0.0.1:$PORT/actuator/health/readiness && break; sleep 0.2; done
  for _ in $(seq 1 600); do curl -s http://127.0.0.1:$PORT/login | grep -q 'id="demo-loading"' || break; sleep 0.5; done
  COOKIES=$(mktemp)
  CSRF=$(curl -s -c "$COOKIES" http://127.0.0.1:$PORT/login | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
  curl -s -b "$COOKIES" -c "$COOKIES" -o /dev/null -X POST http://127.0.0.1:$PORT/login --data-urlencode username=admin \
    --data-urlencode password=aot-training-pass --data-urlencode "_csrf=$CSRF"
  for page in / /red-flags /team /inbox /analytics /planning /playbooks /automation /messages; do
    curl -s -b "$COOKIES" -o /dev/null http://127.0.0.1:$PORT$page
  done
  rm -f "$COOKIES"
  kill $TRAIN; wait $TRAIN || true
  pid=$(head -1 target/bench-aot-training-postgres/postmaster.pid 2>/dev/null) && kill "$pid" 2>/dev/null && sleep 3 || true
  [ -f target/bench-aot/onward.aot ] || { echo "no AOT cache made: see target/bench-startup-aot-training.log" >&2; exit 1; }
  JAR=target/bench-aot/onward.jar
  BENCH_STARTUP_OPTS="${BENCH_STARTUP_OPTS:-} -XX:AOTCache=target/bench-aot/onward.aot"
fi
stop_postgres() {
  local pid; pid=$(head -1 $DATA/postmaster.pid 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
}
APP=
stop_app() { [ -n "$APP" ] && { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }; APP=; }
trap 'stop_app; stop_postgres' EXIT

# Starts the jar, waits for readiness; prints "<seconds to readiness> <seconds Spring Boot logged>".
start() {
  local log=$1 demo=$2 t0 t1
  t0=$(date +%s%N)
  "$JAVA" ${BENCH_JAVA_OPTS:--Xmx1g} ${BENCH_STARTUP_OPTS:-} -jar $JAR --server.port=$PORT \
    --onward.demo.enabled=$demo --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT \
    --onward.embedded-db.password=postgres > "$log" 2>&1 &
  APP=$!
  for _ in $(seq 1 1200); do
    curl -sf -o /dev/null http://127.0.0.1:$PORT/actuator/health/readiness && break
    kill -0 $APP 2>/dev/null || { echo "Onward stopped: see $log" >&2; exit 1; }
    sleep 0.1
  done
  t1=$(date +%s%N)
  curl -sf -o /dev/null http://127.0.0.1:$PORT/actuator/health/readiness || { echo "not ready: see $log" >&2; exit 1; }
  # The demo's accounts load in the background after readiness: also the time until they are all in.
  local t2=$t1
  if [ "$demo" = true ]; then
    for _ in $(seq 1 3000); do
      curl -s http://127.0.0.1:$PORT/login | grep -q 'id="demo-loading"' || break
      sleep 0.1
    done
    t2=$(date +%s%N)
  fi
  local logged
  logged=$(sed -nE 's/.*Started OnwardApplication in ([0-9.]+) seconds.*/\1/p' "$log" | head -1)
  echo "$(awk -v a=$t0 -v b=$t1 'BEGIN { printf "%.1f", (b - a) / 1e9 }') ${logged:-?} $(awk -v a=$t0 -v b=$t2 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
}

stop_postgres
rm -rf $DATA
start target/bench-startup-first.log true > target/bench-startup.tmp
read -r FIRST FIRST_LOGGED FIRST_DEMO < target/bench-startup.tmp
echo "first start with the demo: ${FIRST} s to readiness (Spring Boot: ${FIRST_LOGGED} s), demo fully loaded at ${FIRST_DEMO} s"
stop_app
stop_postgres
start target/bench-startup-restart.log true > target/bench-startup.tmp
read -r RESTART RESTART_LOGGED _ < target/bench-startup.tmp
echo "restart on existing data: ${RESTART} s to readiness (Spring Boot: ${RESTART_LOGGED} s)"
stop_app
{
  echo "Start-up benchmark $(date -u +%FT%TZ), $(nproc) cores, JVM options: ${BENCH_JAVA_OPTS:--Xmx1g} ${BENCH_STARTUP_OPTS:-}"
  echo "first start with the demo: ${FIRST} s to readiness (Spring Boot logged ${FIRST_LOGGED} s); goal <= 20 s; the demo's accounts, loading in the background, all in at ${FIRST_DEMO} s"
  echo "restart on existing data: ${RESTART} s to readiness (Spring Boot logged ${RESTART_LOGGED} s); goal <= 8 s"
} | tee $OUT
