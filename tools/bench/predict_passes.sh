#!/usr/bin/env bash
# Runs `rnn4j predict` PASSES times in one JVM (tools/bench/PredictPasses.java): pass 1 is what a fresh call
# costs (JIT warm-up included), the later passes the rate once the kernels are compiled (issue 9, point 3).
#
#   tools/bench/predict_passes.sh 4 predict MODEL --input FILE --output OUT [predict options]
#
# Build first: mvn -B -q package -DskipTests. JVM options as for rnn4j: RNN4J_JAVA_OPTS (default -Xmx4g).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$(ls "$ROOT"/cli/target/rnn4j-cli-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1 || true)"
[[ -n "$JAR" ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 3; }
# shellcheck disable=SC2086
exec java ${RNN4J_JAVA_OPTS:--Xmx4g} --add-modules jdk.incubator.vector -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$JAR:$ROOT/cli/target/lib/*" "$ROOT/tools/bench/PredictPasses.java" "$@"
