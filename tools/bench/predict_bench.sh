#!/usr/bin/env bash
# Predict speed and memory on 10,000 lines (issue 9, point 3), each run in a fresh JVM.
#
# usage: tools/bench/predict_bench.sh [RUNS] [WORKDIR]      (defaults: 3, /tmp/rnn4j-predict-bench)
#
# Trains the sentiment example and the forecasting example into WORKDIR (or reuses the models already
# there; forecasting with difference: 0), writes 10,000-line inputs (sentiment: the reviews of the example's
# test and train files, cycled; forecasting: every 24-month window of the air-passengers series, cycled),
# then runs
#   rnn4j predict MODEL --input FILE --output OUT [--batch-size N]
# RUNS times per model and prints, per run, the rate predict measures itself once the model is loaded
# ("steady": lines / seconds after loading), the rate end to end from the JVM's start (what a single
# 10,000-line call costs), and the peak resident memory (/usr/bin/time -f %M). Extra predict options can be
# given in PREDICT_OPTS (e.g. PREDICT_OPTS="--batch-size 256"). Build first: mvn -B -q package -DskipTests
set -euo pipefail
RUNS="${1:-3}"
WORK="${2:-/tmp/rnn4j-predict-bench}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RNN4J="$ROOT/rnn4j"
TIME=/usr/bin/time
[[ -x "$TIME" ]] || { echo "needs GNU time at /usr/bin/time (Debian package 'time')" >&2; exit 2; }
mkdir -p "$WORK"

train() { # NAME EXPERIMENT [TRAIN OPTIONS]
  if [[ ! -f "$WORK/$1/model.rnn4j" ]]; then
    echo "training $1 (once; reused by later runs) ..." >&2
    "$RNN4J" train "$ROOT/$2" --out "$WORK/$1" --overwrite "${@:3}" > "$WORK/train-$1.log" 2>&1 \
      || { tail -20 "$WORK/train-$1.log" >&2; exit 1; }
  fi
}
train sentiment examples/sentiment/experiment.yaml
# without differencing, a window of 24 values is the whole input of one line
train forecast examples/forecasting/experiment.yaml --set data.difference=0

python3 - "$ROOT/examples/data" "$WORK" <<'PY'
import csv, json, sys
data, work = sys.argv[1], sys.argv[2]
texts = []
for f in ("fine_foods_test.csv", "fine_foods_train.csv"):
    with open(f"{data}/{f}", newline="", encoding="utf-8") as h:
        texts += [r["review"] for r in csv.DictReader(h)]
with open(f"{work}/sentiment-10k.jsonl", "w", encoding="utf-8") as o:
    for i in range(10000):
        o.write(json.dumps({"text": texts[i % len(texts)]}) + "\n")
with open(f"{data}/air_passengers.csv", newline="") as h:
    series = [float(r["passengers"]) for r in csv.DictReader(h)]
windows = [series[i:i + 24] for i in range(len(series) - 24 + 1)]
with open(f"{work}/forecast-10k.jsonl", "w") as o:
    for i in range(10000):
        o.write(json.dumps({"x": [[v] for v in windows[i % len(windows)]]}) + "\n")
PY

for name in sentiment forecast; do
  for run in $(seq 1 "$RUNS"); do
    # shellcheck disable=SC2086
    "$TIME" -f "%M" -o "$WORK/rss.txt" "$RNN4J" predict "$WORK/$name/model.rnn4j" --input "$WORK/$name-10k.jsonl" \
      --output "$WORK/$name-out.jsonl" ${PREDICT_OPTS:-} > /dev/null 2> "$WORK/err.txt" \
      || { cat "$WORK/err.txt" >&2; exit 1; }
    kb=$(tail -n 1 "$WORK/rss.txt")
    # "timing: 10000 lines in S s after loading the model (R lines/s, C s of CPU); loading L s; E s from the start of the JVM (Q lines/s end to end)"
    sed -n 's/^timing: \([0-9]*\) lines in \([0-9.]*\) s after loading the model (\([0-9,]*\) lines\/s.*; loading \([0-9.]*\) s; \([0-9.]*\) s from the start of the JVM (\([0-9,]*\) lines\/s end to end)$/\1 \2 \3 \4 \5 \6/p' "$WORK/err.txt" \
      | { read -r lines secs rate load whole e2e || { cat "$WORK/err.txt" >&2; exit 1; }
          echo "$name run $run: steady $rate lines/s ($lines lines in $secs s after a $load s load); end to end $e2e lines/s ($whole s); peak RSS $((kb / 1024)) MB"; }
  done
done
