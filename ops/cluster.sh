#!/usr/bin/env bash
# Onward run like production, on one machine, with Debian packages only:
#   PostgreSQL primary + streaming replica (pg_basebackup), three Onward instances (read-only
#   transactions on the replica), nginx in front with all three always configured (never reloaded):
#   a draining instance answers reads 503 and refuses connections once it stops, nginx retries those.
# It measures throughput with 1 vs 3 instances, replica lag as seen by reads, failed requests
# during a rolling restart under mixed load, that every scheduled job ran once per tick (ShedLock),
# and a backup taken under load (pg_dump) restored into a fresh database that Onward starts on.
# Writes target/cluster-report.md. Everything listens on 127.0.0.1 and is stopped at the end.
#
# Run as root from the project directory (the server refuses root: it runs as `postgres`):
#   flock /tmp/onward-build.lock bash ops/cluster.sh
# Settings (environment): JAVA, LOAD_SECONDS (each throughput phase, default 20),
# BASE_PORT (default 18080: nginx; +1..+3 instances, +4 restored instance, +10 single-instance nginx).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=$ROOT/target/onward.jar
LOAD_SECONDS=${LOAD_SECONDS:-20}
BASE_PORT=${BASE_PORT:-18080}
LB_PORT=$BASE_PORT
SINGLE_PORT=$((BASE_PORT + 10))
RESTORE_APP_PORT=$((BASE_PORT + 4))
PG_PRIMARY=${PG_PRIMARY:-55432}
PG_REPLICA=${PG_REPLICA:-55433}
declare -A APP_PORT=([1]=$((BASE_PORT + 1)) [2]=$((BASE_PORT + 2)) [3]=$((BASE_PORT + 3)))
declare -A PID=()
TOKEN=cluster-admin-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d " \n")
DB_PASSWORD=onward-$RANDOM$RANDOM
REPL_PASSWORD=replicator-$RANDOM$RANDOM
REPORT=$ROOT/target/cluster-report.md
OUT=$ROOT/target/cluster
WRK_PID=""
RESTORE_PID=""
NGINX_STARTED=""

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------- packages and build
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	log "installing PostgreSQL (Debian package)"
	apt-get install -y postgresql >/dev/null || { apt-get update -qq && apt-get install -y postgresql >/dev/null; }
fi
if ! command -v nginx >/dev/null; then
	log "installing nginx (Debian package)"
	apt-get install -y nginx >/dev/null || { apt-get update -qq && apt-get install -y nginx >/dev/null; }
fi
for tool in wrk curl psql; do
	command -v $tool >/dev/null || { log "missing $tool (apt-get install -y $tool)"; exit 1; }
done
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ ! -f "$JAR" ]; then
	log "building target/onward.jar"
	./mvnw -B -q -DskipTests package
fi

