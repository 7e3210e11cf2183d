#!/usr/bin/env bash
# The dashboard at scale: fills a scratch SQLite ledger with 10 million synthetic requests (once;
# LedgerSeed, a test-scope utility outside the suite), serves it, and times every admin API
# endpoint behind the dashboard with curl (twice each: the first call reads from disk, the second from the page cache). Figures: docs/dashboard.md.
#   scripts/dashboard-10m.sh [DB] [ROWS]      (default /tmp/gearbox-10m/ledger.db, 10000000)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
gearbox_find_jdk
DB=${1:-/tmp/gearbox-10m/ledger.db}
ROWS=${2:-10000000}
PORT=${PORT:-18199}
TOKEN=scale-check-admin-token-0123456789
./mvnw -B -ntp -q package -DskipTests
CP=target/gearbox.jar:target/test-classes
if [ ! -f "$DB" ]; then
  mkdir -p "$(dirname "$DB")"
  "$JAVA_HOME/bin/java" -cp "$CP" dev.gearbox.ledger.LedgerSeed "$DB" "$ROWS"
fi
CFG=$(dirname "$DB")/gearbox.yaml
cat > "$CFG" <<YAML
providers:
  - {name: sim, kind: simulated}
deployments:
  - {model: demo-frontier, provider: sim}
  - {model: demo-mid, provider: sim}
  - {model: demo-efficient, provider: sim}
routing:
  default: auto
  baseline: demo-frontier
  policies:
    - {name: auto, type: rules, rules: [], default: {tier: mid}}
auth:
  admin_token_env: GEARBOX_ADMIN_TOKEN
ledger:
  store: sqlite
  path: $DB
YAML
GEARBOX_ADMIN_TOKEN=$TOKEN "$JAVA_HOME/bin/java" -jar target/gearbox.jar serve --config "$CFG" --port "$PORT" > "$(dirname "$DB")/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
# the first start on a ledger seeded before the hourly rollup existed back-fills it (migration V5): minutes at 10 million rows
STARTED=$(date +%s)
until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null; do
  kill -0 $PID 2>/dev/null || { echo "gearbox serve exited:"; tail -20 "$(dirname "$DB")/serve.log"; exit 1; }
  sleep 0.5
done
echo "serving after $(( $(date +%s) - STARTED )) s"
echo "$(date -u +%FT%TZ)  load average: $(cut -d" " -f1-3 /proc/loadavg)"
echo "ledger: $DB ($(du -h "$DB" | cut -f1)), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf "%-58s %10s %10s %8s\n" "endpoint" "first s" "again s" "bytes"
for path in "overview?since=24h" "overview?since=7d" "overview?since=30d" "routes?since=24h" "routes?since=7d" "routes?since=30d" \
            "observation?since=24h" "observation?since=30d" "keys" "decisions?since=24h" "decisions?since=30d&model=demo-mid&errors=1" \
            "decisions?since=30d&key=vk_seed07" "decisions?since=30d&q=gbx-seed-0004200000" "requests/gbx-seed-0004200000" \
            "summary?since=30d&by=feature"; do
  t=()
  for _ in 1 2; do
    t+=("$(curl -s -o /tmp/dashboard-10m.out -w '%{time_total}' -H "authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/admin/api/$path")")
  done
  printf "%-58s %10s %10s %8s\n" "/admin/api/$path" "${t[0]}" "${t[1]}" "$(wc -c < /tmp/dashboard-10m.out)"
done
