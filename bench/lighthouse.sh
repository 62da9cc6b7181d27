#!/usr/bin/env bash
# Lighthouse 12.2.3 (mobile profile: a mid-range phone on a throttled 4G connection, simulated) on the
# signed-in portfolio, project and health pages of the demo data, with Debian's Chromium.
# Prints performance, accessibility and best-practices scores, largest contentful paint, bytes transferred
# (and the part of them that is JavaScript), requests and the document's time on the server per page
# and writes them to target/lighthouse.txt (the full reports: target/lighthouse-<page>.json).
# Needs node/npm (npx fetches lighthouse@12.2.3 once), /usr/bin/chromium and a JDK >= 21.
# Run it under the build lock: flock /tmp/onward-build.lock bash bench/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18099}
PGPORT=${BENCH_PGPORT:-54339}
TOKEN=bench-token-0123456789abcdef0123456789abcdef
PASSWORD=lighthouse-demo-pass-1
BASE=http://127.0.0.1:$PORT
DATA=target/bench-lighthouse-postgres
OUT=${BENCH_OUT:-target/lighthouse.txt}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA" ] || JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
JARFILE=${BENCH_JAR:-target/onward.jar}
[ -f "$JARFILE" ] || ./mvnw -q -B -o -DskipTests package
APP=""
stop() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  local pid; pid=$(head -1 $DATA/postmaster.pid 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
}
trap stop EXIT
rm -rf $DATA target/bench-lighthouse-app.log target/lighthouse-*.json
mkdir -p target
"$JAVA" -Xmx1g -jar "$JARFILE" --server.port=$PORT --onward.demo.enabled=true --onward.demo.password=$PASSWORD \
  --onward.bootstrap.admin-token=$TOKEN --onward.scheduling.enabled=false --logging.level.root=WARN \
  --onward.embedded-db.data-dir=$DATA --onward.embedded-db.port=$PGPORT --onward.embedded-db.password=postgres \
  >> target/bench-lighthouse-app.log 2>&1 &
APP=$!
for _ in $(seq 1 240); do curl -sf $BASE/actuator/health/readiness >/dev/null && break; sleep 1; done
curl -sf $BASE/actuator/health/readiness >/dev/null || { echo "Onward did not start: target/bench-lighthouse-app.log" >&2; exit 1; }
# The demo's accounts load in the background after readiness; the sign-in page says so until they are in.
for _ in $(seq 1 300); do curl -s $BASE/login | grep -q 'id="demo-loading"' || break; sleep 1; done

JAR=$(mktemp)
CSRF=$(curl -s -c "$JAR" $BASE/login | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
curl -s -b "$JAR" -c "$JAR" -o /dev/null -X POST $BASE/login \
  --data-urlencode username=admin --data-urlencode password=$PASSWORD --data-urlencode "_csrf=$CSRF"
SESSION=$(awk '/\tSESSION\t/ {print $7}' "$JAR")
[ -n "$SESSION" ] || { echo "could not sign in as the demo admin" >&2; exit 1; }
PORTFOLIO=$(curl -s -b "SESSION=$SESSION" "$BASE/?lang=en")
PROJECT=$(grep -oE '/projects/[0-9a-f-]{36}' <<<"$PORTFOLIO" | head -1)
ACCOUNT=$(grep -oE '/accounts/[0-9a-f-]{36}' <<<"$PORTFOLIO" | head -1)
[ -n "$PROJECT" ] && [ -n "$ACCOUNT" ] || { echo "no project or account link on the portfolio" >&2; exit 1; }
HEADERS="{\"Cookie\": \"SESSION=$SESSION; onward-lang=en\"}"
# Each page is opened once before it is measured, as the portfolio just was: Lighthouse then measures a page of a
# running server, not its first view after a start (template parsing and cold code: 250–500 ms more on the
# document). BENCH_COLD=1 measures the first views instead.
if [ "${BENCH_COLD:-0}" != 1 ]; then
  for path in "$PROJECT" "$ACCOUNT/health"; do curl -s -o /dev/null -b "SESSION=$SESSION; onward-lang=en" "$BASE$path"; done
fi

echo "Onward Lighthouse 12.2.3, mobile profile (simulated throttling), $(date -u +%FT%TZ), $(nproc) cores, demo data, $JARFILE, $([ "${BENCH_COLD:-0}" = 1 ] && echo "first views after the start" || echo "each page opened once before")" | tee $OUT
printf '%-10s %12s %14s %15s %8s %10s %8s %8s\n' page performance accessibility best-practices LCP_s KiB JS_KiB requests | tee -a $OUT
for page in "portfolio:/" "project:$PROJECT" "health:$ACCOUNT/health"; do
  name=${page%%:*}; path=${page#*:}
  npx -y lighthouse@12.2.3 "$BASE$path" --quiet --only-categories=performance,accessibility,best-practices \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" \
    --extra-headers="$HEADERS" --output=json --output-path=target/lighthouse-$name.json >/dev/null 2>>target/bench-lighthouse-app.log \
    || { echo "lighthouse failed on $name" >&2; continue; }
  node -e '
    const r = require(process.argv[1]);
    const a = r.audits;
    const items = (a["network-requests"].details || { items: [] }).items;
    const js = items.filter(i => i.resourceType === "Script").reduce((s, i) => s + (i.transferSize || 0), 0);
    console.log([process.argv[2].padEnd(10),
      String(Math.round(r.categories.performance.score * 100)).padStart(12),
      String(Math.round(r.categories.accessibility.score * 100)).padStart(14),
      String(Math.round(r.categories["best-practices"].score * 100)).padStart(15),
      (a["largest-contentful-paint"].numericValue / 1000).toFixed(2).padStart(8),
      String(Math.round(a["total-byte-weight"].numericValue / 1024)).padStart(10),
      String(Math.round(js / 1024)).padStart(8),
      String(items.length).padStart(8)].join(" "));
    // What Lighthouse says would help most, so the cheap fixes are visible in the same file.
    for (const id of Object.keys(a)) {
      const x = a[id];
      if (x.score !== null && x.score < 0.9 && x.details && x.details.type === "opportunity" && (x.numericValue || 0) > 0)
        console.log("    " + id + ": " + x.displayValue);
    }
    for (const cat of ["accessibility", "best-practices"])
      for (const ref of r.categories[cat].auditRefs)
        if (ref.weight > 0 && a[ref.id].score !== null && a[ref.id].score < 1) console.log("    " + cat + ": " + ref.id);
    console.log("    document: " + Math.round(a["server-response-time"].numericValue) + " ms on the server");
    if (r.finalDisplayedUrl.includes("/login")) console.log("  (warning: ended on the sign-in page)");
  ' "$PWD/target/lighthouse-$name.json" "$name" | tee -a $OUT
done