RUN=$(mktemp -d /tmp/onward-cluster.XXXXXX)
chmod 755 "$RUN"
mkdir -p "$OUT" "$RUN/nginx-tmp" "$RUN/logs"
# Production layout: the jar extracted (plain jars on the class path, as docs/operations.md advises).
# Straight from the fat jar, Spring Boot's nested-jar class loading under load can deadlock with
# virtual threads on few cores (seen here during a shutdown under load, see the docs).
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$RUN/app" >/dev/null
APP_JAR=$RUN/app/onward.jar
JAVA_OPTS=(-Xmx640m -XX:+UseSerialGC -Djdk.virtualThreadScheduler.parallelism=8)
FORCED=0
chmod 777 "$RUN/nginx-tmp" "$RUN/logs" # PostgreSQL (as postgres) writes its logs here too
rm -f "$OUT"/*.log

as_pg() { runuser -u postgres -- "$@"; }
psql_primary() { PGPASSWORD=$DB_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PG_PRIMARY -U onward -At "$@"; }
psql_replica() { PGPASSWORD=$DB_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PG_REPLICA -U onward -At "$@"; }

cleanup() {
	set +e
	log "stopping everything this script started"
	[ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null
	[ -n "${WRK2_PID:-}" ] && kill "$WRK2_PID" 2>/dev/null
	[ -n "${LAGPROBE_PID:-}" ] && kill "$LAGPROBE_PID" 2>/dev/null
	[ -n "${LAGSAMPLER_PID:-}" ] && kill "$LAGSAMPLER_PID" 2>/dev/null
	for i in "${!PID[@]}"; do stop_pid "${PID[$i]}"; done
	[ -n "$RESTORE_PID" ] && stop_pid "$RESTORE_PID"
	[ -n "$NGINX_STARTED" ] && nginx -p "$RUN" -c "$RUN/nginx.conf" -s quit 2>/dev/null
	[ -d "$RUN/pg-replica" ] && as_pg "$PGBIN/pg_ctl" -D "$RUN/pg-replica" -m fast -w stop >/dev/null 2>&1
	[ -d "$RUN/pg-primary" ] && as_pg "$PGBIN/pg_ctl" -D "$RUN/pg-primary" -m fast -w stop >/dev/null 2>&1
	sleep 1
	cp "$RUN"/logs/* "$OUT"/ 2>/dev/null
	rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- PostgreSQL primary + replica
log "PostgreSQL primary on 127.0.0.1:$PG_PRIMARY ($PGBIN)"
install -d -o postgres -g postgres "$RUN/pg-primary" "$RUN/pg-replica" "$RUN/pg-sock"
chmod 700 "$RUN/pg-primary" "$RUN/pg-replica"
as_pg "$PGBIN/initdb" -D "$RUN/pg-primary" -U postgres -A trust --no-instructions >/dev/null
cat >>"$RUN/pg-primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PRIMARY
unix_socket_directories = '$RUN/pg-sock'
max_connections = 200
shared_buffers = 256MB
wal_level = replica
max_wal_senders = 5
hot_standby = on
hot_standby_feedback = on
EOF
cat >"$RUN/pg-primary/pg_hba.conf" <<EOF
local all postgres trust
host all all 127.0.0.1/32 scram-sha-256
host replication replicator 127.0.0.1/32 scram-sha-256
EOF
as_pg "$PGBIN/pg_ctl" -D "$RUN/pg-primary" -l "$RUN/logs/pg-primary.log" -w start >/dev/null
as_pg psql -X -q -h "$RUN/pg-sock" -p $PG_PRIMARY -U postgres <<EOF
create role onward login password '$DB_PASSWORD';
create database onward owner onward;
create role replicator replication login password '$REPL_PASSWORD';
EOF
log "streaming replica on 127.0.0.1:$PG_REPLICA (pg_basebackup)"
as_pg env PGPASSWORD="$REPL_PASSWORD" pg_basebackup -h 127.0.0.1 -p $PG_PRIMARY -U replicator -D "$RUN/pg-replica" \
	-R -X stream -c fast
echo "port = $PG_REPLICA" >>"$RUN/pg-replica/postgresql.conf"
as_pg "$PGBIN/pg_ctl" -D "$RUN/pg-replica" -l "$RUN/logs/pg-replica.log" -w start >/dev/null
[ "$(psql_replica -d onward -c 'select pg_is_in_recovery()')" = "t" ] || { log "replica is not in recovery"; exit 1; }

# ---------------------------------------------------------------- Onward instances
# Scheduled jobs tick every 20-30 s here (not every 15 min / nightly) so the run sees many ticks.
start_instance() {
	local i=$1 port=${APP_PORT[$1]}
	SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PRIMARY/onward" SPRING_DATASOURCE_USERNAME=onward \
	SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" ONWARD_DATASOURCE_REPLICA_URL="jdbc:postgresql://127.0.0.1:$PG_REPLICA/onward" \
	ONWARD_DATASOURCE_REPLICA_USERNAME=onward ONWARD_DATASOURCE_REPLICA_PASSWORD="$DB_PASSWORD" \
	ONWARD_BOOTSTRAP_ADMIN_TOKEN="$TOKEN" ONWARD_PUBLIC_URL="http://127.0.0.1:$LB_PORT" \
		nohup "$JAVA" "${JAVA_OPTS[@]}" -jar "$APP_JAR" --server.address=127.0.0.1 --server.port="$port" \
		--spring.datasource.hikari.maximum-pool-size=12 --onward.datasource.replica.max-pool-size=8 \
		--onward.automation.sweep-cron="*/20 * * * * *" --onward.health.recompute-cron="10/30 * * * * *" \
		--onward.usage.maintenance-cron="15/30 * * * * *" --logging.level.net.javacrumbs.shedlock.core=DEBUG \
		--onward.lifecycle.drain-delay=3s --onward.lifecycle.retry-reads-while-draining=true --spring.main.banner-mode=off --onward.demo.enabled=true --onward.demo.password=onward-demo-cluster >>"$RUN/logs/onward-$i.log" 2>&1 &
	PID[$i]=$!
}

# SIGTERM, then at most 60 s for the graceful shutdown; a process still there is killed (and counted).
stop_pid() {
	local pid=$1 n=0
	kill -TERM "$pid" 2>/dev/null || return 0
	while kill -0 "$pid" 2>/dev/null && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
	if kill -0 "$pid" 2>/dev/null; then
		log "process $pid did not stop within 60 s: killed"
		kill -9 "$pid" 2>/dev/null
		FORCED=$((FORCED + 1))
	fi
	wait "$pid" 2>/dev/null || true
}

ready() { curl -fs -m 2 -o /dev/null "http://127.0.0.1:$1/actuator/health/readiness"; }

wait_ready() {
	local port=$1 deadline=$(($(date +%s) + 240))
	until ready "$port"; do
		[ "$(date +%s)" -lt "$deadline" ] || { log "instance on $port not ready in 240 s"; return 1; }
		sleep 0.5
	done
}

