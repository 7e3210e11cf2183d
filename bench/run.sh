#!/usr/bin/env bash
# Gearbox's benchmark against its peers, in one run on this machine (loopback only):
#   none    the mock upstream called directly (the baseline every "added" figure subtracts)
#   nginx   a plain keep-alive reverse proxy: the floor for any proxy
#   vertx   a bare Vert.x reverse proxy with Gearbox's server/client settings, no parsing (bench
#           VertxFloor): the floor for any gateway on Gearbox's stack (Netty, Vert.x, the JVM)
#   portkey Portkey AI gateway 1.15.2 (Node), routed by its x-portkey-* headers
#   gearbox Gearbox as a user runs it: ./gearbox serve, model "auto" routed by rules, ledger on
# Writes bench/results/latest.json and latest.md (the table docs/benchmarks.md quotes); --quick
# writes bench/results/quick.json and quick.md instead.
#
#   bench/run.sh            full run (about 10 minutes)
#   bench/run.sh --quick    the same phases, shorter, without the vertx peer (under 2 minutes); CI's smoke test
#   bench/run.sh --only gearbox,nginx   a subset of systems
#   BENCH_STREAM_WARM_SECONDS=0 bench/run.sh ...   without the stream warm-up (default 10 s, 2 s quick)
#
# Exit status: non-zero when Gearbox failed requests or could not start (never because of timing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/jdk.sh
. bench/gearbox-config.sh
gearbox_find_jdk >/dev/null
JAVA="$JAVA_HOME/bin/java"

QUICK=0
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --only) ONLY="$2"; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$QUICK" = 1 ]; then
  WARM_SECONDS=6; TP_SECONDS=4; LAT_SECONDS=5; LAT_WARMUP=2; STREAM_WARM_SECONDS=${BENCH_STREAM_WARM_SECONDS:-2}; STREAMS=8; MODE=quick; NAME=quick
  # the Vert.x floor is a diagnostic peer: full runs only, unless asked for with --only
  ONLY="${ONLY:-none,nginx,portkey,gearbox}"
else
  WARM_SECONDS=20; TP_SECONDS=15; LAT_SECONDS=30; LAT_WARMUP=5; STREAM_WARM_SECONDS=${BENCH_STREAM_WARM_SECONDS:-10}; STREAMS=60; MODE=full; NAME=latest
fi
ONLY="${ONLY:-none,nginx,vertx,portkey,gearbox}"
RATE=1000; CONNS=64; CHUNKS=200; CHUNK_GAP_MS=1
MOCK_PORT=18100; NGINX_PORT=18101; PORTKEY_PORT=18102; GEARBOX_PORT=18103; VERTX_PORT=18104

WORK="$(mktemp -d /tmp/gearbox-bench.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
say() { echo "bench: $*" >&2; }
want() { [[ ",$ONLY," == *",$1,"* ]]; }

# ---- what the run needs, installed when missing -------------------------------------------
MISSING=()
if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing nginx and wrk from Debian's packages"
    timeout 300 apt-get install -y -q nginx wrk >"$WORK/apt.log" 2>&1 || { apt-get update -q >/dev/null 2>&1 && timeout 300 apt-get install -y -q nginx wrk >"$WORK/apt.log" 2>&1; } || true
  fi
fi
command -v wrk >/dev/null || MISSING+=("wrk (Debian package wrk): throughput is not measured")
command -v nginx >/dev/null || { MISSING+=("nginx (Debian package nginx): nginx peer skipped"); ONLY="${ONLY//nginx/}"; }
if want portkey; then
  if ! command -v npm >/dev/null; then
    MISSING+=("npm: Portkey peer skipped"); ONLY="${ONLY//portkey/}"
  elif [ ! -f bench/portkey/node_modules/@portkey-ai/gateway/build/start-server.js ]; then
    say "installing @portkey-ai/gateway@1.15.2 from npm into bench/portkey"
    (cd bench/portkey && timeout 300 npm ci --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) \
      || { MISSING+=("@portkey-ai/gateway (npm install failed, see $WORK/npm.log): Portkey peer skipped"); ONLY="${ONLY//portkey/}"; }
  fi
