#!/usr/bin/env bash
# rnn4j's CTC loss against PyTorch's CPU F.ctc_loss, side by side, each in a fresh process, same machine.
# Build first: mvn -B -q package -DskipTests
#   bash tools/bench/ctc_bench.sh [iterations] [python]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-50}"
py="${2:-/tmp/pt/bin/python}"
jar="$(ls "$root"/cli/target/rnn4j-cli-*.jar | grep -v -e sources -e javadoc | head -n 1)"
echo "machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -n 1)"
java -cp "$jar:$root/cli/target/lib/*" io.rnn4j.runtime.bench.CtcBench "$n"
"$py" "$root/tools/bench/ctc_bench.py" "$n"
"$py" "$root/tools/bench/ctc_bench.py" "$n" 1
