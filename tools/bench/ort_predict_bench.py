#!/usr/bin/env python3
"""The sentiment model's FLOPs per line, and ONNX Runtime's predict throughput on the same ONNX export.

What the state of the art reaches on this machine for the 20,000 lines/s target of `rnn4j predict` (issue 9,
point 3): the model rnn4j trained and exported (`rnn4j train examples/sentiment/experiment.yaml --out DIR`
writes DIR/model.rnn4j and DIR/sentiment.onnx) run by ONNX Runtime's CPU provider on the same token ids, in
batches of 64 lines as `rnn4j predict` batches them (length-bucketed inside windows of 16 batches; --no-bucket:
in file order).

The token ids are made here as rnn4j makes them: the archive's vocabulary (data/vocabulary.json), words as
`io.rnn4j.data.Tokenizer` cuts them (runs of Unicode letters and decimal digits, an apostrophe inside a word
kept, lower-cased), the first `max_length` of them, an empty text as [<unk>]. With --check OUT.jsonl (the
output of `rnn4j predict MODEL --input` on the same lines) every line's probabilities are compared with ONNX
Runtime's, which checks the ids and the export at once.

    python3 tools/bench/ort_predict_bench.py --dir DIR --data examples/data/fine_foods_test.csv \
        [--threads 1] [--batch 64] [--repeat 10] [--rounds 5] [--check rnn4j-out.jsonl]

prints the FLOPs per line (counted from the ONNX graph's GRU weights and the mean tokens per line), then
per round the lines/s over --repeat passes of the file, and one JSON object with all figures.

--engine torch times a PyTorch twin instead (nn.Embedding, nn.GRU over packed batches, masked max over steps,
nn.Linear), built from the ONNX file's weights (gate order z, r, h to PyTorch's r, z, n), on the same batches;
--check then compares the twin's probabilities with rnn4j's, an independent check of the exported model.
"""
import argparse
import csv
import io
import json
import re
import sys
import time
import unicodedata
import zipfile

import numpy as np
import onnx
import onnxruntime as ort
from onnx import numpy_helper

WORD = ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd")  # Java's Character.isLetterOrDigit


def words(s):
    """io.rnn4j.data.Tokenizer's word tokenizer."""
    out, start, n = [], -1, len(s)
    for i, c in enumerate(s):
        in_word = unicodedata.category(c) in WORD or (
            c in "'\u2019" and start >= 0 and i + 1 < n and unicodedata.category(s[i + 1]) in WORD)
        if in_word:
            if start < 0:
                start = i
        elif start >= 0:
            out.append(s[start:i])
            start = -1
    if start >= 0:
        out.append(s[start:])
    return out


def archive(path):
    with zipfile.ZipFile(path) as z:
        vocab = json.loads(z.read("data/vocabulary.json"))
        yaml = z.read("experiment.yaml").decode("utf-8")
    tokens = vocab["tokens"] if isinstance(vocab, dict) else vocab
    max_length = int(re.search(r"max_length:\s*(\d+)", yaml).group(1))
    lower = re.search(r"lowercase:\s*false", yaml) is None
    column = re.search(r"\btext:\s*([A-Za-z_][A-Za-z0-9_]*)", yaml).group(1)
    return {t: i for i, t in enumerate(tokens)}, max_length, lower, column


def encode(text, ids, max_length, lower):
    w = words(text.lower() if lower else text)
    x = [ids.get(t, 1) for t in w][:max_length]
    return x or [1]