fi
for m in "${MISSING[@]:-}"; do [ -n "$m" ] && say "MISSING: $m"; done

say "building Gearbox and the bench tools"
./gearbox --version >/dev/null
./mvnw -q -B -f bench/pom.xml package -DskipTests >"$WORK/bench-build.log" 2>&1 || { cat "$WORK/bench-build.log" >&2; exit 1; }
BENCH_CP="bench/target/gearbox-bench.jar:$(cat bench/target/classpath.txt)"
BENCH_JAVA=("$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xmx256m -cp "$BENCH_CP")

wait_port() { # port, name: up to 30 s
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  say "$2 did not start on port $1"; return 1
}
proc_cpu_ticks() { # sum of utime+stime over the given pids
  local t=0; for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat")))
  done; echo "$t"
}
proc_rss_mb() { # sum of peak RSS (VmHWM) over the given pids
  local k=0; for p in "$@"; do
    [ -r "/proc/$p/status" ] && k=$((k + $(awk '/VmHWM/{print $2}' "/proc/$p/status")))
  done; echo $((k / 1024))
}
tree_pids() { # a pid and its descendants
  local out="$1"; for c in $(pgrep -P "$1" 2>/dev/null); do out="$out $(tree_pids "$c")"; done; echo "$out"
}

# ---- the mock upstream ------------------------------------------------------------------------
"${BENCH_JAVA[@]}" dev.gearbox.bench.MockUpstream "$MOCK_PORT" "$CHUNKS" "$CHUNK_GAP_MS" >"$WORK/mock.log" 2>&1 &
MOCK_PID=$!; PIDS+=("$MOCK_PID")
wait_port "$MOCK_PORT" "mock upstream"

# ---- the systems --------------------------------------------------------------------------------
start_nginx() {
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  upstream mock { server 127.0.0.1:$MOCK_PORT; keepalive 256; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
NGINX
  nginx -c "$WORK/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1 &
  PIDS+=($!); SYS_PID=$!
  wait_port "$NGINX_PORT" nginx
}
start_vertx() { # the same JVM and flags as ./gearbox
  "$JAVA" --enable-native-access=ALL-UNNAMED ${GEARBOX_JAVA_OPTS:--XX:+UseG1GC -Xms128m -Xmx512m -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m} \
    -cp "$BENCH_CP" dev.gearbox.bench.VertxFloor "$VERTX_PORT" "$MOCK_PORT" >"$WORK/vertx.log" 2>&1 &
  PIDS+=($!); SYS_PID=$!
  wait_port "$VERTX_PORT" "vertx floor"
}
start_portkey() {
  (cd bench/portkey && exec node node_modules/@portkey-ai/gateway/build/start-server.js --port="$PORTKEY_PORT" --headless) \
    >"$WORK/portkey.log" 2>&1 &
  PIDS+=($!); SYS_PID=$!
  wait_port "$PORTKEY_PORT" portkey
}
start_gearbox() {
  bench_gearbox_yaml "$GEARBOX_PORT" "$MOCK_PORT" >"$WORK/gearbox.yaml"
  # provider keys come only from the environment or a file (a key in the YAML is refused)
  BENCH_UPSTREAM_KEY=sk-bench-upstream GEARBOX_NO_REBUILD=1 ./gearbox serve --config "$WORK/gearbox.yaml" >"$WORK/gearbox.log" 2>&1 &
  PIDS+=($!); SYS_PID=$!
  wait_port "$GEARBOX_PORT" gearbox || { tail -20 "$WORK/gearbox.log" >&2; exit 1; }
}

RAW="$WORK/raw.jsonl"; : >"$RAW"
measure() { # system, url, pids-function, headers...
  local sys="$1" url="$2"; shift 2
  local hdr=("$@")
  local pids; pids="$(tree_pids "$SYS_PID")"
  local c0; c0=$(proc_cpu_ticks $pids)
  local served=0
  # throughput: closed loop, 64 connections (wrk)
  if command -v wrk >/dev/null; then
    { echo 'wrk.method = "POST"'
      echo "wrk.body = '$(cat "$WORK/body.json")'"
      echo 'wrk.headers["content-type"] = "application/json"'
      echo 'wrk.headers["authorization"] = "Bearer sk-bench"'
      for h in "${hdr[@]:-}"; do [ -n "$h" ] && [[ "$h" != x-bench-model:* ]] && echo "wrk.headers[\"${h%%:*}\"] = \"${h#*: }\""; done
    } >"$WORK/$sys.lua"
    sed -i "s/\"model\":\"[^\"]*\"/\"model\":\"$(model_for "${hdr[@]:-}")\"/" "$WORK/$sys.lua"
    # warm-up, not measured: every system gets the same (the JVMs compile their hot paths here)
    timeout $((WARM_SECONDS + 30)) wrk -t2 -c"$CONNS" -d"${WARM_SECONDS}s" --timeout 10s -s "$WORK/$sys.lua" "$url" >"$WORK/$sys.warm" 2>&1 || true
    c0=$(proc_cpu_ticks $pids)
    timeout $((TP_SECONDS + 30)) wrk -t2 -c"$CONNS" -d"${TP_SECONDS}s" --timeout 10s -s "$WORK/$sys.lua" "$url" >"$WORK/$sys.wrk" 2>&1 || true
    local rps reqs non2xx sockerr
    rps=$(awk '/Requests\/sec/{print $2}' "$WORK/$sys.wrk"); reqs=$(awk '/requests in/{print $1}' "$WORK/$sys.wrk")
    non2xx=$(awk '/Non-2xx/{print $5}' "$WORK/$sys.wrk"); sockerr=$(awk -F'[ ,]+' '/Socket errors/{print $4+$6+$8+$10}' "$WORK/$sys.wrk")
    served=$((served + ${reqs:-0}))
    echo "{\"system\":\"$sys\",\"phase\":\"throughput\",\"rps\":${rps:-0},\"requests\":${reqs:-0},\"errors\":$(( ${non2xx:-0} + ${sockerr:-0} ))}" >>"$RAW"
    say "$sys throughput: ${rps:-?} req/s"
  fi
  local hargs=(); for h in "${hdr[@]:-}"; do [ -n "$h" ] && hargs+=(-H "$h"); done
  # latency added at a fixed open-loop rate
  local lat; lat=$(timeout $((LAT_SECONDS + LAT_WARMUP + 60)) "${BENCH_JAVA[@]}" dev.gearbox.bench.LoadGen latency "$url" "$RATE" "$LAT_SECONDS" "$LAT_WARMUP" "${hargs[@]}" $(paired "$sys") || echo '{"ok":0,"errors":1}')
  echo "{\"system\":\"$sys\",\"phase\":\"latency\",${lat#\{}" >>"$RAW"
  served=$((served + $(echo "$lat" | sed 's/.*"ok":\([0-9]*\).*/\1/')))
  say "$sys latency @${RATE}/s: $lat"
  local c1; c1=$(proc_cpu_ticks $pids)
  local hz; hz=$(getconf CLK_TCK)
  local cpu; cpu=$(awk -v d=$((c1 - c0)) -v hz="$hz" -v n="$served" 'BEGIN{ if (n>0) printf "%.3f", d/hz/n*10000; else print 0 }')
  # streaming: time to first byte and total for a 200-chunk stream, after a warm-up of concurrent
  # streams (not measured; every system gets the same): the throughput warm-up sends no streams, and
  # 60 streams alone leave a JIT's per-stream code (setup, commit, attach) interpreted, which measures
  # compilation rather than the proxy (docs/benchmarks.md, 2026-12-07T08:30Z)
  if command -v wrk >/dev/null && [ -f "$WORK/$sys.lua" ] && [ "$STREAM_WARM_SECONDS" -gt 0 ]; then
    sed 's/"stream":false/"stream":true/' "$WORK/$sys.lua" >"$WORK/$sys.stream.lua"
    timeout $((STREAM_WARM_SECONDS + 30)) wrk -t2 -c"$CONNS" -d"${STREAM_WARM_SECONDS}s" --timeout 10s -s "$WORK/$sys.stream.lua" "$url" >"$WORK/$sys.stream.warm" 2>&1 || true
    local snon2xx ssockerr
    snon2xx=$(awk '/Non-2xx/{print $5}' "$WORK/$sys.stream.warm"); ssockerr=$(awk -F'[ ,]+' '/Socket errors/{print $4+$6+$8+$10}' "$WORK/$sys.stream.warm")
    echo "{\"system\":\"$sys\",\"phase\":\"stream_warm\",\"rps\":$(awk '/Requests\/sec/{print $2}' "$WORK/$sys.stream.warm" | grep . || echo 0),\"errors\":$(( ${snon2xx:-0} + ${ssockerr:-0} ))}" >>"$RAW"
  fi
  local st; st=$(timeout $((STREAMS * 5 + 60)) "${BENCH_JAVA[@]}" dev.gearbox.bench.LoadGen stream "$url" "$STREAMS" "${hargs[@]}" $(paired "$sys") || echo '{"errors":1}')
  echo "{\"system\":\"$sys\",\"phase\":\"stream\",${st#\{}" >>"$RAW"
  say "$sys stream: $st"
  echo "{\"system\":\"$sys\",\"phase\":\"proc\",\"cpu_s_per_10k\":$cpu,\"rss_mb\":$(proc_rss_mb $(tree_pids "$SYS_PID"))}" >>"$RAW"
}
# every proxy's latency and streams are measured paired with the direct call in the same seconds
# (LoadGen --direct): on a shared machine the direct call's own p99 drifts by a millisecond between minutes
paired() { [ "$1" = none ] || echo "--direct http://127.0.0.1:$MOCK_PORT/v1/chat/completions"; }
model_for() { local m=gpt-4o-mini; for h in "$@"; do [[ "$h" == x-bench-model:* ]] && m="${h#*: }"; done; echo "$m"; }
echo '{"model":"gpt-4o-mini","stream":false,"messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Summarise in one sentence why the sky is blue."}]}' >"$WORK/body.json"

if want none; then SYS_PID=$MOCK_PID; measure none "http://127.0.0.1:$MOCK_PORT/v1/chat/completions"; fi
if want nginx; then start_nginx; measure nginx "http://127.0.0.1:$NGINX_PORT/v1/chat/completions"; kill "$SYS_PID"; fi
if want vertx; then start_vertx; measure vertx "http://127.0.0.1:$VERTX_PORT/v1/chat/completions"; kill "$SYS_PID"; fi
if want portkey; then
  start_portkey
  measure portkey "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" \
    "x-portkey-provider: openai" "x-portkey-custom-host: http://127.0.0.1:$MOCK_PORT/v1"
  kill "$SYS_PID"
fi
GEARBOX_OK=1
if want gearbox; then
  start_gearbox
  measure gearbox "http://127.0.0.1:$GEARBOX_PORT/v1/chat/completions" "x-bench-model: auto"
  kill "$SYS_PID"
fi

mkdir -p bench/results
cp "$RAW" "bench/results/$NAME.raw.jsonl"
META="{\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\",\"cores\":$(nproc),\"cpu\":\"$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)\",\"mode\":\"$MODE\",\"commit\":\"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$( [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && echo '+changes')\",\"command\":\"bench/run.sh$( [ $QUICK = 1 ] && echo ' --quick')\",\"rate\":$RATE,\"connections\":$CONNS,\"stream_chunks\":$CHUNKS,\"stream_warm_seconds\":$STREAM_WARM_SECONDS,\"chunk_gap_ms\":$CHUNK_GAP_MS,\"load_before\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"missing\":\"${MISSING[*]:-}\"}"
"${BENCH_JAVA[@]}" dev.gearbox.bench.Report "$RAW" "bench/results/$NAME.json" "bench/results/$NAME.md" "$META"

if want gearbox; then
  errs=$(grep '"system":"gearbox"' "$RAW" | sed -n 's/.*"errors":\([0-9]*\).*/\1/p' | awk '{s+=$1} END{print s+0}')
  if [ "${errs:-0}" != 0 ]; then say "FAIL: Gearbox failed $errs requests (log: $WORK/gearbox.log)"; tail -20 "$WORK/gearbox.log" >&2; exit 1; fi
  say "Gearbox served every request"
fi