# ---------------------------------------------------------------- nginx, never reloaded
# The three instances stay in nginx's upstream for the whole run; nginx is never reloaded (a reload
# makes the old workers close their idle client connections, and a client sending on one of them at
# that moment sees a closed connection). An instance leaves and rejoins by itself:
# - draining (SIGTERM, readiness DOWN, onward.lifecycle.drain-delay): it answers new GET/HEAD requests
#   503 + Connection: close before running anything (onward.lifecycle.retry-reads-while-draining);
#   nginx passes them to another instance (proxy_next_upstream http_503) and, after that failure
#   (max_fails=1), sends this one nothing for fail_timeout; POSTs still sent to it are served;
# - stopped or starting: the connection is refused, nothing was sent, so nginx passes any request,
#   POSTs included, to another instance and again leaves this one alone for fail_timeout;
# - ready again: the next attempt after fail_timeout succeeds and it is back.
# No keep-alive between nginx and the instances (a connection per request, cheap on the same host):
# nginx then never sends a request on a connection the instance is closing, which for a POST
# (already sent, so never retried) would be a failed request. The upstream state is shared by the
# workers (zone).
write_upstream() {
	local i conf=""
	for i in 1 2 3; do
		conf+="server 127.0.0.1:${APP_PORT[$i]} max_fails=1 fail_timeout=10s;"$'\n'
	done
	printf '%s' "$conf" >"$RUN/upstream.conf"
}

