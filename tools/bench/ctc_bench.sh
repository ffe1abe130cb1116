#!/usr/bin/env bash
# rnn4j's CTC loss against PyTorch's CPU F.ctc_loss, side by side, each in a fresh process, same machine.
# Same workload on both sides: forward + backward of log_softmax + CTC (mean), batch 32, 200 frames,
# 30 labels + blank, labels of 20; median ms per iteration after 10 warm-up ones.
# Build first: mvn -B -q package -DskipTests
#   bash tools/bench/ctc_bench.sh [iterations] [python]
# Prints each command before running it, each side's line, and the ratios (rnn4j ms / PyTorch ms).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-50}"
py="${2:-/tmp/pt/bin/python}"
jar="$(ls "$root"/cli/target/rnn4j-cli-*.jar | grep -v -e sources -e javadoc | head -n 1)"
echo "command: bash tools/bench/ctc_bench.sh $n $py"
echo "machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -n 1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"

# runs "$@" in a fresh process, echoing the command and its output; the median ms goes into $median
run() {
  echo "\$ $*"
  local out
  out="$("$@")"
  echo "$out"
  median="$(sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' <<<"$out" | head -n 1)"
  if [[ -z "$median" ]]; then
    echo "no median in the output above" >&2
    exit 1
  fi
}

run java -cp "$jar:$root/cli/target/lib/*" io.rnn4j.runtime.bench.CtcBench "$n"
rnn4j="$median"
run "$py" "$root/tools/bench/ctc_bench.py" "$n"
torch_all="$median"
run "$py" "$root/tools/bench/ctc_bench.py" "$n" 1
torch_one="$median"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v r="$rnn4j" -v a="$torch_all" -v o="$torch_one" 'BEGIN {
  printf "ratio rnn4j / PyTorch (default threads): %.2fx (%.3f ms / %.3f ms)\n", r / a, r, a
  printf "ratio rnn4j / PyTorch (1 thread):        %.2fx (%.3f ms / %.3f ms)\n", r / o, r, o
  print "(above 1: rnn4j is slower; below 1: faster)"
}'
