#!/usr/bin/env python3
"""Fixtures for rnn4j's ONNX import: small PyTorch models of each pattern, exported by torch.onnx.export.

For every pattern below the script builds the module with random weights (fixed seed), exports it with
the TorchScript-based exporter (dynamo=False) and, where it works offline, with the dynamo-based one
(dynamo=True), and writes next to each <name>.onnx a <name>.json with the inputs and PyTorch's outputs:

    {"torch_version", "exporter", "pattern", "inputs": {name: {"shape", "dtype", "data"}},
     "input_layout": "batch_major" | "time_major", "lengths": [..] or null,
     "output": {"shape", "data"}, "output_layout": ..., "final": "none" | "softmax" | "log_softmax"}

The Java tests (onnx module, OnnxImportFixturesTest) import every fixture, run the imported network on the
reference backend and compare with "output" to 1e-5; they never run Python. index.json lists the fixtures.

It also writes unsupported.onnx (built with onnx.helper, not torch): an LSTM with peepholes and clip, a GRU
with non-default activations and an Erf node, for the refusal test; and keeps rnn_tanh_mean_dynamo.onnx (not in
the index): the dynamo exporter unrolls nn.RNN into per-step operators, which rnn4j refuses with a hint.

The *_packed_* patterns feed the recurrent module a PackedSequence (pack_padded_sequence with the graph input
'lengths', enforce_sorted=False) and read its output back with pad_packed_sequence: the TorchScript exporter writes
the RNN/LSTM/GRU node with a sequence_lens input (and TopK/ScatterElements/Gather to sort the batch by length and
back). PyTorch's output is the reference (computed on the packed batch, independent of ONNX); ONNX Runtime must
agree with it on the fixture's lengths and on three other length vectors. The dynamo exporter of torch 2.13 fails on
them (torch.export), and the TorchScript exporter fails on a PackedSequence output that is not read, so the h_n
pattern returns the padded sequence as a second graph output.

Run: /tmp/pt/bin/python tools/onnx/import_fixtures.py   (torch 2.13.0+cpu, onnx, onnxruntime)
"""
import json
import os
import sys
import warnings

import numpy as np
import torch
from torch import nn

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(REPO, "onnx", "src", "test", "resources", "io", "rnn4j", "onnx", "import")
B, T, F = 3, 5, 3


class Rec(nn.Module):
    """A recurrent model: [embedding] -> rnn -> [dense] -> linear on last step / every step / pooled / h_n."""

    def __init__(self, cell, hidden=4, layers=1, bidir=False, batch_first=True, reduce="last", out=3,
                 vocab=0, emb=0, nonlinearity="tanh", final="none", dense=0, state_input=False, packed=False):
        super().__init__()
        self.cell, self.reduce, self.batch_first, self.final = cell, reduce, batch_first, final
        self.state_input, self.packed = state_input, packed
        self.emb = nn.Embedding(vocab, emb) if vocab else None
        inp = emb if vocab else F
        kw = dict(input_size=inp, hidden_size=hidden, num_layers=layers, bidirectional=bidir, batch_first=batch_first)
        self.rnn = {"lstm": lambda: nn.LSTM(**kw), "gru": lambda: nn.GRU(**kw),
                    "rnn": lambda: nn.RNN(nonlinearity=nonlinearity, **kw)}[cell]()
        width = hidden * (2 if bidir else 1)
        self.dense = nn.Linear(width, dense) if dense else None
        self.fc = nn.Linear(dense or width, out)

    def forward(self, x, *extra):
        if self.emb is not None:
            x = self.emb(x)
        args = []
        lengths = None
        if self.packed:
            lengths = extra[0]
            x = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=self.batch_first, enforce_sorted=False)
        if self.state_input:
            args.append((extra[0], extra[1]) if self.cell == "lstm" else extra[0])
        y, h = self.rnn(x, *args)
        if self.packed:
            # padded steps of y are zeros; the reductions below read only each sequence's own steps
            y, _ = nn.utils.rnn.pad_packed_sequence(y, batch_first=self.batch_first, total_length=T)
        if self.cell == "lstm":
            h = h[0]
        if not self.batch_first:
            y = y.transpose(0, 1)  # [B, T, width]
        if self.reduce == "last" and self.packed:
            # each sequence's own last step (the usual idiom; [:, 0] rather than squeeze(1), which exports an If)
            idx = (lengths - 1).view(-1, 1, 1).expand(-1, 1, y.shape[2])
            v = y.gather(1, idx)[:, 0]
        elif self.reduce == "last":
            v = y[:, -1, :]
        elif self.reduce == "mean" and self.packed:
            v = y.sum(dim=1) / lengths.unsqueeze(1).to(y.dtype)
        elif self.reduce == "mean":
            v = y.mean(dim=1)
        elif self.reduce == "max":
            v = y.max(dim=1).values
        elif self.reduce == "h_n":
            v = torch.cat([h[-2], h[-1]], dim=1) if self.rnn.bidirectional else h[-1]
        else:  # every step
            v = y
        if self.dense is not None:
            v = torch.tanh(self.dense(v))
        v = self.fc(v)
        if self.reduce == "steps" and not self.batch_first:
            v = v.transpose(0, 1)  # back to time-major
        if self.final == "softmax":
            v = torch.softmax(v, dim=-1)
        elif self.final == "log_softmax":
            v = torch.log_softmax(v, dim=-1)
        if self.packed and self.reduce == "h_n":
            # torch 2.13's TorchScript exporter fails ("vector::_M_range_check") on a PackedSequence output that is
            # not read: the padded sequence is returned as a second graph output (the fixture compares the first)
            return v, y
        return v


