#!/usr/bin/env bash
# Runs a benchmark main of the vector backend (never part of `mvn verify`).
#   backends/vector/bench.sh                          # RecurrentBench: W1/W2/W3/W4-like layer timings
#   backends/vector/bench.sh io.rnn4j.backend.vector.bench.TrainStepBench 20
#   backends/vector/bench.sh io.rnn4j.backend.vector.GemmBench
# Compiles the main classes of this worktree in one reactor build (so that its own core, layers, cpu
# and testkit classes are used, not whatever snapshot jars another checkout left in ~/.m2), then the
# test sources with javac.
set -euo pipefail
cd "$(dirname "$0")/../.."
main="${1:-io.rnn4j.backend.vector.bench.RecurrentBench}"
shift || true
mvn -B -o -q -pl backends/vector -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
cp="backends/vector/target/classes:$(cat backends/vector/target/cp.txt)"
out=backends/vector/target/bench-classes
rm -rf "$out" && mkdir -p "$out"
javac -nowarn -XDsuppressNotes --add-modules jdk.incubator.vector -d "$out" -cp "$cp" \
    $(find backends/vector/src/test/java -name '*.java') 2>&1 | grep -v -e 'incubating' -e '^1 warning' || true
exec java --add-modules jdk.incubator.vector -cp "$out:$cp" "$main" "$@"
