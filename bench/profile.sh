#!/usr/bin/env bash
# Where Gearbox's time goes under load: starts the bench's mock upstream and Gearbox with the bench's
# config (bench/run.sh), warms it with wrk, reads CPU seconds per 10k requests from /proc over a
# wrk run, then records JFR (settings=profile) over a second wrk run and prints the hottest frames.
#   bench/profile.sh [SECONDS]      (default 20; needs wrk, which bench/run.sh installs)
# Output: target/profile/gearbox.jfr, target/profile/top.txt. Loopback only; every loop bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh; gearbox_find_jdk
. bench/gearbox-config.sh
SECS="${1:-20}"
JAVA="$JAVA_HOME/bin/java"
command -v wrk >/dev/null || { echo "profile: wrk missing (Debian package wrk; bench/run.sh installs it)" >&2; exit 2; }
OUT=target/profile; mkdir -p "$OUT"
MOCK_PORT=18110; GB_PORT=18113
WORK="$(mktemp -d /tmp/gearbox-profile.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
./gearbox --version >/dev/null
./mvnw -q -B -f bench/pom.xml package -DskipTests
CP="bench/target/gearbox-bench.jar:$(cat bench/target/classpath.txt)"
"$JAVA" -XX:+UseSerialGC -Xmx256m -cp "$CP" dev.gearbox.bench.MockUpstream "$MOCK_PORT" 200 1 >"$WORK/mock.log" 2>&1 &
PIDS+=($!)
bench_gearbox_yaml "$GB_PORT" "$MOCK_PORT" "$WORK/ledger.db" >"$WORK/gearbox.yaml"
BENCH_UPSTREAM_KEY=sk-bench-upstream GEARBOX_NO_REBUILD=1 ./gearbox serve --config "$WORK/gearbox.yaml" >"$WORK/gearbox.log" 2>&1 &
GB=$!; PIDS+=($GB)
for port in $MOCK_PORT $GB_PORT; do
  for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done
cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"model":"auto","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Summarise the following paragraph in two sentences: the quick brown fox jumps over the lazy dog while the cat watches from the window and the sun sets behind the hills."}],"max_tokens":200}'
wrk.headers["content-type"] = "application/json"
wrk.headers["authorization"] = "Bearer sk-bench"
LUA
run_wrk() { timeout $(( $1 + 30 )) wrk -t2 -c64 -d"$1s" --timeout 10s -s "$WORK/post.lua" "http://127.0.0.1:$GB_PORT/v1/chat/completions"; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
echo "profile: warm-up 20 s" >&2; run_wrk 20 >/dev/null
thread_ticks() { for t in /proc/$GB/task/*; do echo "$(cat $t/comm | tr ' ' '_') $(sed 's/.*) //' $t/stat | awk '{print $12+$13}')"; done | awk '{s[$1]+=$2} END{for (k in s) print k, s[k]}' | sort; }
thread_ticks >"$WORK/threads0"
t0=$(ticks $GB); run_wrk 15 >"$WORK/wrk.txt"; t1=$(ticks $GB)
thread_ticks >"$WORK/threads1"
reqs=$(awk '/requests in/{print $1}' "$WORK/wrk.txt"); rps=$(awk '/Requests\/sec/{print $2}' "$WORK/wrk.txt")
hz=$(getconf CLK_TCK)
echo "profile: $rps req/s, $(awk -v t=$((t1 - t0)) -v hz=$hz -v r=$reqs 'BEGIN{printf "%.3f", t / hz / r * 10000}') CPU-s per 10k requests (15 s, 64 connections)" | tee "$OUT/top.txt" >&2
echo "== CPU share per thread (from /proc, over the 15 s run)" | tee -a "$OUT/top.txt"
join -a2 -e0 -o 0,1.2,2.2 "$WORK/threads0" "$WORK/threads1" | awk -v total=$((t1 - t0)) '{d=$3-$2; if (d > 0) printf "%6.2f%%  %s\n", 100*d/total, $1}' | sort -rn | head -12 | tee -a "$OUT/top.txt"
"$JAVA_HOME/bin/jcmd" "$GB" JFR.start name=p settings=profile filename="$PWD/$OUT/gearbox.jfr" >/dev/null
run_wrk "$SECS" >/dev/null
"$JAVA_HOME/bin/jcmd" "$GB" JFR.stop name=p >/dev/null
"$JAVA" -cp "$CP" dev.gearbox.bench.JfrTop "$OUT/gearbox.jfr" 30 | tee -a "$OUT/top.txt"
