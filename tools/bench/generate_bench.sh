#!/usr/bin/env bash
# Generation speed (issue 9, point 4): milliseconds per character for `generate --length 100` and
# `--length 1000` on the character language model of examples/text-generation, each run in a fresh JVM,
# timed by generate itself once the model is loaded (--timing), so the JVM start is not counted (the JIT's
# warm-up is, and weighs most on 100 characters); then prints, in runs of 2,100 characters after 3,000
# untimed ones (--warmup), the cost per character at 100, 1,000 and 2,000 characters generated and checks
# that they are within 20 % of each other (stepping the recurrent state costs the same per character however
# long the text is). Exit status 1 if they are not.
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

# "timing: N tokens in T ms after loading the model (P ms per token, the prompt included; after the first
# token Q ms per token); tokens 101-200: A ms per token; tokens 1001-1100: B ms per token"
for length in 100 1000; do
  for run in $(seq 1 "$RUNS"); do
    "$RNN4J" generate "$WORK/lm/model.rnn4j" --length "$length" --seed "$run" --timing > /dev/null 2> "$WORK/err.txt" \
      || { cat "$WORK/err.txt" >&2; exit 1; }
    line=$(grep '^timing: ' "$WORK/err.txt") || { cat "$WORK/err.txt" >&2; exit 1; }
    echo "--length $length run $run: $(sed 's/.*(\([0-9.]*\) ms per token.*/\1/' <<< "$line") ms per character, JIT warm-up included"
  done
done
# The per-character cost as the text grows, in one JVM: tokens 101-200, 1001-1100 and 2001-2100 of a
# 2,100-character run that follows 3,000 untimed characters (`--warmup 3000`: the JIT has compiled the kernels
# by then, so what is compared is the cost of a step, not the compiler's progress). Stepping the recurrent
# state keeps the three within 20 % of each other; re-reading a growing context would grow tenfold from 100
# to 1,000. Checked: the median over runs of the largest ratio between the three is at most 1.20.
worst=()
for run in $(seq 1 "$RUNS"); do
  "$RNN4J" generate "$WORK/lm/model.rnn4j" --length 2100 --warmup 3000 --seed "$run" --timing > /dev/null \
    2> "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; exit 1; }
  line=$(grep '^timing: ' "$WORK/err.txt") || { cat "$WORK/err.txt" >&2; exit 1; }
  at100=$(sed 's/.*tokens 101-200: \([0-9.]*\) ms.*/\1/' <<< "$line")
  at1000=$(sed 's/.*tokens 1001-1100: \([0-9.]*\) ms.*/\1/' <<< "$line")
  at2000=$(sed 's/.*tokens 2001-2100: \([0-9.]*\) ms.*/\1/' <<< "$line")
  spread=$(python3 -c "v = [$at100, $at1000, $at2000]; print(f'{max(v) / min(v):.2f}')")
  echo "--length 2100 after 3,000 warm-up characters, run $run: ms per character at 100 characters $at100, at 1,000 $at1000, at 2,000 $at2000 (largest / smallest x$spread)"
  worst+=("$spread")
done
median=$(printf '%s\n' "${worst[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
if python3 -c "import sys; sys.exit(0 if $median <= 1.20 else 1)"; then
  echo "median largest / smallest x$median: the cost per character at 100, 1,000 and 2,000 characters is within 20 %"
else
  echo "median largest / smallest x$median: the cost per character differs by more than 20 % between 100, 1,000 and 2,000 characters"
  exit 1
fi
