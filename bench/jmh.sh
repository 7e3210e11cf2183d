#!/usr/bin/env bash
# JMH microbenchmarks of Gearbox's hot path. Extra arguments go to JMH, e.g.
#   bench/jmh.sh -prof gc            allocation per operation
#   bench/jmh.sh routeRules -f 1     one benchmark
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/jdk.sh
gearbox_find_jdk
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main "${@:-HotPathBenchmark}"
