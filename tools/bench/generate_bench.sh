#!/usr/bin/env bash
# Generation speed (issue 9, point 4): milliseconds per character for `generate --length 100` and
# `--length 1000` on the character language model of examples/text-generation, each run in a fresh JVM,
# timed by generate itself once the model is loaded (--timing), so the JVM start is not counted; then checks
# that the cost per character at 1,000 is within 20 % of the cost at 100 (stepping the recurrent state
# costs the same per character however long the text is). Exit status 1 if it is not.
#
# usage: tools/bench/generate_bench.sh [RUNS] [WORKDIR]      (defaults: 3, /tmp/rnn4j-generate-bench)
#
# The model is the example's architecture (embedding 32, 2 x LSTM 192) trained for one epoch on the first
# 60,000 characters of the example's text (the speed does not depend on how well it is trained); it is
# trained once and reused. Build first: mvn -B -q package -DskipTests
set -euo pipefail
RUNS="${1:-3}"
WORK="${2:-/tmp/rnn4j-generate-bench}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RNN4J="$ROOT/rnn4j"
mkdir -p "$WORK"
if [[ ! -f "$WORK/lm/model.rnn4j" ]]; then
  echo "training the language model (once; reused by later runs) ..." >&2
  head -c 60000 "$ROOT/examples/data/pride_and_prejudice.txt" > "$WORK/corpus.txt"
  "$RNN4J" train "$ROOT/examples/text-generation/experiment.yaml" --out "$WORK/lm" --overwrite \
    --set "data.train=$WORK/corpus.txt" --set training.epochs=1 > "$WORK/train.log" 2>&1 \
    || { tail -20 "$WORK/train.log" >&2; exit 1; }
fi

# "timing: N tokens in T ms after loading the model (P ms per token, the prompt included; after the first token Q ms per token)"
declare -A per
for length in 100 1000; do
  all=()
  for run in $(seq 1 "$RUNS"); do
    "$RNN4J" generate "$WORK/lm/model.rnn4j" --length "$length" --seed "$run" --timing > /dev/null 2> "$WORK/err.txt" \
      || { cat "$WORK/err.txt" >&2; exit 1; }
    line=$(grep '^timing: ' "$WORK/err.txt") || { cat "$WORK/err.txt" >&2; exit 1; }
    ms=$(sed 's/.*(\([0-9.]*\) ms per token.*/\1/' <<< "$line")
    echo "length $length run $run: $ms ms per character ($line)"
    all+=("$ms")
  done
  per[$length]=$(printf '%s\n' "${all[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "length $length: median ${per[$length]} ms per character over $RUNS runs"
done
python3 - "${per[100]}" "${per[1000]}" <<'PY'
import sys
short, long_ = float(sys.argv[1]), float(sys.argv[2])
ratio = long_ / short
ok = abs(ratio - 1) <= 0.20
print(f"ms per character at 1,000 / at 100: {ratio:.2f} ({'within' if ok else 'NOT within'} 20 %)")
sys.exit(0 if ok else 1)
PY
