#!/usr/bin/env bash
# Crash: drives a fixed open-loop rate through `./gearbox serve` (simulated provider, no latency),
# `kill -9`s the gateway half-way, and compares the responses the client got a 200 for with the
# ledger's rows with status 200: the difference is what a crash loses (records of answered requests
# not yet committed). gearbox_ledger_uncommitted (queued plus being written) is sampled from
# /metrics every 100 ms until the kill: the loss should be of that order.
# Then restarts the gateway on the same store and proves it opens cleanly: it starts (Flyway
# migrates and validates on open), the schema history has no failed migration, SQLite's
# integrity_check says ok, and new requests are appended (then SIGTERM, exit 0).
#
#   bench/crash.sh [RATE] [SECONDS] [sqlite|postgres]    default 1000/s for 20 s, SQLite (WAL)
# PostgreSQL uses 127.0.0.1:5432 database test (user postgres) in a fresh schema, dropped at the end.
# CRASH_WARMUP=0 skips the warm-up: the crash then hits a cold JVM.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/jdk.sh
gearbox_find_jdk >/dev/null
RATE="${1:-1000}"; SECONDS_TOTAL="${2:-20}"; STORE="${3:-sqlite}"; PORT=18470
AFTER_RESTART=100
WORK="$(mktemp -d /tmp/gearbox-crash.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 did not open" >&2; return 1; }
./gearbox --version >/dev/null
./mvnw -q -B -ntp -f bench/pom.xml package -DskipTests >/dev/null
CP="bench/target/gearbox-bench.jar:$(cat bench/target/classpath.txt)"

SCHEMA="gbx_crash_$$"
case "$STORE" in
  sqlite) LEDGER="{store: sqlite, path: $WORK/ledger.db}"
          sql() { sqlite3 -separator ' ' "$WORK/ledger.db" "$1"; }
          HISTORY=gearbox_ledger_schema ;;
  postgres) LEDGER="{store: postgres, url: \"jdbc:postgresql://127.0.0.1:5432/test\", user: postgres, schema: $SCHEMA}"
            sql() { psql -h 127.0.0.1 -U postgres -d test -At -F ' ' -c "$1"; }
            HISTORY="$SCHEMA.gearbox_ledger_schema"
            trap 'cleanup; psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true' EXIT ;;
  *) echo "store is sqlite or postgres" >&2; exit 2 ;;
esac
TABLE=requests; [ "$STORE" = postgres ] && TABLE="$SCHEMA.requests"
cat >"$WORK/gearbox.yaml" <<YAML
server: {host: 127.0.0.1, port: $PORT}
providers:
  - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 1000000, output_tokens: 20}}
deployments:
  - {model: demo-mid, provider: sim}
  - {model: demo-frontier, provider: sim}
routing: {default: auto, baseline: demo-frontier, policies: [{name: auto, type: rules, default: {tier: mid}}]}
ledger: $LEDGER
YAML
start_gateway() {
  GEARBOX_NO_REBUILD=1 ./gearbox serve --config "$WORK/gearbox.yaml" >>"$WORK/gearbox.log" 2>&1 &
  GPID=$!; PIDS+=("$GPID")
  wait_port "$PORT" || { tail -20 "$WORK/gearbox.log" >&2; exit 1; }
}
start_gateway
# warm-up (JIT, connections), not counted: its records are written before the measured run starts
WARM=0
if [ "${CRASH_WARMUP:-1}" = 1 ]; then
  WARM=$("$JAVA_HOME/bin/java" -cp "$CP" dev.gearbox.bench.LoadGen latency "http://127.0.0.1:$PORT/v1/chat/completions" 200 5 0 -H "x-bench-model: auto" | sed 's/.*"ok":\([0-9]*\).*/\1/')
