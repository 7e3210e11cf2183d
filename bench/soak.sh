#!/usr/bin/env bash
# Soak: a steady open-loop rate through `./gearbox serve` for a fixed time, against an upstream that
# fails in mixed ways (429 with Retry-After, 500, 503, connection reset, first byte later than
# first_byte_ms, connection dropped mid-stream or mid-body; bench FaultyUpstream), with the gateway
# sampled every 10 s (heap after a full GC, RSS, open fds, threads, ledger queue depth). At the end the
# gateway gets SIGTERM, and the requests that got an answer are compared with the ledger's rows.
# Verdict: every resource flat after the warm-up (SoakVerdict's tolerances), zero lost records, exit 0.
#
#   bench/soak.sh [MINUTES] [RATE]     default 10 minutes at 200 req/s, one request in four streamed
#   bench/soak.sh --quick              1 minute at 50 req/s: checks the machinery and the ledger count;
#                                      its resource verdict is printed but not enforced (too short)
# Full runs write bench/results/soak/{samples.csv,client.json,upstream.json,summary.json}.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/jdk.sh
gearbox_find_jdk >/dev/null
QUICK=0
if [ "${1:-}" = "--quick" ]; then QUICK=1; MINUTES=1; RATE=50; else MINUTES="${1:-10}"; RATE="${2:-200}"; fi
SECONDS_TOTAL=$((MINUTES * 60)); SAMPLE_S=10; WARMUP_S=$(( QUICK == 1 ? 10 : 60 ))
MIX="429:0.01,500:0.03,503:0.02,reset:0.02,slow:0.01,drop:0.01"
PORT=18460; UP_PORT=18461
WORK="$(mktemp -d /tmp/gearbox-soak.XXXXXX)"
OUT="$WORK/out"; mkdir -p "$OUT"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 did not open" >&2; return 1; }

./gearbox --version >/dev/null
./mvnw -q -B -ntp -f bench/pom.xml package -DskipTests >/dev/null
CP="bench/target/gearbox-bench.jar:$(cat bench/target/classpath.txt)"

"$JAVA_HOME/bin/java" -Xmx128m -cp "$CP" dev.gearbox.bench.FaultyUpstream "$UP_PORT" "$MIX" 20 10 1500 11 >"$WORK/upstream.log" 2>&1 &
UP_PID=$!; PIDS+=("$UP_PID")
wait_port "$UP_PORT"

# the mock upstream accepts any key; keys come from the environment, never the config file
export SOAK_KEY_A=sk-soak-a SOAK_KEY_B=sk-soak-b
cat >"$WORK/gearbox.yaml" <<YAML
server: {host: 127.0.0.1, port: $PORT}
providers:
  - {name: acct-a, kind: openai, base_url: "http://127.0.0.1:$UP_PORT/a/v1", api_key_env: SOAK_KEY_A}
  - {name: acct-b, kind: openai, base_url: "http://127.0.0.1:$UP_PORT/b/v1", api_key_env: SOAK_KEY_B}
deployments:
  - {model: gpt-4o-mini, provider: acct-a}
  - {model: gpt-4o, provider: acct-b}
resilience:
  retries: {per_deployment: 1, budget: 3, base_ms: 50, cap_ms: 500, max_retry_after_ms: 2000, deadline_ms: 20000}
  breaker: {cooldown_ms: 2000}
  timeouts: {first_byte_ms: 1000, idle_ms: 2000, total_ms: 30000}
routing:
  default: chain
  baseline: gpt-4o
  policies:
    - {name: chain, type: rules, default: {model: gpt-4o-mini, fallbacks: [gpt-4o]}}
observe: {mode: route}
ledger: {store: sqlite, path: $WORK/ledger.db}
YAML
GEARBOX_NO_REBUILD=1 GEARBOX_JAVA_OPTS="-XX:+UseG1GC -Xms128m -Xmx512m -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m -Xlog:gc:file=$WORK/gc.log" \
  ./gearbox serve --config "$WORK/gearbox.yaml" >"$WORK/gearbox.log" 2>&1 &
GPID=$!; PIDS+=("$GPID")
wait_port "$PORT" || { tail -20 "$WORK/gearbox.log" >&2; exit 1; }

echo "soak: $MINUTES min at $RATE req/s (1 in 4 streamed), upstream fault mix $MIX, load before $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -Xmx256m -cp "$CP" dev.gearbox.bench.Soak "http://127.0.0.1:$PORT/v1/chat/completions" "$GPID" \
  "$RATE" "$SECONDS_TOTAL" 0.25 "$SAMPLE_S" "$WORK/gc.log" "$OUT"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

kill -TERM "$GPID"
EXIT=124
for _ in $(seq 1 900); do kill -0 "$GPID" 2>/dev/null || break; sleep 0.1; done
if ! kill -0 "$GPID" 2>/dev/null; then set +e; wait "$GPID"; EXIT=$?; set -e; fi
curl -s "http://127.0.0.1:$UP_PORT/stats" >"$OUT/upstream.json" || true
# the ledger read by Gearbox's own report (no sqlite3 needed); every status is 200 or an error (>= 400)
JSON=$(GEARBOX_NO_REBUILD=1 ./gearbox report --config "$WORK/gearbox.yaml" --by all --since 1d --json)
ROWS=$(echo "$JSON" | grep '"requests"' | head -1 | tr -dc '0-9'); ROWS=${ROWS:-0}
ERRS=$(echo "$JSON" | grep '"errors"' | head -1 | tr -dc '0-9'); ROWS200=$((ROWS - ${ERRS:-0}))
grep -E "ledger flushed|still queued|dropped" "$WORK/gearbox.log" || true
echo "upstream calls by outcome: $(cat "$OUT/upstream.json")"

set +e
"$JAVA_HOME/bin/java" -cp "$CP" dev.gearbox.bench.SoakVerdict "$OUT" "$WARMUP_S" "$ROWS" "$ROWS200" "$EXIT"
VERDICT=$?
set -e
if [ "$QUICK" = 0 ]; then
  mkdir -p bench/results/soak
  cp "$OUT"/samples.csv "$OUT"/client.json "$OUT"/upstream.json "$OUT"/summary.json bench/results/soak/
  echo "results in bench/results/soak/"
  exit "$VERDICT"
fi
# quick mode: one minute proves nothing about growth, so only the ledger count and the exit status count
echo "quick mode: the resource verdict above is not enforced; the ledger count and the exit status are"
grep -q '"zero_lost_records" : true' "$OUT/summary.json" && grep -q '"gateway_exit" : 0,' "$OUT/summary.json"
echo "PASS: every answered request is in the ledger, the gateway exited 0"
