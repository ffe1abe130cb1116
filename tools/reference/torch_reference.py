#!/usr/bin/env python3
"""Generate PyTorch reference cases for the rnn4j Java tests.

What it produces
----------------
One JSON file per case in

    testkit/src/main/resources/io/rnn4j/testkit/reference/torch/

plus ``index.json`` in the same directory (a sorted JSON array with the case
file names).  The cases are the full cross product of

    cell          in {rnn_tanh, rnn_relu, lstm, gru}
                     (nn.RNN(nonlinearity='tanh'|'relu'), nn.LSTM, nn.GRU)
    num_layers    in {1, 2}
    bidirectional in {false, true}
    masked        in {false, true}
    batch         in {1, 3}
    seq_len       in {1, 7}

i.e. 128 cases, all with input_size = 3, hidden_size = 4, batch_first = True,
dropout = 0 and biases enabled.  File names follow

    {cell}_l{layers}_{uni|bi}_{masked|full}_b{batch}_t{seq}.json

Sequence lengths
----------------
* not masked:                  every sequence has length seq_len;
* masked, batch 3, seq_len 7:  [7, 4, 1];
* masked, batch 3, seq_len 1:  [1, 1, 1];
* masked, batch 1:             [max(1, seq_len - 2)]  ([5] or [1]).

Masked cases run the module on
``pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)`` and
unpack with ``pad_packed_sequence(..., batch_first=True, total_length=seq_len)``,
so ``output`` is exactly zero at padded steps.  The padded positions of ``x``
still hold random values (a Java implementation must ignore them); their
gradient is exactly zero.  h_n / c_n hold, for every sequence, the state after
its own last valid step (forward direction) or after step 0 (reverse direction).

Numerics
--------
Every random value (x, h0, c0, weights, biases and the loss coefficients g_*)
is drawn as float32 (x, h0, c0, g_*: uniform(-1, 1); parameters:
uniform(-0.6, 0.6) so that gates are not saturated).  The computation itself is
done in float64 (module.double(), tensors .double()), so the reference values
are (nearly) exact for inputs that are representable in float32.  The initial
states h0 (and c0 for LSTM) are always random, never zeros.

Loss
----
The scalar loss is

    L = sum(output * g_output) + sum(h_n * g_h_n) [+ sum(c_n * g_c_n)  (LSTM)]

where g_* are fixed random tensors stored in the file.  Hence g_output, g_h_n
and g_c_n are exactly the upstream gradients dL/d(output), dL/d(h_n),
dL/d(c_n) (for masked cases the g_output entries at padded steps are random
too but do not matter because output is zero there).  grad_x, grad_h0,
grad_c0 and grad_params are computed with autograd.

JSON layout of one case (compact, no indentation)
-------------------------------------------------
    name, cell, num_layers, bidirectional, masked, input_size, hidden_size,
    batch, seq_len, lengths, torch_version,
    x        [batch, seq_len, input_size]
    h0       [num_layers*dirs, batch, hidden]      (c0 likewise, LSTM only)
    params   {PyTorch parameter name: tensor}      (weight_ih_l0, weight_hh_l0,
             bias_ih_l0, bias_hh_l0, ..._reverse, exactly PyTorch's layout)
    output   [batch, seq_len, dirs*hidden]
    h_n      [num_layers*dirs, batch, hidden]      (c_n likewise, LSTM only)
    g_output, g_h_n, g_c_n (LSTM only)             same shapes as above
    loss     float
    grad_x, grad_h0, grad_c0 (LSTM only), grad_params {same names as params}

Every tensor is ``{"shape": [...], "data": [...]}`` with ``data`` flattened in
row-major (C) order.  Floats are written by ``json`` (shortest repr that
round-trips a float64 exactly).

How to run
----------
From the repository root (the script locates the repository from its own
path, so the working directory does not actually matter):

    /usr/bin/python3 tools/reference/torch_reference.py

(Debian's python3-torch; the pyenv ``python3`` on PATH has no torch.)
The run is deterministic: every case uses its own fixed seed derived from its
name, computation is on the CPU with a single thread.  At the end the script
re-reads the generated files and runs self-checks (padding, h_n layout and an
independent from-scratch re-implementation of the forward pass).
"""

import itertools
import json
import os
import sys
import zlib

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

INPUT_SIZE = 3
HIDDEN_SIZE = 4
CELLS = ["rnn_tanh", "rnn_relu", "lstm", "gru"]
LAYERS = [1, 2]
BIDIRECTIONAL = [False, True]
MASKED = [False, True]
BATCHES = [1, 3]
SEQ_LENS = [1, 7]

