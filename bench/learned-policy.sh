#!/usr/bin/env bash
# Request latency and peak RSS of a gateway whose default policy is `type: learned` on the shipped
# router, over a zero-latency simulated fleet: 100 warm-up then 400 timed sequential requests (a
# 75-token prompt, a new text each time so no embedding is cached), from a Python client.
#   bench/learned-policy.sh [JAR]      (default: target/gearbox.jar; about 30 s)
# Compare two builds by running it with each jar, one after the other (docs/routing-quality.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$(realpath "${1:-$ROOT/target/gearbox.jar}")"
. "$ROOT/scripts/jdk.sh"
gearbox_find_jdk >/dev/null
WORK="$(mktemp -d)"
trap 'kill "$GPID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
PORT="${PORT:-18931}"
cat >"$WORK/gearbox.yaml" <<YAML
providers:
  - name: sim
    kind: simulated
    options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 20}
deployments:
  - {model: demo-frontier, provider: sim}
  - {model: demo-efficient, provider: sim}
routing:
  default: learned
  policies:
    - name: learned
      type: learned
      strong: {model: demo-frontier}
      weak: {model: demo-efficient}
      strong_share: 0.3
YAML
cd "$WORK"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${GEARBOX_JAVA_OPTS:--XX:+UseG1GC -Xms128m -Xmx512m -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m} \
  -jar "$JAR" serve --config "$WORK/gearbox.yaml" --port "$PORT" >"$WORK/gateway.log" 2>&1 &
GPID=$!
for _ in $(seq 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.5; done
python3 - "$PORT" <<'PY'
import json, statistics, sys, time, urllib.request
port = int(sys.argv[1])
prompt = ("I ordered a pair of running shoes last week and they have not arrived yet. The tracking page says the parcel "
          "left the warehouse on Monday but nothing has changed since. Can you tell me what usually causes this, whether I "
          "should contact the courier or the store first, and how long I should wait before asking for a refund?")
def one(i):
    body = json.dumps({"model": "auto", "messages": [{"role": "user", "content": f"{prompt} (order {i})"}]}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/chat/completions", body, {"Content-Type": "application/json"})
    t = time.perf_counter(); urllib.request.urlopen(req, timeout=30).read(); return (time.perf_counter() - t) * 1000
for i in range(100): one(i)
ts = sorted(one(1000 + i) for i in range(400))
print(f"learned policy, shipped router: p50 {ts[200]:.2f} ms  p90 {ts[360]:.2f} ms  mean {statistics.mean(ts):.2f} ms", end="")
PY
echo "  peak RSS $(awk '/VmHWM/{print int($2/1024)" MB"}' /proc/$GPID/status)"