cat >"$RUN/nginx.conf" <<EOF
worker_processes 2;
pid $RUN/nginx.pid;
error_log $RUN/logs/nginx-error.log notice;
events { worker_connections 1024; }
http {
  log_format onward '\$msec \$request_method \$uri \$status \$upstream_addr \$upstream_status \$request_time';
  client_body_temp_path $RUN/nginx-tmp/body;
  proxy_temp_path $RUN/nginx-tmp/proxy;
  fastcgi_temp_path $RUN/nginx-tmp/fastcgi;
  uwsgi_temp_path $RUN/nginx-tmp/uwsgi;
  scgi_temp_path $RUN/nginx-tmp/scgi;
  upstream onward { zone onward 64k; include $RUN/upstream.conf; }
  upstream onward_single { server 127.0.0.1:${APP_PORT[1]}; }
  proxy_http_version 1.1;
  proxy_set_header Connection "close";
  proxy_set_header Host \$http_host;
  proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto \$scheme;
  # A refused connection (nothing sent yet) is retried on the next instance, for any method; a 503
  # (a draining instance refusing a read) and other errors only for GET/HEAD (no non_idempotent).
  proxy_next_upstream error timeout http_502 http_503 http_504;
  proxy_next_upstream_tries 3;
  proxy_connect_timeout 2s;
  proxy_read_timeout 60s;
  server {
    listen 127.0.0.1:$LB_PORT;
    access_log $RUN/logs/nginx-access.log onward;
    location / { proxy_pass http://onward; }
  }
  server {
    listen 127.0.0.1:$SINGLE_PORT;
    access_log $RUN/logs/nginx-single.log onward;
    location / { proxy_pass http://onward_single; }
  }
}
EOF

log "Onward instance 1 (loads the demo vendor into the empty database)"
T0=$(now_ms)
start_instance 1
wait_ready "${APP_PORT[1]}"
# The demo's accounts load in the background after readiness; the sign-in page says so until they are in.
for _ in $(seq 1 300); do
	curl -fs -m 2 "http://127.0.0.1:${APP_PORT[1]}/login" | grep -q 'id="demo-loading"' || break
	sleep 1
done
FIRST_START_S=$(( ($(now_ms) - T0) / 1000 ))
log "instances 2 and 3"
T0=$(now_ms)
start_instance 2
start_instance 3
wait_ready "${APP_PORT[2]}"
wait_ready "${APP_PORT[3]}"
PAIR_START_S=$(( ($(now_ms) - T0) / 1000 ))
write_upstream
nginx -p "$RUN" -c "$RUN/nginx.conf"
NGINX_STARTED=1
NGINX_MASTER=$(cat "$RUN/nginx.pid")
sleep 2

# ---------------------------------------------------------------- load inputs
LB=http://127.0.0.1:$LB_PORT
ACCOUNT_JSON=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$LB/api/v1/accounts?size=1")
ACCOUNT_ID=$(sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/' <<<"$ACCOUNT_JSON")
ACCOUNT_EXT=$(sed -E 's/.*"externalId":"([^"]+)".*/\1/' <<<"$ACCOUNT_JSON")
JAR_COOKIES=$RUN/cookies.txt
CSRF=$(curl -fsS -c "$JAR_COOKIES" "$LB/login" | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
curl -fsS -o /dev/null -b "$JAR_COOKIES" -c "$JAR_COOKIES" --data-urlencode "username=admin" \
	--data-urlencode "password=onward-demo-cluster" --data-urlencode "_csrf=$CSRF" "$LB/login"
SESSION=$(awk '$6 == "SESSION" { print $7 }' "$JAR_COOKIES")
[ -n "$SESSION" ] || { log "no staff session (sign-in failed)"; exit 1; }
curl -fsS -o /dev/null -b "SESSION=$SESSION" "$LB/" || { log "the session does not open the dashboard"; exit 1; }
export ONWARD_TOKEN=$TOKEN ONWARD_COOKIE="SESSION=$SESSION" ONWARD_ACCOUNT_ID=$ACCOUNT_ID ONWARD_ACCOUNT_EXT=$ACCOUNT_EXT
LUA=$ROOT/ops/cluster-load.lua

result_field() { sed -nE "s/.*RESULT.* $2=([0-9.]+).*/\1/p" "$1"; }

# Replica lag as a user sees it: sign a contract through nginx (committed on the primary), then
# poll the account list (a read-only transaction, answered by the replica) until it shows it.
lag_probe() {
	local out=$1 n=0
	while [ $n -lt 40 ]; do
		n=$((n + 1))
		local id="lag-$RANDOM$RANDOM"
		local body="{\"externalId\":\"$id\",\"signedAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"account\":{\"externalId\":\"crm-$id\",\"name\":\"Lag $id\",\"industry\":\"retail\",\"employees\":30,\"acv\":{\"amount\":3000,\"currency\":\"USD\"},\"licensedSeats\":10,\"productType\":\"DAILY\",\"technical\":false,\"language\":\"en\",\"contacts\":[{\"name\":\"Lag Probe\",\"email\":\"lag@probe.example\",\"role\":\"PROJECT_LEAD\"}]}}"
		curl -fsS -o /dev/null -m 30 -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
			-d "$body" "$LB/api/v1/contracts" || continue
		local t0 seen="" polls=0
		t0=$(now_ms)
		while [ $polls -lt 500 ]; do
			polls=$((polls + 1))
			if curl -fsS -m 10 -H "Authorization: Bearer $TOKEN" "$LB/api/v1/accounts?q=Lag%20$id" | grep -q '"total":1'; then
				seen=$(($(now_ms) - t0))
				break
			fi
			sleep 0.02
		done
		echo "${seen:-timeout} $polls" >>"$out"
		sleep 1
	done
}

replay_lag_sampler() { # the replica's own view: time since the last replayed transaction, when behind
	while :; do
		PGPASSWORD=$DB_PASSWORD psql -X -At -h 127.0.0.1 -p $PG_PRIMARY -U onward -d onward -c \
			"select coalesce(extract(epoch from replay_lag) * 1000, 0)::int from pg_stat_replication" \
			>>"$RUN/logs/replay-lag-ms.log" 2>/dev/null
		sleep 1
	done
}

# ---------------------------------------------------------------- throughput: 1 vs 3 instances
log "warming up the three instances (10 s of the same load)"
wrk -t2 -c6 -d10s --timeout 30s -s "$LUA" "$LB" >"$RUN/logs/wrk-warmup.txt" 2>&1
log "throughput, one instance (nginx -> instance 1), ${LOAD_SECONDS}s"
wrk -t2 -c8 -d"${LOAD_SECONDS}s" --timeout 30s -s "$LUA" "http://127.0.0.1:$SINGLE_PORT" >"$RUN/logs/wrk-single.txt" 2>&1
log "throughput, three instances (nginx -> 1, 2, 3), ${LOAD_SECONDS}s, with the replica lag probe"
replay_lag_sampler &
LAGSAMPLER_PID=$!
lag_probe "$RUN/logs/lag-probe.log" &
LAGPROBE_PID=$!
wrk -t2 -c8 -d"${LOAD_SECONDS}s" --timeout 30s -s "$LUA" "$LB" >"$RUN/logs/wrk-three.txt" 2>&1
RPS1=$(result_field "$RUN/logs/wrk-single.txt" rps)
RPS3=$(result_field "$RUN/logs/wrk-three.txt" rps)
P99_1=$(result_field "$RUN/logs/wrk-single.txt" p99_ms)
P99_3=$(result_field "$RUN/logs/wrk-three.txt" p99_ms)
log "rps: one instance $RPS1, three instances $RPS3"

# ---------------------------------------------------------------- rolling restart under load
log "rolling restart of the three instances under mixed load"
: >"$RUN/logs/rolling.txt"
RESTART_FROM=$(now_ms)
# Load at a lower concurrency, so the restarting JVMs get some CPU on a small machine; two clients:
# one opens a connection per request, the other keeps its connections to nginx alive (nginx is
# never reloaded, so it never closes them).
ONWARD_CONNECTION_CLOSE=1 wrk -t1 -c2 -d600s --timeout 30s -s "$LUA" "$LB" >"$RUN/logs/wrk-rolling.txt" 2>&1 &
WRK_PID=$!
wrk -t1 -c2 -d600s --timeout 30s -s "$LUA" "$LB" >"$RUN/logs/wrk-rolling-keepalive.txt" 2>&1 &
WRK2_PID=$!
sleep 5
for i in 1 2 3; do
	t0=$(now_ms)
	stop_pid "${PID[$i]}"
	stopped=$(($(now_ms) - t0))
	start_instance "$i"
	wait_ready "${APP_PORT[$i]}"
	back=$(($(now_ms) - t0))
	echo "instance $i: stopped in ${stopped} ms (drain + in-flight), ready again after ${back} ms" | tee -a "$RUN/logs/rolling.txt" >&2
	sleep 12 # nginx tries it again after fail_timeout (10 s): back in rotation before the next one leaves
done
sleep 3
RESTART_TO=$(now_ms)
kill -INT "$WRK_PID" "$WRK2_PID"
wait "$WRK_PID" || true
wait "$WRK2_PID" || true
WRK_PID=""
WRK2_PID=""
kill "$LAGPROBE_PID" 2>/dev/null || true
wait "$LAGPROBE_PID" 2>/dev/null || true
LAGPROBE_PID=""
kill "$LAGSAMPLER_PID" 2>/dev/null || true
LAGSAMPLER_PID=""

ROLL_REQ=$(result_field "$RUN/logs/wrk-rolling.txt" requests)
ROLL_HTTP_FAILED=$(result_field "$RUN/logs/wrk-rolling.txt" http_failed)
ROLL_SOCKET=$(result_field "$RUN/logs/wrk-rolling.txt" socket_errors)
KA_REQ=$(result_field "$RUN/logs/wrk-rolling-keepalive.txt" requests)
KA_HTTP_FAILED=$(result_field "$RUN/logs/wrk-rolling-keepalive.txt" http_failed)
KA_SOCKET=$(result_field "$RUN/logs/wrk-rolling-keepalive.txt" socket_errors)
KA_SOCKET_DETAIL=$(grep -h "Socket errors" "$RUN/logs/wrk-rolling-keepalive.txt" | sed 's/^ *//' || true)
# nginx was started once: the same master and no reload signal in its log.
RELOADS=$(grep -c "reconfiguring\|signal 1 (SIGHUP)" "$RUN/logs/nginx-error.log" || true)
[ "$(cat "$RUN/nginx.pid")" = "$NGINX_MASTER" ] || RELOADS="restarted"
# nginx's view of the same window: answers of 5xx (or 499/444) by request kind.
NGINX_FAILED=$(awk -v from="$RESTART_FROM" -v to="$RESTART_TO" '{ t = $1 * 1000 } t >= from && t <= to && ($4 >= 500 || $4 == 499 || $4 == 444) { n++ } END { print n + 0 }' "$RUN/logs/nginx-access.log")
NGINX_WINDOW=$(awk -v from="$RESTART_FROM" -v to="$RESTART_TO" '{ t = $1 * 1000 } t >= from && t <= to { n++ } END { print n + 0 }' "$RUN/logs/nginx-access.log")
NGINX_BY_KIND=$(awk -v from="$RESTART_FROM" -v to="$RESTART_TO" '{ t = $1 * 1000 } t >= from && t <= to {
	k = $2 " " $3; gsub(/[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+/, "{id}", k); total[k]++; if ($4 >= 500 || $4 == 499 || $4 == 444) bad[k]++ }
	END { for (k in total) printf "| `%s` | %d | %d |\n", k, total[k], bad[k] + 0 }' "$RUN/logs/nginx-access.log" | sort)
RETRIED=$(awk -v from="$RESTART_FROM" -v to="$RESTART_TO" '{ t = $1 * 1000 } t >= from && t <= to && $5 ~ /,/ { n++ } END { print n + 0 }' "$RUN/logs/nginx-access.log")
# Why (nginx logs "a, b" addresses and "502, 200" statuses): a draining instance's 503 to a read, or
# a refused connection (502: nothing was sent), and how many of the latter were POSTs.
retried() { awk -v from="$RESTART_FROM" -v to="$RESTART_TO" -v want="$1" -v method="$2" '{ t = $1 * 1000 }
	t >= from && t <= to && $5 ~ /,/ && index($0, " " want ",") > 0 && (method == "" || $2 == method) { n++ } END { print n + 0 }' \
	"$RUN/logs/nginx-access.log"; }
RETRIED_503=$(retried 503 "")
RETRIED_REFUSED=$(retried 502 "")
RETRIED_POST=$(retried 502 POST)

# ---------------------------------------------------------------- replica lag figures
LAG_SAMPLES=$(grep -cv timeout "$RUN/logs/lag-probe.log" 2>/dev/null || true)
LAG_TIMEOUTS=$(grep -c timeout "$RUN/logs/lag-probe.log" 2>/dev/null || true)
LAG_STATS=$({ grep -v timeout "$RUN/logs/lag-probe.log" || true; } | awk '{ print $1 }' | sort -n | awk '{ a[NR] = $1 } END {
	if (NR == 0) { print "n/a n/a n/a"; exit } p = int(NR * 0.95 + 0.5); if (p < 1) p = 1
	printf "%d %d %d", a[int((NR + 1) / 2)], a[p], a[NR] }')
read -r LAG_MED LAG_P95 LAG_MAX <<<"$LAG_STATS"
FIRST_POLL=$({ grep -v timeout "$RUN/logs/lag-probe.log" || true; } | awk '$2 == 1 { n++ } END { print n + 0 }')
REPLAY_MAX=$(sort -n "$RUN/logs/replay-lag-ms.log" 2>/dev/null | tail -1 || true)
REPLAY_MED=$({ sort -n "$RUN/logs/replay-lag-ms.log" 2>/dev/null || true; } | awk '{ a[NR] = $1 } END { print (NR ? a[int((NR + 1) / 2)] : "n/a") }')

# ---------------------------------------------------------------- scheduled jobs ran once per tick
# ShedLock logs "Locked '<job>'" (DEBUG) on the instance that runs a tick; count per tick over all logs.
shedlock_report() {
	local job=$1 period=$2 offset=$3
	{ grep -ah "Locked '$job'" "$RUN"/logs/onward-[123].log || true; } | awk -v p="$period" -v o="$offset" '{
		split(substr($1, 12, 8), h, ":"); s = h[1] * 3600 + h[2] * 60 + h[3]; tick = int((s - o) / p); n[tick]++
		if (min == "" || tick < min) min = tick; if (tick > max) max = tick }
		END { once = 0; dup = 0; missed = 0
		  for (t = min; t <= max; t++) { if (n[t] == 1) once++; else if (n[t] > 1) dup++; else missed++ }
		  printf "| `%s` | every %d s | %d | %d | %d | %d |\n", "'"$job"'", p, max - min + 1, once, dup, missed }'
}
SHEDLOCK=$(shedlock_report automation-sweep 20 0; shedlock_report health-recompute-all 30 10; shedlock_report usage-maintenance 30 15)

# ---------------------------------------------------------------- backup under load, restore, start on it
log "backup: pg_dump under load, in the snapshot whose counts it records"
wrk -t2 -c4 -d"${LOAD_SECONDS}s" --timeout 30s -s "$LUA" "$LB" >"$RUN/logs/wrk-backup.txt" 2>&1 &
WRK_PID=$!
sleep 3
DUMP=$RUN/onward.dump
CHECK_SQL="select format('select %L, count(*) from %I', c.relname, c.relname)
  from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by c.relname \\gexec
select 'sample account', md5(string_agg(t::text, '|' order by t.id)) from (select * from account order by id limit 200) t;
select 'sample contract', md5(string_agg(t::text, '|' order by t.id)) from (select * from contract order by id limit 200) t;
select 'sample project', md5(string_agg(t::text, '|' order by t.id)) from (select * from project order by id limit 200) t;"
T0=$(now_ms)
psql_primary -d onward >"$RUN/logs/backup-snapshot.txt" <<EOF
begin isolation level repeatable read read only;
select pg_export_snapshot() as snap \gset
\setenv SNAP :snap
\! PGPASSWORD=$DB_PASSWORD pg_dump -h 127.0.0.1 -p $PG_PRIMARY -U onward -Fc --snapshot="\$SNAP" -f $DUMP onward
$CHECK_SQL
commit;
EOF
DUMP_MS=$(($(now_ms) - T0))
wait "$WRK_PID" || true
WRK_PID=""
DUMP_SIZE=$(du -h "$DUMP" | cut -f1)
log "restore into a fresh database"
as_pg psql -X -q -h "$RUN/pg-sock" -p $PG_PRIMARY -U postgres -c "create database onward_restore owner onward"
T0=$(now_ms)
RESTORE_WARNINGS=0
PGPASSWORD=$DB_PASSWORD pg_restore -h 127.0.0.1 -p $PG_PRIMARY -U onward -d onward_restore -j 2 --no-owner "$DUMP" \
	2>"$RUN/logs/pg-restore.log" || RESTORE_WARNINGS=$(grep -c "error:" "$RUN/logs/pg-restore.log" || true)
RESTORE_MS=$(($(now_ms) - T0))
psql_primary -d onward_restore >"$RUN/logs/backup-restored.txt" <<<"$CHECK_SQL"
TABLES=$(grep -vc '^sample' "$RUN/logs/backup-snapshot.txt")
if diff "$RUN/logs/backup-snapshot.txt" "$RUN/logs/backup-restored.txt" >"$RUN/logs/backup-diff.txt"; then
	BACKUP_MATCH="identical"
else
	BACKUP_MATCH="DIFFERENT (see target/cluster/backup-diff.txt)"
fi
SNAP_ACCOUNTS=$(awk -F'|' '$1 == "account" { print $2 }' "$RUN/logs/backup-snapshot.txt")
SNAP_EVENTS=$(awk -F'|' '$1 ~ /^usage_event/ { s += $2 } END { print s + 0 }' "$RUN/logs/backup-snapshot.txt")
log "Onward on the restored database"
T0=$(now_ms)
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PRIMARY/onward_restore" SPRING_DATASOURCE_USERNAME=onward \
SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" ONWARD_BOOTSTRAP_ADMIN_TOKEN="$TOKEN" \
	nohup "$JAVA" "${JAVA_OPTS[@]}" -jar "$APP_JAR" --server.address=127.0.0.1 --server.port=$RESTORE_APP_PORT \
	--onward.scheduling.enabled=false --spring.main.banner-mode=off >"$RUN/logs/onward-restored.log" 2>&1 &
RESTORE_PID=$!
wait_ready $RESTORE_APP_PORT
RESTORED_START_S=$(( ($(now_ms) - T0) / 1000 ))
RESTORED_TOTAL=$(curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$RESTORE_APP_PORT/api/v1/accounts?size=1" | sed -E 's/.*"total":([0-9]+).*/\1/')
SAMPLE_ID=$(psql_primary -d onward_restore -c "select id from account order by id limit 1 offset 7")
SAMPLE_NAME_DB=$(psql_primary -d onward -c "select name from account where id = '$SAMPLE_ID'")
SAMPLE_NAME_API=$(curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$RESTORE_APP_PORT/api/v1/accounts/$SAMPLE_ID" | sed -E 's/.*"name":"([^"]+)".*/\1/')
RESTORED_OK=no
[ "$RESTORED_TOTAL" = "$SNAP_ACCOUNTS" ] && [ "$SAMPLE_NAME_API" = "$SAMPLE_NAME_DB" ] && [ "$BACKUP_MATCH" = identical ] && RESTORED_OK=yes
stop_pid "$RESTORE_PID"
RESTORE_PID=""

# ---------------------------------------------------------------- report
ROLL_FAILED=$((${ROLL_HTTP_FAILED:-0} + ${ROLL_SOCKET:-0}))
VERDICT_ROLL=$([ "$FORCED" -eq 0 ] && [ "$ROLL_FAILED" -eq 0 ] && [ "$NGINX_FAILED" -eq 0 ] && [ "${KA_HTTP_FAILED:-0}" -eq 0 ] && [ "${KA_SOCKET:-0}" -eq 0 ] && echo "met" || echo "NOT met")
VERDICT_LAG=$([ "${LAG_MAX:-99999}" != "n/a" ] && [ "${LAG_MAX:-99999}" -lt 1000 ] && echo "met" || echo "NOT met")
VERDICT_JOBS=$(awk -F'|' '{ if ($6 + 0 > 0 || $7 + 0 > 0) bad = 1 } END { print bad ? "NOT met" : "met" }' <<<"$SHEDLOCK")
CORES=$(nproc)
mkdir -p "$(dirname "$REPORT")"
cat >"$REPORT" <<EOF
# Onward cluster run — $(date -u +%Y-%m-%dT%H:%M:%SZ)

One machine ($CORES cores, $(free -g | awk '/Mem:/ { print $2 }') GiB): PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }') primary
(127.0.0.1:$PG_PRIMARY) with a streaming replica from \`pg_basebackup\` (127.0.0.1:$PG_REPLICA), three Onward
instances (127.0.0.1:${APP_PORT[1]}..${APP_PORT[3]}, the extracted jar, \`${JAVA_OPTS[*]}\`, read-only
transactions on the replica, staff sessions in PostgreSQL), nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') on 127.0.0.1:$LB_PORT with the three
instances always in its upstream, never reloaded, no keep-alive to the instances, retrying refused
connections and draining instances' 503s (passive checks: \`max_fails=1 fail_timeout=10s\`). Mixed load from \`wrk\` (ops/cluster-load.lua): per 20
requests 2 contract signings (\`POST /api/v1/contracts\`), 4 usage-event batches of 5 (\`POST /api/v1/events\`),
7 staff page views with a session (\`/\`, \`/accounts/{id}\`) and 7 API reads.

| start-up | |
|---|---|
| first instance, empty database (migrations + demo vendor) | ${FIRST_START_S} s |
| instances 2 and 3 together | ${PAIR_START_S} s |

## Rolling restart under load — goal: 0 failed requests — **${VERDICT_ROLL}**
Each instance in turn: SIGTERM → readiness DOWN at once → 3 s drain, in which new reads are answered 503 before
anything runs (nginx passes them to another instance and leaves this one alone for 10 s) and writes are still
served → Tomcat's graceful shutdown (requests in flight finish, the port closes: refused connections are passed
on by nginx for any method) → restart → back in rotation on nginx's next attempt once ready.

$(sed 's/^/- /' "$RUN/logs/rolling.txt")

| | |
|---|---|
| client opening a connection per request (wrk, 2 connections): requests | ${ROLL_REQ:-0} |
| — failed (non-2xx/3xx answers + socket errors) | **${ROLL_FAILED}** (${ROLL_HTTP_FAILED:-0} + ${ROLL_SOCKET:-0}) |
| client keeping its connections alive (wrk, 2 connections): requests | ${KA_REQ:-0} |
| — non-2xx/3xx answers / socket errors | **${KA_HTTP_FAILED:-0}** / **${KA_SOCKET:-0}** (${KA_SOCKET_DETAIL:-none}) |
| nginx: requests in the window / answered 5xx or 499 | ${NGINX_WINDOW} / **${NGINX_FAILED}** |
| nginx: requests passed to a second instance: all / after a draining instance's 503 / after a refused connection (of them POSTs) | ${RETRIED} / ${RETRIED_503} / ${RETRIED_REFUSED} (${RETRIED_POST}) |
| nginx reloads during the run | ${RELOADS} |
| instances that did not stop within 60 s and were killed | ${FORCED} |

nginx is never reloaded, so it never closes a client's kept-alive connection; it opens a new connection to an
instance per request, so it never sends on a connection an instance is closing. A POST is passed to another
instance only when its connection was refused (nothing sent); a draining instance still serves the POSTs it gets.

| request (nginx, restart window) | count | failed |
|---|---|---|
${NGINX_BY_KIND}

## Replica lag seen by reads — goal: under 1 s — **${VERDICT_LAG}**
A contract signed through nginx (committed on the primary), then the account list (a read-only transaction,
answered by the replica) polled every 20 ms until the new account shows; measured during the three-instance
load and the rolling restart. The figure includes the list request's own time.

| | |
|---|---|
| samples | ${LAG_SAMPLES} (not seen within 500 polls: ${LAG_TIMEOUTS:-0}) |
| visible on the first read | ${FIRST_POLL} of ${LAG_SAMPLES} |
| time until visible: median / p95 / max | ${LAG_MED} ms / ${LAG_P95} ms / ${LAG_MAX} ms |
| \`pg_stat_replication.replay_lag\` (1 s samples): median / max | ${REPLAY_MED:-n/a} ms / ${REPLAY_MAX:-n/a} ms |

## Scheduled jobs ran once per tick (ShedLock) — **${VERDICT_JOBS}**
Schedules shortened for the run; every instance fires on every tick, the lock lets one run it. Counted from the
three instances' logs over the whole run, restarts included.

| job | schedule | ticks | ran once | ran twice or more | missed |
|---|---|---|---|---|---|
${SHEDLOCK}

## Throughput: 1 vs 3 instances
Same mixed load, wrk 2 threads × 8 connections, ${LOAD_SECONDS} s each, through nginx.

| | requests/s | p99 |
|---|---|---|
| one instance | ${RPS1} | ${P99_1} ms |
| three instances | ${RPS3} | ${P99_3} ms |

On this machine all three JVMs, both PostgreSQL servers, nginx and wrk share ${CORES} cores: three instances
cannot be faster than one here, and the difference shows the cost of the extra JVMs (and of the replica's
replay), not a speed-up. On separate machines instances add throughput until the primary database is the limit.

## Backup under load and restore — **$([ "$RESTORED_OK" = yes ] && echo "restored and verified" || echo "NOT verified")**
\`pg_dump -Fc\` taken while the mixed load ran, inside an exported snapshot (\`pg_export_snapshot\`) in which the
row counts of every table and sample rows were recorded; \`pg_restore -j 2\` into a fresh database; Onward
started on it (no replica, schedules off).

| | |
|---|---|
| dump ($DUMP_SIZE) / restore | ${DUMP_MS} ms / ${RESTORE_MS} ms (pg_restore errors: ${RESTORE_WARNINGS}) |
| tables compared (row counts) + 200-row samples of account, contract, project | ${TABLES} + 3: **${BACKUP_MATCH}** |
| accounts / usage events in the snapshot | ${SNAP_ACCOUNTS} / ${SNAP_EVENTS} |
| Onward on the restored database: ready after / accounts via API | ${RESTORED_START_S} s / ${RESTORED_TOTAL} |
| a sample account (\`$SAMPLE_ID\`) via the restored instance's API vs the primary | "${SAMPLE_NAME_API}" vs "${SAMPLE_NAME_DB}" |

Logs: target/cluster/ (instances, PostgreSQL, nginx access log, wrk output, lag samples).
EOF
log "report written to target/cluster-report.md"
cat "$REPORT"