PATTERNS = {
    # name: constructor kwargs
    "lstm_last": dict(cell="lstm"),
    "lstm_2layer_bi_hn": dict(cell="lstm", layers=2, bidir=True, reduce="h_n"),
    "gru_last_softmax": dict(cell="gru", final="softmax"),
    "gru_bi_steps_time_major": dict(cell="gru", bidir=True, batch_first=False, reduce="steps"),
    "rnn_tanh_mean": dict(cell="rnn", reduce="mean"),
    "rnn_relu_steps": dict(cell="rnn", nonlinearity="relu", reduce="steps", final="log_softmax"),
    "rnn_tanh_2layer_max": dict(cell="rnn", layers=2, reduce="max"),
    "embedding_lstm_bi_mean": dict(cell="lstm", bidir=True, reduce="mean", vocab=11, emb=5),
    "embedding_gru_hn_dense": dict(cell="gru", reduce="h_n", vocab=11, emb=5, dense=6),
    "gru_state_input_last": dict(cell="gru", layers=2, state_input=True),
    "lstm_state_input_steps": dict(cell="lstm", bidir=True, state_input=True, reduce="steps"),
    # fed a PackedSequence (pack_padded_sequence, enforce_sorted=False): the exported graph gives the recurrent
    # operators a sequence_lens input computed from the graph input 'lengths'
    "lstm_packed_steps": dict(cell="lstm", packed=True, reduce="steps"),
    "lstm_bi_packed_last": dict(cell="lstm", bidir=True, packed=True, reduce="last"),
    "lstm_bi_packed_hn": dict(cell="lstm", bidir=True, packed=True, reduce="h_n"),
    "gru_packed_mean": dict(cell="gru", packed=True, reduce="mean"),
    "gru_bi_packed_steps_time_major": dict(cell="gru", bidir=True, packed=True, batch_first=False, reduce="steps"),
    "gru_2layer_bi_packed_last": dict(cell="gru", layers=2, bidir=True, packed=True, reduce="last"),
    "rnn_tanh_packed_last": dict(cell="rnn", packed=True, reduce="last"),
    "rnn_relu_bi_packed_steps": dict(cell="rnn", nonlinearity="relu", bidir=True, packed=True, reduce="steps"),
    "rnn_tanh_bi_packed_mean": dict(cell="rnn", bidir=True, packed=True, reduce="mean"),
    "embedding_lstm_bi_packed_mean": dict(cell="lstm", bidir=True, packed=True, reduce="mean", vocab=11, emb=5),
}
# lengths of the packed fixtures: unsorted, one full, one of a single step
LENGTHS = [4, 1, 5]


def tensor(t, dtype):
    a = t.detach().numpy()
    return {"shape": list(a.shape), "dtype": dtype, "data": a.reshape(-1).tolist()}


def make(name, kw, seed):
    torch.manual_seed(seed)
    m = Rec(**kw).eval()
    with torch.no_grad():
        for p in m.parameters():
            p.uniform_(-0.6, 0.6)
    g = torch.Generator().manual_seed(seed + 1)
    bf = kw.get("batch_first", True)
    if kw.get("vocab"):
        x = torch.randint(0, kw["vocab"], (B, T) if bf else (T, B), generator=g)
    else:
        x = torch.rand((B, T, F) if bf else (T, B, F), generator=g) * 2 - 1
    inputs = {"x": x}
    names = ["x"]
    lengths = None
    if kw.get("packed"):
        lengths = torch.tensor(LENGTHS, dtype=torch.int64)
        inputs["lengths"] = lengths
        names.append("lengths")
    if kw.get("state_input"):
        dirs = 2 if kw.get("bidir") else 1
        rows = kw.get("layers", 1) * dirs
        inputs["h0"] = torch.rand((rows, B, kw.get("hidden", 4)), generator=g) * 2 - 1
        names.append("h0")
        if kw["cell"] == "lstm":
            inputs["c0"] = torch.rand((rows, B, kw.get("hidden", 4)), generator=g) * 2 - 1
            names.append("c0")
    with torch.no_grad():
        y = m(*[inputs[n] for n in names])
    if isinstance(y, tuple):
        y = y[0]
    return m, inputs, names, y, lengths


def export(m, inputs, names, path, dynamo):
    args = tuple(inputs[n] for n in names)
    dyn = {n: {0: "batch"} if n in ("x", "lengths") else {1: "batch"} for n in names}
    if dynamo:
        torch.onnx.export(m, args, path, input_names=names, output_names=["y"], dynamo=True, opset_version=18,
                          external_data=False)
    else:
        torch.onnx.export(m, args, path, input_names=names, output_names=["y"], dynamo=False, opset_version=17,
                          dynamic_axes=None)


