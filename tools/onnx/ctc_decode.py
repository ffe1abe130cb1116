#!/usr/bin/env python3
"""Decode a CTC model exported by rnn4j in Python (ONNX Runtime + numpy), as onnx/README.md shows, and check it.

The exported graph ends with the per-step log-probabilities over the labels and the blank (output
``output`` [batch, time, classes + 1], zero at padded steps); decoding runs in the caller's code. This
file holds the README's greedy and prefix beam search decoders; run as a script it checks them against
rnn4j's Java decoders: onnx's CtcExportTest writes ``ctc_gru.onnx`` and ``ctc_gru.decoded.json`` (the
inputs, and the transcripts rnn4j decoded from its reference backend) to onnx/target/onnx-models/.

    mvn -B -o -q -pl core,layers,backends/cpu,onnx -am verify -Dtest=CtcExportTest -Dsurefire.failIfNoSpecifiedTests=false
    /tmp/pt/bin/python tools/onnx/ctc_decode.py onnx/target/onnx-models   # needs numpy and onnxruntime
"""
import json
import pathlib
import sys

import numpy as np


def greedy(logp, blank=0):
    """Best path: argmax per frame, collapse repeats, drop blanks. logp: [frames, classes + 1]."""
    best = logp.argmax(axis=-1)
    out, prev = [], -1
    for c in best:
        if c != blank and c != prev:
            out.append(int(c))
        prev = c
    return out


def beam(logp, blank=0, width=8):
    """Prefix beam search (Hannun et al. 2014): keep the `width` most likely label prefixes."""
    beams = {(): (0.0, -np.inf)}  # prefix -> (log P ending in blank, log P ending in its last label)
    for frame in logp:
        nxt = {}

        def add(prefix, which, value):
            b, nb = nxt.get(prefix, (-np.inf, -np.inf))
            nxt[prefix] = (np.logaddexp(b, value), nb) if which == 0 else (b, np.logaddexp(nb, value))

        for prefix, (b, nb) in beams.items():
            total = np.logaddexp(b, nb)
            add(prefix, 0, total + frame[blank])
            if prefix:
                add(prefix, 1, nb + frame[prefix[-1]])
            for c in range(len(frame)):
                if c != blank:
                    add(prefix + (c,), 1, (b if prefix and c == prefix[-1] else total) + frame[c])
        ranked = sorted(nxt.items(), key=lambda kv: (-np.logaddexp(*kv[1]), len(kv[0]), kv[0]))
        beams = dict(ranked[:width])
    return list(min(beams.items(), key=lambda kv: (-np.logaddexp(*kv[1]), len(kv[0]), kv[0]))[0])


def main(directory):
    import onnxruntime as ort
    d = pathlib.Path(directory)
    ref = json.loads((d / "ctc_gru.decoded.json").read_text())
    b, t, f = ref["shape"]
    x = np.array(ref["input"], np.float32).reshape(b, t, f)
    lens = np.array(ref["lengths"], np.int32)
    sess = ort.InferenceSession(str(d / "ctc_gru.onnx"), providers=["CPUExecutionProvider"])
    states = {i.name: np.zeros((i.shape[0], b, i.shape[2]), np.float32)
              for i in sess.get_inputs() if i.name.startswith("initial_")}
    logp = sess.run(["output"], {"input": x, "sequence_lens": lens, **states})[0]
    bad = 0
    for i in range(b):
        frames = logp[i, :lens[i]]
        g = greedy(frames, ref["blank"])
        bm = beam(frames, ref["blank"], ref["beam_width"])
        ok = g == ref["greedy"][i] and bm == ref["beam"][i]
        bad += not ok
        print("sequence %d: greedy %s beam %s %s" % (i, g, bm, "same as rnn4j" if ok else
                                                      "DIFFERS from rnn4j %s %s" % (ref["greedy"][i], ref["beam"][i])))
    print("%d passed, %d failed" % (b - bad, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "onnx/target/onnx-models"))