fi
for _ in $(seq 1 100); do [ "$(sql "SELECT COUNT(*) FROM $TABLE")" = "$WARM" ] && break; sleep 0.1; done
read -r BASE BASE200 < <(sql "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 200 THEN 1 ELSE 0 END), 0) FROM $TABLE")
echo "warm-up: $WARM requests answered 200, $BASE records written"
# what a kill would lose at each moment (records queued or being written): one scrape every 100 ms,
# bounded by the run's length
( for _ in $(seq 1 $((SECONDS_TOTAL * 10))); do
    curl -s -m 1 "http://127.0.0.1:$PORT/metrics" 2>/dev/null | awk '/^gearbox_ledger_uncommitted /{print $2}' || true
    sleep 0.1
  done >"$WORK/uncommitted.txt" ) &
SAMPLER=$!
( sleep $((SECONDS_TOTAL / 2)); kill -9 "$GPID" ) &
echo "crash: $RATE req/s for $SECONDS_TOTAL s, kill -9 after $((SECONDS_TOTAL / 2)) s, ledger $STORE, load $(cut -d' ' -f1-3 /proc/loadavg)"
RESULT=$("$JAVA_HOME/bin/java" -cp "$CP" dev.gearbox.bench.LoadGen latency "http://127.0.0.1:$PORT/v1/chat/completions" "$RATE" "$SECONDS_TOTAL" 0 -H "x-bench-model: auto" || true)
set +e; wait "$GPID"; KILLED=$?; set -e
kill "$SAMPLER" 2>/dev/null || true
OK=$(echo "$RESULT" | sed 's/.*"ok":\([0-9]*\).*/\1/')
read -r ROWS ROWS200 < <(sql "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 200 THEN 1 ELSE 0 END), 0) FROM $TABLE")
ROWS=$((ROWS - BASE)); ROWS200=$((ROWS200 - BASE200))
LOST=$((OK - ROWS200))
echo "load generator: $RESULT"
UMAX=$(sort -n "$WORK/uncommitted.txt" | tail -1); ULAST=$(grep . "$WORK/uncommitted.txt" | tail -1)
USAMPLES=$(grep -c . "$WORK/uncommitted.txt" || true)
echo "gateway exit status $KILLED (137 = SIGKILL)"
echo "client got 200: $OK; ledger rows: $ROWS (status 200: $ROWS200); lost: $LOST"
echo "uncommitted ledger records (gearbox_ledger_uncommitted, $USAMPLES samples before the kill): max ${UMAX:-?}, last ${ULAST:-?} (queue capacity 20000, batch up to 500)"

# restart on the same store
start_gateway
FAILED=$(sql "SELECT COUNT(*) FROM $HISTORY WHERE NOT success")
[ "$FAILED" = 0 ] || { echo "FAIL: $FAILED failed migration(s) in $HISTORY"; exit 1; }
if [ "$STORE" = sqlite ]; then
  CHECK=$(sql "PRAGMA integrity_check")
  [ "$CHECK" = ok ] || { echo "FAIL: integrity_check: $CHECK"; exit 1; }
  echo "restart: the gateway opened the ledger (Flyway validated $(sql "SELECT COUNT(*) FROM $HISTORY") migrations), integrity_check ok"
else
  echo "restart: the gateway opened the ledger (Flyway validated $(sql "SELECT COUNT(*) FROM $HISTORY") migrations)"
fi
for i in $(seq 1 "$AFTER_RESTART"); do
  curl -s -m 10 -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$PORT/v1/chat/completions" -H 'content-type: application/json' \
    -d "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"after the crash $i\"}]}"
done | sort | uniq -c | sed 's/^/restart: responses /'
kill -TERM "$GPID"
set +e; wait "$GPID"; EXIT=$?; set -e
read -r ROWS_AFTER < <(sql "SELECT COUNT(*) FROM $TABLE")
ROWS_AFTER=$((ROWS_AFTER - BASE))
echo "restart: $((ROWS_AFTER - ROWS)) records appended for $AFTER_RESTART requests; exit status after SIGTERM $EXIT"
[ "$STORE" = sqlite ] && echo "integrity_check after: $(sql 'PRAGMA integrity_check')"
[ "$((ROWS_AFTER - ROWS))" = "$AFTER_RESTART" ] && [ "$EXIT" = 0 ] || { echo "FAIL: the restarted gateway did not record every request"; exit 1; }
echo "PASS: the store recovered; the crash lost $LOST of $OK answered requests' records"
