#!/usr/bin/env python3
"""Reference cases for rnn4j's reset-before GRU (``gru`` with ``reset_after: false``).

PyTorch has no such GRU (its nn.GRU is the reset-after form, ONNX
linear_before_reset=1), so this script implements the equations itself with
torch operations in float64 and takes the gradients with autograd:

    [x_r, x_z, x_n] = W_ih x + b_ih                 (gate blocks r, z, n;
    r = sigmoid(x_r + W_hr h + b_hr)                 PyTorch's weight layout:
    z = sigmoid(x_z + W_hz h + b_hz)                 weight_ih_l{k}[_reverse] [3H, in],
    n = tanh(x_n + W_hn (r * h) + b_hn)              weight_hh_l{k}[_reverse] [3H, H],
    h' = (1 - z) * n + z * h                         bias_ih / bias_hh [3H])

This is the GRU of Cho et al. (2014), Keras's GRU(reset_after=False) and ONNX's
GRU with linear_before_reset=0.  Masking follows PyTorch's packed sequences
(and rnn4j): a padded step keeps the state and outputs zero, the reverse
direction starts at each sequence's last valid step, h_n is the state after
the last processed valid step; stacked layers take [fwd, bwd] of the layer below.

The cases, the drawing of random values, the loss and the JSON layout are those
of torch_reference.py (see its docstring), with cell = "gru_reset_before":
{1, 2 layers} x {uni, bi} x {masked, full} x {batch 1, 3} x {seq 1, 7} = 32
cases, written with index.json to

    testkit/src/main/resources/io/rnn4j/testkit/reference/gru_reset_before/

Independent check: at the end every case's forward pass (output and h_n) is
recomputed by ONNX Runtime's own GRU operator (linear_before_reset=0, gates
converted r,z,n -> z,r,h, B = [b_ih, b_hh], sequence_lens from the lengths)
and must agree to 1e-5 (ONNX Runtime's GRU runs in float32 only).

Run:  /tmp/pt/bin/python tools/reference/gru_reset_before_reference.py
(torch, numpy, onnx, onnxruntime; deterministic: per-case seeds from the name).
"""

import itertools
import json
import os
import sys
import zlib

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_reference import (BASE_SEED, DATA_RANGE, HIDDEN_SIZE, INPUT_SIZE, PARAM_RANGE,  # noqa: E402
                             REPO_ROOT, case_lengths, case_name, tensor_json, uniform32)

CELL = "gru_reset_before"
OUT_DIR = os.path.join(REPO_ROOT, "testkit", "src", "main", "resources",
                       "io", "rnn4j", "testkit", "reference", CELL)


def param_names(layers, dirs):
    names = []
    for l in range(layers):
        for d in range(dirs):
            sfx = "_l%d%s" % (l, "_reverse" if d == 1 else "")
            names += ["weight_ih" + sfx, "weight_hh" + sfx, "bias_ih" + sfx, "bias_hh" + sfx]
    return names


def direction(x, valid, h0, w_ih, w_hh, b_ih, b_hh, reverse):
    """One direction of one layer. x [B, T, in], valid [B, T] bool, h0 [B, H]; returns out [B, T, H], h_n."""
    H = h0.shape[1]
    T = x.shape[1]
    h = h0
    outs = [None] * T
    steps = range(T - 1, -1, -1) if reverse else range(T)
    for t in steps:
        gi = x[:, t] @ w_ih.T + b_ih
        r = torch.sigmoid(gi[:, 0:H] + h @ w_hh[0:H].T + b_hh[0:H])
        z = torch.sigmoid(gi[:, H:2 * H] + h @ w_hh[H:2 * H].T + b_hh[H:2 * H])
        n = torch.tanh(gi[:, 2 * H:] + (r * h) @ w_hh[2 * H:].T + b_hh[2 * H:])
        h_new = (1 - z) * n + z * h
        m = valid[:, t:t + 1]
        h = torch.where(m, h_new, h)
        outs[t] = torch.where(m, h_new, torch.zeros_like(h_new))
    return torch.stack(outs, dim=1), h


