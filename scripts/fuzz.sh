#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest target for a while each (coverage-guided), two targets at a time.
# Usage: scripts/fuzz.sh [seconds per target, default 20] [parallel runs, default 2]
# Jazzer fuzzes one target per JVM, so each target is its own Maven run. A finding fails the run and
# leaves the crashing input next to the seeds (src/test/resources/dev/gearbox/fuzz/<Class>Inputs/<method>/):
# fix the bug and commit the input, which then runs as a regression test in every build.
# Prints one line per target with its executions and corpus size (the figures in docs/security.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
gearbox_find_jdk
seconds="${1:-20}"
lanes="${2:-2}"
targets=(
  IngressFuzzTest#openAiChat IngressFuzzTest#anthropicMessages IngressFuzzTest#openAiResponses
  ProviderMappersFuzzTest#openAiAnswer ProviderMappersFuzzTest#openAiStream
  ProviderMappersFuzzTest#anthropicAnswer ProviderMappersFuzzTest#anthropicStream
  ProviderMappersFuzzTest#geminiAnswer ProviderMappersFuzzTest#geminiStream
)
./mvnw -B -ntp -q test-compile
mkdir -p target/fuzz

fuzz_one() { # target lane -> target/fuzz/<target>.log and .rc
  local t="$1" log="target/fuzz/${1/\#/.}"
  set +e
  JAZZER_FUZZ=1 ./mvnw -B -ntp -o surefire:test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.hooks=true -Djazzer.max_duration="${seconds}s" -DtempDir="surefire-fuzz-$2" >"$log.log" 2>&1
  echo $? >"$log.rc"
}

# Each lane has its own surefire temp directory: surefire deletes its directory when a run ends,
# which could remove the booter jar of the other lane's run starting at that moment.
for ((lane = 0; lane < lanes; lane++)); do
  (for ((i = lane; i < ${#targets[@]}; i += lanes)); do fuzz_one "${targets[$i]}" "$lane"; done) &
done
wait

status=0
for t in "${targets[@]}"; do
  log="target/fuzz/${t/\#/.}"
  # libFuzzer's last lines: "#N DONE cov: .. corp: n/size .." and "Done N runs in S second(s)".
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log.log" | tail -1 | awk '{print $2}')
  corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log.log" | tail -1 | awk '{print $2}')
  cov=$(grep -o 'cov: [0-9]*' "$log.log" | tail -1 | awk '{print $2}')
  if [ "$(cat "$log.rc")" = 0 ]; then result="no findings"; else result=FINDING; status=1; fi
  echo "fuzz $t: $result, ${runs:-?} executions in ${seconds}s, coverage ${cov:-?} edges, corpus ${corp:-?} (log: $log.log)"
  [ "$status" = 0 ] || grep -m3 -E 'FuzzTestFindingException|Test unit written' "$log.log" || true
done
exit $status