DATA_RANGE = 1.0    # x, h0, c0, g_*: uniform(-1, 1)
PARAM_RANGE = 0.6   # weights/biases: uniform(-0.6, 0.6)
BASE_SEED = 20240601

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(REPO_ROOT, "testkit", "src", "main", "resources",
                       "io", "rnn4j", "testkit", "reference", "torch")


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def case_name(cell, layers, bidir, masked, batch, seq_len):
    return "%s_l%d_%s_%s_b%d_t%d" % (cell, layers, "bi" if bidir else "uni",
                                     "masked" if masked else "full", batch, seq_len)


def case_lengths(masked, batch, seq_len):
    """Valid length of every sequence of the batch (see module docstring)."""
    if not masked:
        return [seq_len] * batch
    if batch == 1:
        return [max(1, seq_len - 2)]
    if batch == 3:
        return [7, 4, 1] if seq_len == 7 else [1, 1, 1]
    raise ValueError("no masked lengths defined for batch %d" % batch)


def uniform32(gen, shape, bound):
    """uniform(-bound, bound) drawn in float32, returned as float64 (exact)."""
    t = torch.rand(shape, generator=gen, dtype=torch.float32)
    t = (t * 2.0 - 1.0) * bound          # still float32 arithmetic
    return t.to(torch.float64)


def tensor_json(t):
    """{"shape": [...], "data": [...]} with data in row-major order."""
    t = t.detach().to(torch.float64).contiguous()
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


def make_module(cell, layers, bidir):
    kw = dict(input_size=INPUT_SIZE, hidden_size=HIDDEN_SIZE, num_layers=layers,
              bias=True, batch_first=True, dropout=0.0, bidirectional=bidir)
    if cell == "rnn_tanh":
        m = nn.RNN(nonlinearity="tanh", **kw)
    elif cell == "rnn_relu":
        m = nn.RNN(nonlinearity="relu", **kw)
    elif cell == "lstm":
        m = nn.LSTM(**kw)
    elif cell == "gru":
        m = nn.GRU(**kw)
    else:
        raise ValueError(cell)
    return m.double()


# --------------------------------------------------------------------------
# one case
# --------------------------------------------------------------------------

def build_case(cell, layers, bidir, masked, batch, seq_len):
    name = case_name(cell, layers, bidir, masked, batch, seq_len)
    dirs = 2 if bidir else 1
    is_lstm = cell == "lstm"
    lengths = case_lengths(masked, batch, seq_len)

    # Per-case seed derived from the name: cases are independent of each
    # other and of the order in which they are generated.
    gen = torch.Generator().manual_seed(BASE_SEED + zlib.crc32(name.encode("ascii")))

    module = make_module(cell, layers, bidir)
    module.train()  # dropout is 0 anyway; train mode just to be explicit

    # Fixed drawing order: x, h0, (c0), parameters in PyTorch's order, g_*.
    x = uniform32(gen, (batch, seq_len, INPUT_SIZE), DATA_RANGE).requires_grad_(True)
    h0 = uniform32(gen, (layers * dirs, batch, HIDDEN_SIZE), DATA_RANGE).requires_grad_(True)
    c0 = (uniform32(gen, (layers * dirs, batch, HIDDEN_SIZE), DATA_RANGE).requires_grad_(True)
          if is_lstm else None)
    with torch.no_grad():
        for _, p in module.named_parameters():
            p.copy_(uniform32(gen, tuple(p.shape), PARAM_RANGE))
    g_output = uniform32(gen, (batch, seq_len, dirs * HIDDEN_SIZE), DATA_RANGE)
    g_h_n = uniform32(gen, (layers * dirs, batch, HIDDEN_SIZE), DATA_RANGE)
    g_c_n = uniform32(gen, (layers * dirs, batch, HIDDEN_SIZE), DATA_RANGE) if is_lstm else None

    # Forward (float64).
    state = (h0, c0) if is_lstm else h0
    if masked:
        packed = pack_padded_sequence(x, torch.tensor(lengths, dtype=torch.int64),
                                      batch_first=True, enforce_sorted=False)
        packed_out, hidden = module(packed, state)
        output, _ = pad_packed_sequence(packed_out, batch_first=True, total_length=seq_len)
    else:
        output, hidden = module(x, state)
    if is_lstm:
        h_n, c_n = hidden
    else:
        h_n, c_n = hidden, None

    # Scalar loss and gradients.
    loss = (output * g_output).sum() + (h_n * g_h_n).sum()
    if is_lstm:
        loss = loss + (c_n * g_c_n).sum()
    params = list(module.named_parameters())
    inputs = [x, h0] + ([c0] if is_lstm else []) + [p for _, p in params]
    grads = torch.autograd.grad(loss, inputs)
    grad_x, grad_h0 = grads[0], grads[1]
    grad_c0 = grads[2] if is_lstm else None
    grad_params = grads[3 if is_lstm else 2:]

    case = {
        "name": name,
        "cell": cell,
        "num_layers": layers,
        "bidirectional": bidir,
        "masked": masked,
        "input_size": INPUT_SIZE,
        "hidden_size": HIDDEN_SIZE,
        "batch": batch,
        "seq_len": seq_len,
        "lengths": lengths,
        "torch_version": str(torch.__version__),
        "x": tensor_json(x),
        "h0": tensor_json(h0),
    }
    if is_lstm:
        case["c0"] = tensor_json(c0)
    case["params"] = {n: tensor_json(p) for n, p in params}
    case["output"] = tensor_json(output)
    case["h_n"] = tensor_json(h_n)
    if is_lstm:
        case["c_n"] = tensor_json(c_n)
    case["g_output"] = tensor_json(g_output)
    case["g_h_n"] = tensor_json(g_h_n)
    if is_lstm:
        case["g_c_n"] = tensor_json(g_c_n)
    case["loss"] = float(loss.item())
    case["grad_x"] = tensor_json(grad_x)
    case["grad_h0"] = tensor_json(grad_h0)
    if is_lstm:
        case["grad_c0"] = tensor_json(grad_c0)
    case["grad_params"] = {n: tensor_json(g) for (n, _), g in zip(params, grad_params)}
    return name, case