def forward(x, lengths, h0, P, layers, dirs):
    B, T, _ = x.shape
    valid = torch.arange(T).unsqueeze(0) < torch.tensor(lengths).unsqueeze(1)
    layer_in = x
    h_n = []
    for l in range(layers):
        outs = []
        for d in range(dirs):
            sfx = "_l%d%s" % (l, "_reverse" if d == 1 else "")
            o, h = direction(layer_in, valid, h0[l * dirs + d], P["weight_ih" + sfx], P["weight_hh" + sfx],
                             P["bias_ih" + sfx], P["bias_hh" + sfx], d == 1)
            outs.append(o)
            h_n.append(h)
        layer_in = torch.cat(outs, dim=2)
    return layer_in, torch.stack(h_n, dim=0)


def build_case(layers, bidir, masked, batch, seq_len):
    name = case_name(CELL, layers, bidir, masked, batch, seq_len)
    dirs = 2 if bidir else 1
    lengths = case_lengths(masked, batch, seq_len)
    gen = torch.Generator().manual_seed(BASE_SEED + zlib.crc32(name.encode("ascii")))
    H = HIDDEN_SIZE
    x = uniform32(gen, (batch, seq_len, INPUT_SIZE), DATA_RANGE).requires_grad_(True)
    h0 = uniform32(gen, (layers * dirs, batch, H), DATA_RANGE).requires_grad_(True)
    names = param_names(layers, dirs)
    P = {}
    for n in names:
        l = int(n.split("_l")[1].split("_")[0])
        if n.startswith("weight_ih"):
            shape = (3 * H, INPUT_SIZE if l == 0 else dirs * H)
        elif n.startswith("weight_hh"):
            shape = (3 * H, H)
        else:
            shape = (3 * H,)
        P[n] = uniform32(gen, shape, PARAM_RANGE).requires_grad_(True)
    g_output = uniform32(gen, (batch, seq_len, dirs * H), DATA_RANGE)
    g_h_n = uniform32(gen, (layers * dirs, batch, H), DATA_RANGE)

    output, h_n = forward(x, lengths, h0, P, layers, dirs)
    loss = (output * g_output).sum() + (h_n * g_h_n).sum()
    grads = torch.autograd.grad(loss, [x, h0] + [P[n] for n in names])
    return name, {
        "name": name, "cell": CELL, "num_layers": layers, "bidirectional": bidir, "masked": masked,
        "input_size": INPUT_SIZE, "hidden_size": H, "batch": batch, "seq_len": seq_len, "lengths": lengths,
        "torch_version": str(torch.__version__),
        "x": tensor_json(x), "h0": tensor_json(h0),
        "params": {n: tensor_json(P[n]) for n in names},
        "output": tensor_json(output), "h_n": tensor_json(h_n),
        "g_output": tensor_json(g_output), "g_h_n": tensor_json(g_h_n),
        "loss": float(loss.item()),
        "grad_x": tensor_json(grads[0]), "grad_h0": tensor_json(grads[1]),
        "grad_params": {n: tensor_json(g) for n, g in zip(names, grads[2:])},
    }


def load(obj):
    return np.array(obj["data"], dtype=np.float64).reshape(obj["shape"])


