#!/usr/bin/env bash
# Runs a benchmark main of the vector backend (never part of `mvn verify`).
#   backends/vector/bench.sh                          # RecurrentBench: W1/W2/W3/W4-like, vector vs cpu
#   backends/vector/bench.sh io.rnn4j.backend.vector.GemmBench
#   backends/vector/bench.sh io.rnn4j.backend.vector.bench.RecurrentBench 15 --no-cpu
# Builds with -am so that the classes of this worktree are used, not whatever snapshot jars are in ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/../.."
main="${1:-io.rnn4j.backend.vector.bench.RecurrentBench}"
shift || true
mvn -B -o -q -pl backends/vector -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
exec java --add-modules jdk.incubator.vector \
    -cp "backends/vector/target/test-classes:backends/vector/target/classes:$(cat backends/vector/target/cp.txt)" \
    "$main" "$@"