def check_ort(path, inputs, y, m=None, names=None):
    """ONNX Runtime vs PyTorch on the fixture's inputs; for a graph with lengths also on other lengths (so that
    they are not baked into the graph)."""
    import onnxruntime as ort
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    feed = {i.name: inputs[i.name].numpy() for i in s.get_inputs()}
    got = s.run(None, feed)[0]
    diff = float(np.abs(got - y.numpy()).max())
    if "lengths" in inputs:
        for other in ([2, 5, 3], [5, 5, 5], [1, 1, 1]):
            again = dict(inputs, lengths=torch.tensor(other, dtype=torch.int64))
            with torch.no_grad():
                want = m(*[again[n] for n in names])
            want = want[0] if isinstance(want, tuple) else want
            got = s.run(None, {i.name: again[i.name].numpy() for i in s.get_inputs()})[0]
            diff = max(diff, float(np.abs(got - want.numpy()).max()))
    return diff


def unsupported(path):
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    H, I = 2, 3
    rng = np.random.default_rng(0)

    def init(name, shape):
        return numpy_helper.from_array(rng.uniform(-0.5, 0.5, shape).astype(np.float32), name)
    nodes = [
        helper.make_node("Transpose", ["x"], ["xt"], name="to_time_major", perm=[1, 0, 2]),
        helper.make_node("LSTM", ["xt", "W", "R", "B", "", "", "", "P"], ["y", "yh"], name="lstm_peephole",
                         hidden_size=H, clip=3.0, input_forget=1),
        helper.make_node("Squeeze", ["y", "axis1"], ["y3"], name="squeeze"),
        helper.make_node("GRU", ["y3", "Wg", "Rg"], ["yg", "yhg"], name="gru_hard_sigmoid", hidden_size=H,
                         activations=["HardSigmoid", "Tanh"]),
        helper.make_node("Erf", ["yhg"], ["out"], name="erf_1"),
    ]
    graph = helper.make_graph(nodes, "unsupported", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 4, I])],
                              [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)],
                              initializer=[init("W", (1, 4 * H, I)), init("R", (1, 4 * H, H)), init("B", (1, 8 * H)),
                                           init("P", (1, 3 * H)), init("Wg", (1, 3 * H, H)), init("Rg", (1, 3 * H, H)),
                                           numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, path)


def main():
    warnings.filterwarnings("ignore")
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".onnx") or f.endswith(".json"):
            os.remove(os.path.join(OUT, f))
    index = []
    for i, (name, kw) in enumerate(PATTERNS.items()):
        m, inputs, names, y, lengths = make(name, kw, 1000 + i)
        for dynamo in (False, True):
            fname = name + ("_dynamo" if dynamo else "_torchscript")
            path = os.path.join(OUT, fname + ".onnx")
            try:
                export(m, inputs, names, path, dynamo)
                diff = check_ort(path, inputs, y, m, names)
            except Exception as e:  # the dynamo exporter does not handle every pattern
                print("%-40s not exported: %s" % (fname, str(e).splitlines()[0][:150]))
                if os.path.exists(path):
                    os.remove(path)
                continue
            if dynamo and kw["cell"] == "rnn":
                # the dynamo exporter unrolls nn.RNN into per-step MatMul/Add/Tanh at a fixed length: kept (not
                # indexed) as the fixture of the refusal test, which names the way to export it
                if name != "rnn_tanh_mean":
                    os.remove(path)
                print("%-40s unrolled by the dynamo exporter: refusal fixture" % fname)
                continue
            if diff > 1e-5:
                print("%-40s ONNX Runtime differs from PyTorch by %g: left out" % (fname, diff))
                os.remove(path)
                continue
            bf = kw.get("batch_first", True)
            fixture = {
                "torch_version": str(torch.__version__), "exporter": "dynamo" if dynamo else "torchscript",
                "pattern": name, "input_names": names,
                "inputs": {n: tensor(inputs[n], "int64" if inputs[n].dtype == torch.int64 else "float32")
                           for n in names},
                "input_layout": "batch_major" if bf else "time_major",
                "lengths": None if lengths is None else lengths.tolist(),
                "output": tensor(y, "float32"),
                "output_layout": "time_major" if (kw.get("reduce") == "steps" and not bf) else "batch_major",
                "final": kw.get("final", "none"),
            }
            with open(os.path.join(OUT, fname + ".json"), "w") as f:
                json.dump(fixture, f, separators=(",", ":"))
                f.write("\n")
            index.append(fname)
            print("%-40s ok (ONNX Runtime vs PyTorch %.2g)" % (fname, diff))
    unsupported(os.path.join(OUT, "unsupported.onnx"))
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(sorted(index), f, indent=1)
        f.write("\n")
    print("wrote %d fixtures (torch %s) to %s" % (len(index), torch.__version__, OUT))


if __name__ == "__main__":
    sys.exit(main())