def onnxruntime_forward(case):
    """The case's forward pass by ONNX Runtime's GRU (linear_before_reset=0), one node per layer."""
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    L, dirs, H = case["num_layers"], 2 if case["bidirectional"] else 1, case["hidden_size"]
    P = {k: load(v) for k, v in case["params"].items()}
    order = [1, 0, 2]  # r,z,n -> z,r,h

    def reorder(m):
        return np.concatenate([m[g * H:(g + 1) * H] for g in order], axis=0)

    nodes, inits = [], []
    x = "x"  # [T, B, in]
    outputs = []
    for l in range(L):
        W, R, B = [], [], []
        for d in range(dirs):
            sfx = "_l%d%s" % (l, "_reverse" if d == 1 else "")
            W.append(reorder(P["weight_ih" + sfx]))
            R.append(reorder(P["weight_hh" + sfx]))
            B.append(np.concatenate([reorder(P["bias_ih" + sfx]), reorder(P["bias_hh" + sfx])]))
        for nm, arr in (("W%d" % l, W), ("R%d" % l, R), ("B%d" % l, B)):
            inits.append(numpy_helper.from_array(np.stack(arr).astype(np.float32), nm))
        nodes.append(helper.make_node("Slice", ["h0", "h_rng%d" % l + "_s", "h_rng%d" % l + "_e"],
                                      ["h0_%d" % l]))
        inits.append(numpy_helper.from_array(np.array([l * dirs], dtype=np.int64), "h_rng%d_s" % l))
        inits.append(numpy_helper.from_array(np.array([(l + 1) * dirs], dtype=np.int64), "h_rng%d_e" % l))
        nodes.append(helper.make_node("GRU", [x, "W%d" % l, "R%d" % l, "B%d" % l, "lens", "h0_%d" % l],
                                      ["Y%d" % l, "Yh%d" % l], hidden_size=H, linear_before_reset=0,
                                      direction="bidirectional" if dirs == 2 else "forward"))
        nodes.append(helper.make_node("Transpose", ["Y%d" % l], ["Yt%d" % l], perm=[0, 2, 1, 3]))
        nodes.append(helper.make_node("Reshape", ["Yt%d" % l, "shape3"], ["X%d" % (l + 1)]))
        x = "X%d" % (l + 1)
        outputs.append("Yh%d" % l)
    nodes.append(helper.make_node("Concat", outputs, ["h_n"], axis=0))
    inits.append(numpy_helper.from_array(np.array([0, 0, -1], dtype=np.int64), "shape3"))
    dbl = TensorProto.FLOAT
    graph = helper.make_graph(nodes, "g", [
        helper.make_tensor_value_info("x", dbl, None),
        helper.make_tensor_value_info("lens", TensorProto.INT32, None),
        helper.make_tensor_value_info("h0", dbl, None)],
        [helper.make_tensor_value_info(x, dbl, None), helper.make_tensor_value_info("h_n", dbl, None)],
        initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    xin = load(case["x"]).transpose(1, 0, 2).astype(np.float32)
    y, h_n = sess.run(None, {"x": xin, "lens": np.array(case["lengths"], dtype=np.int32), "h0": load(case["h0"]).astype(np.float32)})
    out = y.transpose(1, 0, 2)
    # ONNX Runtime leaves padded outputs at zero too; rnn4j and this script do the same
    return out, h_n


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".json"):
            os.remove(os.path.join(OUT_DIR, f))
    names = []
    for layers, bidir, masked, batch, seq_len in itertools.product([1, 2], [False, True], [False, True], [1, 3],
                                                                   [1, 7]):
        name, case = build_case(layers, bidir, masked, batch, seq_len)
        with open(os.path.join(OUT_DIR, name + ".json"), "w") as f:
            json.dump(case, f, separators=(",", ":"), allow_nan=False)
            f.write("\n")
        names.append(name + ".json")
    names.sort()
    with open(os.path.join(OUT_DIR, "index.json"), "w") as f:
        json.dump(names, f, indent=1)
        f.write("\n")
    print("wrote %d cases (torch %s) to %s" % (len(names), torch.__version__, OUT_DIR))
    worst = 0.0
    for n in names:
        with open(os.path.join(OUT_DIR, n)) as f:
            case = json.load(f)
        out, h_n = onnxruntime_forward(case)
        d = max(np.abs(out - load(case["output"])).max(), np.abs(h_n - load(case["h_n"])).max())
        assert d < 1e-5, "%s: ONNX Runtime's GRU(linear_before_reset=0) differs by %g" % (n, d)
        worst = max(worst, d)
    print("self-check: ONNX Runtime's GRU (linear_before_reset=0) agrees on all %d cases, max abs diff %.3g"
          % (len(names), worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