def gru_flops(model_path):
    """FLOPs per token of every GRU node (input and recurrent products, biases and gates), summed over directions."""
    m = onnx.load(model_path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    total, parts = 0, []
    for node in m.graph.node:
        if node.op_type not in ("GRU", "LSTM", "RNN"):
            continue
        w, r = inits[node.input[1]], inits[node.input[2]]  # [dirs, gates*H, I], [dirs, gates*H, H]
        dirs, gh, i = w.shape
        h = r.shape[2]
        per_dir = 2 * gh * i + 2 * gh * h + 10 * gh  # two products, biases and the gate equations (about 10 per value)
        total += dirs * per_dir
        parts.append({"op": node.op_type, "directions": int(dirs), "input": int(i), "hidden": int(h),
                      "flops_per_token": int(dirs * per_dir)})
    return total, parts


def batches(lines, batch, bucket):
    """Batches of indices as rnn4j predict makes them: windows of 16 batches, sorted by length inside a window."""
    window = 16 * batch
    out = []
    for w0 in range(0, len(lines), window):
        idx = list(range(w0, min(len(lines), w0 + window)))
        if bucket:
            idx.sort(key=lambda i: len(lines[i]))
        out += [idx[k:k + batch] for k in range(0, len(idx), batch)]
    return out


def feed(session, lines, idx):
    n, t = len(idx), max(len(lines[i]) for i in idx)
    spec = {i.name: i for i in session.get_inputs()}
    x_type = spec["input"].type
    x = np.zeros((n, t), dtype=np.int64 if "int64" in x_type else np.int32 if "int32" in x_type else np.float32)
    lens = np.zeros((n,), dtype=np.int32)
    for k, i in enumerate(idx):
        x[k, :len(lines[i])] = lines[i]
        lens[k] = len(lines[i])
    f = {"input": x}
    if "sequence_lens" in spec:
        f["sequence_lens"] = lens.astype(np.int64) if "int64" in spec["sequence_lens"].type else lens
    for name, i in spec.items():
        if name not in f:
            f[name] = np.zeros([n if not isinstance(d, int) else d for d in i.shape], dtype=np.float32)
    return f


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def torch_twin(onnx_path):
    """The exported sentiment model (embedding, bidirectional GRU, masked max over steps, dense) in PyTorch."""
    import torch
    m = onnx.load(onnx_path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    gather = next(n for n in m.graph.node if n.op_type == "Gather" and n.input[0] in inits)
    gru = next(n for n in m.graph.node if n.op_type == "GRU")
    mm = next(n for n in m.graph.node if n.op_type == "MatMul")
    add = next(n for n in m.graph.node if n.op_type == "Add" and n.input[0] == mm.output[0])
    table, w, r, b = (inits[gather.input[0]], inits[gru.input[1]], inits[gru.input[2]], inits[gru.input[3]])
    dirs, gh, i = w.shape
    h = gh // 3
    if dirs != 2 or not any(a.name == "linear_before_reset" and a.i == 1 for a in gru.attribute):
        sys.exit("the torch twin expects one bidirectional GRU with linear_before_reset=1")
    zrh_to_rzn = np.r_[h:2 * h, 0:h, 2 * h:3 * h]  # ONNX gate order z, r, h; PyTorch r, z, n

    class Twin(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = torch.nn.Embedding.from_pretrained(torch.from_numpy(table))
            self.gru = torch.nn.GRU(i, h, batch_first=True, bidirectional=True)
            with torch.no_grad():
                for d, suffix in enumerate(("", "_reverse")):
                    getattr(self.gru, "weight_ih_l0" + suffix).copy_(torch.from_numpy(w[d][zrh_to_rzn]))
                    getattr(self.gru, "weight_hh_l0" + suffix).copy_(torch.from_numpy(r[d][zrh_to_rzn]))
                    getattr(self.gru, "bias_ih_l0" + suffix).copy_(torch.from_numpy(b[d][:gh][zrh_to_rzn]))
                    getattr(self.gru, "bias_hh_l0" + suffix).copy_(torch.from_numpy(b[d][gh:][zrh_to_rzn]))
            self.w = torch.from_numpy(inits[mm.input[1]])
            self.b = torch.from_numpy(inits[add.input[1]])

        def forward(self, x, lens):
            packed = torch.nn.utils.rnn.pack_padded_sequence(self.emb(x), lens, batch_first=True,
                                                             enforce_sorted=False)
            out, _ = self.gru(packed)
            out, _ = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True, padding_value=float("-inf"))
            return out.max(dim=1).values @ self.w + self.b

    return Twin().eval()


def torch_engine(a, onnx_path, lines, plan):
    """The PyTorch twin: (name, batches, run one batch, probabilities of one batch)."""
    import torch
    torch.set_num_threads(a.threads)
    torch.set_grad_enabled(False)
    twin = torch_twin(onnx_path)
    feeds = []
    for b in plan:
        x = torch.zeros((len(b), max(len(lines[i]) for i in b)), dtype=torch.long)
        for k, i in enumerate(b):
            x[k, :len(lines[i])] = torch.tensor(lines[i])
        feeds.append((b, (x, torch.tensor([len(lines[i]) for i in b]))))

    def run(f):
        return torch.softmax(twin(*f), dim=-1)  # autograd is off for the whole process (set_grad_enabled above)

    return "torch " + torch.__version__, feeds, run, lambda f: run(f).numpy()


def ort_engine(a, onnx_path, lines, plan):
    """ONNX Runtime's CPU provider on the exported file: (name, batches, run one batch, probabilities of one)."""
    so = ort.SessionOptions()
    so.intra_op_num_threads = a.threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(onnx_path, so, providers=["CPUExecutionProvider"])
    outs = [o.name for o in session.get_outputs()]
    out_name = "output" if "output" in outs else outs[0]
    feeds = [(b, feed(session, lines, b)) for b in plan]  # encoded once: what is timed is the model alone

    def run(f):
        return session.run([out_name], f)[0]

    def probs(f):
        y = run(f).reshape(f["input"].shape[0], -1)
        return y if np.allclose(y.sum(axis=-1), 1, atol=1e-4) and (y >= 0).all() else softmax(y)

    return "onnxruntime python " + ort.__version__, feeds, run, probs


def check(path, feeds, probs):
    """Every line's probabilities against rnn4j predict's output on the same lines (exits above 1e-4)."""
    with open(path, encoding="utf-8") as h:
        theirs = [json.loads(line) for line in h if line.strip()]
    worst = 0.0
    for b, f in feeds:
        p = probs(f)
        for k, i in enumerate(b):
            pr = theirs[i]["probabilities"]
            worst = max(worst, max(abs(float(p[k, j]) - v) for j, v in enumerate(pr.values())))
    print(f"--check: largest difference of a probability from rnn4j's: {worst:.2e}", file=sys.stderr)
    if worst > 1e-4:
        sys.exit("the token ids or the model differ from rnn4j's (difference above 1e-4)")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dir", required=True, help="the folder 'rnn4j train --out' wrote (model.rnn4j, *.onnx)")
    p.add_argument("--onnx", help="the ONNX file (default: the one *.onnx in --dir)")
    p.add_argument("--data", required=True, help="a CSV with the text column, or JSON Lines of {\"text\": ...}")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--repeat", type=int, default=10, help="passes over the file per round")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--no-bucket", action="store_true")
    p.add_argument("--check", help="rnn4j predict's output on the same lines: probabilities must agree")
    p.add_argument("--engine", choices=["onnxruntime", "torch"], default="onnxruntime",
                   help="torch: a PyTorch twin (nn.Embedding, nn.GRU over a packed batch, masked max over steps, "
                        "nn.Linear) with the ONNX file's weights, under torch.inference_mode")
    a = p.parse_args()

    import glob
    import os
    onnx_path = a.onnx or glob.glob(os.path.join(a.dir, "*.onnx"))[0]
    ids, max_length, lower, column = archive(os.path.join(a.dir, "model.rnn4j"))
    if a.data.endswith(".csv"):
        with open(a.data, newline="", encoding="utf-8") as h:
            texts = [r[column] for r in csv.DictReader(h)]
    else:
        with open(a.data, encoding="utf-8") as h:
            texts = [json.loads(line)["text"] for line in h if line.strip()]
    lines = [encode(t, ids, max_length, lower) for t in texts]
    tokens = sum(len(x) for x in lines) / len(lines)
    per_token, parts = gru_flops(onnx_path)
    flops_line = per_token * tokens
    plan = batches(lines, a.batch, not a.no_bucket)
    padded = sum(len(b) * max(len(lines[i]) for i in b) for b in plan) / len(lines)
    print(f"{len(lines)} lines, {tokens:.2f} tokens per line (max_length {max_length}), {padded:.2f} with padding "
          f"in batches of {a.batch}; recurrent layers {parts}", file=sys.stderr)
    print(f"FLOPs per line: {flops_line / 1e6:.3f} M ({per_token} per token); at 20,000 lines/s: "
          f"{20000 * flops_line / 1e9:.1f} GFLOP/s", file=sys.stderr)

    name, feeds, run, probs = (torch_engine if a.engine == "torch" else ort_engine)(a, onnx_path, lines, plan)
    if a.check:
        check(a.check, feeds, probs)
    for _, f in feeds[:20]:  # warm-up
        run(f)
    rates = []
    for r in range(a.rounds):
        t0 = time.perf_counter()
        for _ in range(a.repeat):
            for _, f in feeds:
                run(f)
        s = time.perf_counter() - t0
        rates.append(a.repeat * len(lines) / s)
        print(f"round {r + 1}: {rates[-1]:.0f} lines/s ({rates[-1] * flops_line / 1e9:.2f} GFLOP/s useful)",
              file=sys.stderr)
    print(json.dumps({"engine": name, "threads": a.threads, "batch": a.batch,
                      "bucketed": not a.no_bucket, "lines": len(lines), "tokens_per_line": tokens,
                      "padded_tokens_per_line": padded, "flops_per_token": per_token, "flops_per_line": flops_line,
                      "lines_per_s": rates}))


if __name__ == "__main__":
    main()
