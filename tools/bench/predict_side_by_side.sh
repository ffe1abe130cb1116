#!/usr/bin/env bash
# rnn4j predict against ONNX Runtime and PyTorch on the same 10,000 sentiment lines, interleaved round by round,
# each competitor in a fresh process (issue 9, point 3: what the 20,000 lines/s target asks, side by side).
#
#   tools/bench/predict_side_by_side.sh [ROUNDS] [WORKDIR]     (defaults: 2, /tmp/rnn4j-predict-bench)
#
# Needs the model and inputs of tools/bench/predict_bench.sh in WORKDIR (run it once first) and a Python with
# torch, onnxruntime, onnx and numpy in RNN4J_BENCH_PYTHON (default /tmp/pt/bin/python). Per round it runs:
#   rnn4j predict, fresh JVM (pass 1 of tools/bench/predict_passes.sh: what one call costs, JIT warm-up included)
#   rnn4j predict, warm (passes 2-8 in the same JVM: the JIT keeps improving the kernels for about five passes,
#   50,000 lines, before the rate settles)
#   ONNX Runtime, 1 and 2 threads; PyTorch (nn.GRU over packed batches), 1 and 2 threads: the model alone on the
#   same token ids in the same length-bucketed batches of 64 (tools/bench/ort_predict_bench.py; no JSON, no
#   tokenizing timed), each checked against rnn4j's probabilities (--check, 1e-4)
# Run it under `chrt -f 10` on a quiet machine.
set -euo pipefail
ROUNDS="${1:-2}"
WORK="${2:-/tmp/rnn4j-predict-bench}"
PY="${RNN4J_BENCH_PYTHON:-/tmp/pt/bin/python}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODEL="$WORK/sentiment/model.rnn4j"
LINES="$WORK/sentiment-10k.jsonl"
[[ -f "$MODEL" && -f "$LINES" ]] || { echo "run tools/bench/predict_bench.sh 1 $WORK first" >&2; exit 2; }
"$ROOT/rnn4j" predict "$MODEL" --input "$LINES" --output "$WORK/check.jsonl" 2>/dev/null
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round ($(date -u +%H:%M:%S) UTC)"
  "$ROOT/tools/bench/predict_passes.sh" 8 predict "$MODEL" --input "$LINES" --output "$WORK/out.jsonl" 2>&1 \
    | sed -n 's/^timing: \([0-9]*\) lines in \([0-9.]*\) s after loading the model (\([0-9,]*\) lines\/s.*/\3/p' \
    | awk '{ printf "rnn4j predict %s: %s lines/s after loading\n", NR == 1 ? "fresh JVM (pass 1)" : "warm (pass " NR ")", $1 }'
  for engine in onnxruntime torch; do
    for threads in 1 2; do
      "$PY" "$ROOT/tools/bench/ort_predict_bench.py" --engine "$engine" --dir "$WORK/sentiment" --data "$LINES" \
        --threads "$threads" --batch 64 --repeat 1 --rounds 3 --check "$WORK/check.jsonl" 2>/dev/null \
        | "$PY" -c 'import json,sys; r=json.load(sys.stdin); print("%s, %d thread%s, model only: %s lines/s" % (r["engine"], r["threads"], "s" if r["threads"] > 1 else "", " / ".join("%.0f" % x for x in r["lines_per_s"])))'
    done
  done
done