# --------------------------------------------------------------------------
# self-checks on the written files
# --------------------------------------------------------------------------

def load_tensor(obj):
    return torch.tensor(obj["data"], dtype=torch.float64).reshape(obj["shape"])


def manual_forward(case):
    """Independent re-implementation of PyTorch's RNN/LSTM/GRU equations.

    Documents (and verifies) the conventions a Java port must follow:
      * gate order in weight_ih/weight_hh/bias rows: LSTM i,f,g,o; GRU r,z,n;
      * both bias_ih and bias_hh are added; for GRU, bias_hh's n-part sits
        inside the reset-gate product: n = tanh(W_in x + b_in + r*(W_hn h + b_hn));
      * GRU: h' = (1 - z) * n + z * h;
      * layer l>0 input is concat(fwd, bwd) of layer l-1's output;
      * h0/h_n index = layer * dirs + direction (0 = forward, 1 = reverse);
      * reverse direction runs from step lengths[b]-1 down to 0.
    """
    cell = case["cell"]
    L, dirs = case["num_layers"], (2 if case["bidirectional"] else 1)
    H, B, T = case["hidden_size"], case["batch"], case["seq_len"]
    lengths = case["lengths"]
    P = {k: load_tensor(v) for k, v in case["params"].items()}
    x = load_tensor(case["x"])
    h0 = load_tensor(case["h0"])
    c0 = load_tensor(case["c0"]) if cell == "lstm" else None
    h_n = torch.zeros_like(h0)
    c_n = torch.zeros_like(h0) if cell == "lstm" else None
    layer_in = x
    for l in range(L):
        layer_out = torch.zeros(B, T, dirs * H, dtype=torch.float64)
        for d in range(dirs):
            sfx = "_l%d%s" % (l, "_reverse" if d == 1 else "")
            w_ih, w_hh = P["weight_ih" + sfx], P["weight_hh" + sfx]
            b_ih, b_hh = P["bias_ih" + sfx], P["bias_hh" + sfx]
            idx = l * dirs + d
            for b in range(B):
                h = h0[idx, b].clone()
                c = c0[idx, b].clone() if c0 is not None else None
                steps = range(lengths[b]) if d == 0 else range(lengths[b] - 1, -1, -1)
                for t in steps:
                    gi = w_ih @ layer_in[b, t] + b_ih
                    gh = w_hh @ h + b_hh
                    if cell == "rnn_tanh":
                        h = torch.tanh(gi + gh)
                    elif cell == "rnn_relu":
                        h = torch.relu(gi + gh)
                    elif cell == "lstm":
                        g = gi + gh
                        i, f = torch.sigmoid(g[0:H]), torch.sigmoid(g[H:2 * H])
                        gg, o = torch.tanh(g[2 * H:3 * H]), torch.sigmoid(g[3 * H:4 * H])
                        c = f * c + i * gg
                        h = o * torch.tanh(c)
                    elif cell == "gru":
                        r = torch.sigmoid(gi[0:H] + gh[0:H])
                        z = torch.sigmoid(gi[H:2 * H] + gh[H:2 * H])
                        n = torch.tanh(gi[2 * H:3 * H] + r * gh[2 * H:3 * H])
                        h = (1 - z) * n + z * h
                    layer_out[b, t, d * H:(d + 1) * H] = h
                h_n[idx, b] = h
                if c_n is not None:
                    c_n[idx, b] = c
        layer_in = layer_out
    return layer_in, h_n, c_n


