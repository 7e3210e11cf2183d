#!/usr/bin/env bash
# No served request goes unrecorded: drives requests at a fixed open-loop rate through
# `./gearbox serve` (simulated zero-latency provider, SQLite ledger), sends SIGTERM half-way, waits
# for the process to exit, then compares the requests the client got a 200 for with the ledger's
# rows with status 200.
#
#   bench/ledger-sigterm.sh [RATE] [SECONDS]     default 5000/s for 20 s = 100,000 requests
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/jdk.sh
gearbox_find_jdk >/dev/null
RATE="${1:-5000}"; SECONDS_TOTAL="${2:-20}"; PORT=18400
WORK="$(mktemp -d /tmp/gearbox-sigterm.XXXXXX)"
./gearbox --version >/dev/null
./mvnw -q -B -f bench/pom.xml package -DskipTests >/dev/null
CP="bench/target/gearbox-bench.jar:$(cat bench/target/classpath.txt)"
cat >"$WORK/gearbox.yaml" <<YAML
server: {host: 127.0.0.1, port: $PORT}
providers:
  - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 1000000, output_tokens: 20}}
deployments:
  - {model: demo-mid, provider: sim}
  - {model: demo-frontier, provider: sim}
routing: {default: auto, baseline: demo-frontier, policies: [{name: auto, type: rules, default: {tier: mid}}]}
ledger: {store: sqlite, path: $WORK/ledger.db}
YAML
GEARBOX_NO_REBUILD=1 ./gearbox serve --config "$WORK/gearbox.yaml" >"$WORK/gearbox.log" 2>&1 &
GPID=$!
for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
( sleep $((SECONDS_TOTAL / 2)); kill -TERM "$GPID" ) &
RESULT=$("$JAVA_HOME/bin/java" -cp "$CP" dev.gearbox.bench.LoadGen latency "http://127.0.0.1:$PORT/v1/chat/completions" "$RATE" "$SECONDS_TOTAL" 0 -H "x-bench-model: auto" || true)
set +e; wait "$GPID"; EXIT=$?; set -e
OK=$(echo "$RESULT" | sed 's/.*"ok":\([0-9]*\).*/\1/')
JSON=$(GEARBOX_NO_REBUILD=1 ./gearbox report --config "$WORK/gearbox.yaml" --by all --since 1d --json)
REQ=$(echo "$JSON" | grep '"requests"' | head -1 | tr -dc '0-9')
ERR=$(echo "$JSON" | grep '"errors"' | head -1 | tr -dc '0-9')
ROWS200=$(( ${REQ:-0} - ${ERR:-0} ))
echo "requests sent: $((RATE * SECONDS_TOTAL)) at $RATE/s, SIGTERM after $((SECONDS_TOTAL / 2)) s, gateway exit status $EXIT"
echo "client got 200: $OK; ledger rows: ${REQ:-0} (status 200: $ROWS200)"
grep -E "ledger flushed|still queued|dropped" "$WORK/gearbox.log" || true
if [ "$OK" = "$ROWS200" ]; then echo "PASS: every served request is in the ledger"; else echo "FAIL: served $OK, recorded $ROWS200"; exit 1; fi
