#!/usr/bin/env python3
"""ONNX Runtime's top k for a session after the exclude_seen filter, against `rnn4j predict`'s output.

The exported model outputs scores over all items; `exclude_seen` is post-processing. This runs the exported
ONNX file with onnxruntime (independently of rnn4j), leaves <pad>, <unk> and the session's own items out of the
last step's ranking, and compares the top k with the items `rnn4j predict` wrote for the same session.

Usage (a model trained with exclude_seen: true; the vocabulary is the archive's data/vocabulary.json):
  unzip -o out/model.rnn4j data/vocabulary.json -d /tmp/m
  echo '{"items": ["2571", "1196", "260"]}' > s.jsonl && ./rnn4j predict out/model.rnn4j --input s.jsonl > p.json
  python3 tools/reference/session_onnx_topk.py out/gru4rec.onnx /tmp/m/data/vocabulary.json p.json 2571 1196 260
"""
import json
import sys

import numpy as np
import onnxruntime as ort

onnx_file, vocabulary, predicted, items = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
tokens = json.load(open(vocabulary, encoding="utf-8"))["tokens"]
ids = {t: i for i, t in enumerate(tokens)}
known = [ids[i] for i in items if i in ids]
s = ort.InferenceSession(onnx_file)
feeds = {}
for i in s.get_inputs():
    kind = np.int64 if "int64" in i.type else np.int32 if "int32" in i.type else np.float32
    if i.name == "input":
        feeds[i.name] = np.array([known], dtype=kind)
    elif i.name == "sequence_lens":
        feeds[i.name] = np.array([len(known)], dtype=kind)
    else:  # an initial state: zeros [layers, batch, units]
        feeds[i.name] = np.zeros([d if isinstance(d, int) else 1 for d in i.shape], dtype=kind)
scores = s.run(["output"], feeds)[0][0, -1]
order = sorted(range(len(scores)), key=lambda j: (-scores[j], j))
rnn4j = [e["item"] for e in json.loads(open(predicted, encoding="utf-8").readline())["next"]]
top = [tokens[j] for j in order if j > 1 and j not in set(known)][:len(rnn4j)]
unfiltered = [tokens[j] for j in order if j > 1][:len(rnn4j)]
print(json.dumps({"same_top_k": top == rnn4j, "k": len(rnn4j),
                  "session_items_in_unfiltered_top_k": [t for t in unfiltered if t in items]}))
sys.exit(0 if top == rnn4j else 1)