def self_check(names):
    # 1) The check asked for: one masked bidirectional (2-layer LSTM) file.
    name = "lstm_l2_bi_masked_b3_t7"
    with open(os.path.join(OUT_DIR, name + ".json")) as f:
        case = json.load(f)
    H, L = case["hidden_size"], case["num_layers"]
    out = load_tensor(case["output"])
    h_n = load_tensor(case["h_n"])
    grad_x = load_tensor(case["grad_x"])
    lengths = case["lengths"]
    padded_rows = 0
    for b, n in enumerate(lengths):
        for t in range(n, case["seq_len"]):
            assert torch.all(out[b, t] == 0.0), "output not zero at padded step"
            assert torch.all(grad_x[b, t] == 0.0), "grad_x not zero at padded step"
            padded_rows += 1
        last = (L - 1) * 2  # h_n index of the last layer, forward direction
        assert torch.equal(h_n[last, b], out[b, n - 1, :H]), "fwd h_n != output[len-1]"
        assert torch.equal(h_n[last + 1, b], out[b, 0, H:]), "bwd h_n != output[0]"
    print("self-check %s: %d padded output rows exactly zero (and grad_x zero there); "
          "h_n[fwd] == output[b, lengths[b]-1, :H] and h_n[bwd] == output[b, 0, H:] "
          "for lengths %s" % (name, padded_rows, lengths))

    # 2) Independent from-scratch forward pass for every case (validates gate
    #    order, bias placement and the [l0_fwd, l0_bwd, l1_fwd, l1_bwd] h_n
    #    layout documented in manual_forward).
    worst = 0.0
    for n in names:
        with open(os.path.join(OUT_DIR, n)) as f:
            case = json.load(f)
        out_m, h_m, c_m = manual_forward(case)
        diffs = [(out_m - load_tensor(case["output"])).abs().max().item(),
                 (h_m - load_tensor(case["h_n"])).abs().max().item()]
        if c_m is not None:
            diffs.append((c_m - load_tensor(case["c_n"])).abs().max().item())
        worst = max(worst, max(diffs))
        assert max(diffs) < 1e-12, "%s: manual forward differs by %g" % (n, max(diffs))
    print("self-check manual forward: %d cases match PyTorch, max abs diff %.3g"
          % (len(names), worst))


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def main():
    torch.set_num_threads(1)
    torch.manual_seed(BASE_SEED)  # nothing should use the global RNG; belt and braces
    os.makedirs(OUT_DIR, exist_ok=True)
    # The directory is owned by this script: drop stale case files first.
    for f in os.listdir(OUT_DIR):
        if f.endswith(".json"):
            os.remove(os.path.join(OUT_DIR, f))

    names = []
    for cell, layers, bidir, masked, batch, seq_len in itertools.product(
            CELLS, LAYERS, BIDIRECTIONAL, MASKED, BATCHES, SEQ_LENS):
        name, case = build_case(cell, layers, bidir, masked, batch, seq_len)
        file_name = name + ".json"
        with open(os.path.join(OUT_DIR, file_name), "w") as f:
            json.dump(case, f, separators=(",", ":"), allow_nan=False)
            f.write("\n")
        names.append(file_name)

    names.sort()
    with open(os.path.join(OUT_DIR, "index.json"), "w") as f:
        json.dump(names, f, indent=1)
        f.write("\n")

    print("wrote %d cases (torch %s) to %s" % (len(names), torch.__version__, OUT_DIR))
    self_check(names)
    return 0


if __name__ == "__main__":
    sys.exit(main())
