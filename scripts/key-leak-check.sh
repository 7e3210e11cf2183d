#!/usr/bin/env bash
# Greps every output channel of a test run for planted provider keys; fails if one appears.
# Usage: scripts/key-leak-check.sh CAPTURED_OUTPUT...
# .ci/run exports OPENAI_API_KEY, ANTHROPIC_API_KEY and GEMINI_API_KEY set to planted values for the
# whole `mvnw verify` and captures its stdout/stderr; ProviderKeyLeakTest plants its own keys into
# real providers that echo them back. Every such key contains "gearbox-planted". Searched: the captured
# output, surefire and failsafe reports (with each test's stdout/stderr), every log, ledger and
# observation database and trace or metrics dump under target/ and under the system temp folder's
# gearbox files. Compiled classes and jars are skipped (the test's own constants live there).
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='gearbox-planted'
found=0
check() { # file
  if grep -a -n -- "$pattern" "$1" >/tmp/key-leak-hit.$$ 2>/dev/null; then
    echo "key-leak-check: planted key in $1:" >&2
    head -5 /tmp/key-leak-hit.$$ | cut -c1-300 >&2
    found=1
  fi
}
for f in "$@"; do [ -f "$f" ] && check "$f"; done
count=0
while IFS= read -r -d '' f; do
  check "$f"
  count=$((count + 1))
done < <(find target -type f \
  \( -path 'target/classes/*' -o -path 'target/test-classes/*' -o -name '*.jar' -o -name '*.class' \
     -o -path 'target/maven-status/*' -o -path 'target/generated-*' -o -name '*.lst' \) -prune -o -type f -print0 2>/dev/null)
rm -f /tmp/key-leak-hit.$$
if [ "$found" = 1 ]; then
  echo "key-leak-check: FAILED: a planted provider key reached an output channel" >&2
  exit 1
fi
echo "key-leak-check: no planted provider key in $# captured output file(s) and $count file(s) under target/"
