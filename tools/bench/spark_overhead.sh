#!/usr/bin/env bash
# The README's "What a step costs" table (Scaling out): BENCHMARKS.md's W1 trained for 5 warm-up and 20
# timed steps on one JVM (1 and 2 threads) and on Spark local[2] (K = 1 worker with spark.task.cpus=2, K = 2
# workers with 1 cpu each), every configuration in a fresh JVM, ROUNDS rounds interleaved. Prints
# io.rnn4j.spark.OverheadBench's line for each run (ms per step, seq/s, and per Spark job the slowest
# worker's compute, broadcast, Spark's own overhead, aggregation + update).
#
# usage: tools/bench/spark_overhead.sh [ROUNDS]      (default 2)
# On a machine shared with other work, run it as `chrt -f 10 tools/bench/spark_overhead.sh` so that the
# other processes get the cores only when the benchmark waits.
# Build first: mvn -B -q install -DskipTests (or package; the spark module's test classes are compiled here).
set -euo pipefail
ROUNDS="${1:-2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mvn -B -o -q -pl spark -am test-compile dependency:build-classpath -Dmdep.outputFile=target/spark-cp.txt \
    -Dmdep.includeScope=test >/dev/null
# the JVM options Spark needs on Java 17, as the parent POM gives them to the spark module's tests
OPENS="$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml | head -n 1)"
CP="spark/target/test-classes:spark/target/classes:$(cat spark/target/spark-cp.txt)"
for round in $(seq 1 "$ROUNDS"); do
  for mode in "single 1 vector" "single 2 vector" "spark 1 2 vector" "spark 2 1 vector"; do
    # shellcheck disable=SC2086
    line=$(java $OPENS -Xmx2g -cp "$CP" io.rnn4j.spark.OverheadBench $mode 2>/dev/null | tail -n 1)
    echo "round $round, $mode: $line"
  done
done
