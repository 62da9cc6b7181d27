# Shared scaffolding of the bench/*.sh scripts; source it after `set -euo pipefail` and after setting:
#   PORT (the app's HTTP port), PGPORT and DATA (the embedded PostgreSQL's port and data directory),
#   APP_LOG (the app's log file) and TOKEN (the bootstrap admin token).
# It moves to the repository root, checks the JDK (JAVA_HOME or PATH, >= 21), builds target/onward.jar when it
# is missing, and defines: need, sql, api, now_ms, start_app, stop_apps, stop_postgres, stop_all.
# A script that calls start_app should `trap stop_all EXIT`.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
BASE=http://127.0.0.1:$PORT
"$JAVA" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' \
  || { echo "$JAVA is older than 21: set JAVA_HOME to a JDK >= 21" >&2; exit 1; }
[ -f target/onward.jar ] || ./mvnw -q -B -DskipTests package
mkdir -p target

# need TOOL PACKAGE…: stops with the apt-get line that installs a missing tool.
need() {
  local tool=$1; shift
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y ${*:-$tool}" >&2; exit 1; }
}

# SQL against the benchmark's database (psql arguments: -c, -f, -v, -tA …); stops at the first error.
sql() { PGPASSWORD=postgres psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres "$@"; }

# An authenticated JSON call (curl arguments); fails on an HTTP error.
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }

now_ms() { date +%s%3N; }

APP_PIDS=()
# start_app [--port N] ONWARD_ARGUMENTS…: starts the jar (demo data off, the bench token, logs at WARN, the
# embedded PostgreSQL's password) in the background and waits until it is ready; its pid is $APP.
start_app() {
  local port=$PORT
  if [ "${1:-}" = --port ]; then port=$2; shift 2; fi
  "$JAVA" ${BENCH_JAVA_OPTS:--Xmx2g} -jar target/onward.jar --server.port="$port" --onward.demo.enabled=false \
    --onward.embedded-db.password=postgres --onward.bootstrap.admin-token="$TOKEN" --logging.level.root=WARN \
    "$@" >> "$APP_LOG" 2>&1 &
  APP=$!
  APP_PIDS+=("$APP")
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && return; sleep 1; done
  echo "Onward did not start: see $APP_LOG" >&2; exit 1
}

# Stops every app this script started (and waits for them).
stop_apps() {
  local p
  for p in "${APP_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${APP_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  APP_PIDS=()
}

# Stops the PostgreSQL in $DATA (left running when an app was killed with -9) and waits until it has stopped.
stop_postgres() {
  local pid; pid=$(head -1 "$DATA/postmaster.pid" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
}

stop_all() { stop_apps; stop_postgres; }
