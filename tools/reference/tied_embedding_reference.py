#!/usr/bin/env python3
"""Reference case for rnn4j's many_to_many head with tie_embedding (weight tying).

The model, in float64 with autograd (PyTorch's own Embedding and Linear layers,
the output layer's weight *being* the embedding's weight, as in PyTorch's
word_language_model with --tied):

    e = Embedding(V, D)(ids)                   E [V, D], the one shared table
    h = tanh(Linear(D, D)(e))                  W1 [D, D] (torch layout [out, in]), b1 [D]
    z = h E^T + b                              the tied output: decoder.weight = encoder.weight
    L = sum over valid steps of z * g          g: upstream gradient, zero at padded steps

so dL/dE gets a term from the lookup (rows of the ids used) and one from the
output (every row).  Masking: lengths [5, 2, 4] of a [3, 5] batch; padded steps
are zeroed before the loss (as rnn4j outputs zero there) and their ids are set
to 0 (rnn4j ignores them whatever they are).

rnn4j's model is embedding (dim D) -> dense (units D, tanh) -> many_to_many
{tie_embedding: true}; its dense kernel is [in, units], i.e. W1 transposed.
Written to

    backends/cpu/src/test/resources/io/rnn4j/backend/cpu/heads/tied_embedding_reference.json

with keys: torch_version, vocabulary, dim, lengths, ids [3, 5], table [V, D],
dense_kernel [D, D] (rnn4j layout), dense_bias [D], out_bias [V], g [3, 5, V],
logits [3, 5, V], loss, grad_table, grad_dense_kernel, grad_dense_bias,
grad_out_bias; each tensor {"shape": [...], "data": [...]} row-major.

Run:  /tmp/pt/bin/python tools/reference/tied_embedding_reference.py
"""

import json
import os

import torch

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(REPO_ROOT, "backends", "cpu", "src", "test", "resources", "io", "rnn4j", "backend", "cpu",
                   "heads", "tied_embedding_reference.json")
V, D = 9, 4
LENGTHS = [5, 2, 4]
T = max(LENGTHS)


def tensor_json(t):
    t = t.detach().to(torch.float64).contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def f32(*shape, lo=-1.0, hi=1.0, gen=None):
    return (torch.rand(*shape, generator=gen, dtype=torch.float32) * (hi - lo) + lo).to(torch.float64)


def main():
    gen = torch.Generator().manual_seed(20261202)
    emb = torch.nn.Embedding(V, D).double()
    lin = torch.nn.Linear(D, D).double()
    out = torch.nn.Linear(D, V).double()
    with torch.no_grad():
        emb.weight.copy_(f32(V, D, gen=gen))
        lin.weight.copy_(f32(D, D, lo=-0.8, hi=0.8, gen=gen))
        lin.bias.copy_(f32(D, lo=-0.3, hi=0.3, gen=gen))
        out.bias.copy_(f32(V, lo=-0.3, hi=0.3, gen=gen))
    out.weight = emb.weight  # weight tying: one Parameter, two uses
    ids = torch.randint(0, V, (len(LENGTHS), T), generator=gen)
    mask = torch.zeros(len(LENGTHS), T, 1, dtype=torch.float64)
    for b, n in enumerate(LENGTHS):
        mask[b, :n] = 1
        ids[b, n:] = 0
    g = f32(len(LENGTHS), T, V, gen=gen) * mask
    h = torch.tanh(lin(emb(ids)))
    z = out(h) * mask
    loss = (z * g).sum()
    loss.backward()
    assert out.weight is emb.weight
    case = {
        "torch_version": torch.__version__,
        "vocabulary": V, "dim": D, "lengths": LENGTHS,
        "ids": tensor_json(ids.to(torch.float64)),
        "table": tensor_json(emb.weight),
        "dense_kernel": tensor_json(lin.weight.t()),
        "dense_bias": tensor_json(lin.bias),
        "out_bias": tensor_json(out.bias),
        "g": tensor_json(g),
        "logits": tensor_json(z),
        "loss": float(loss.detach()),
        "grad_table": tensor_json(emb.weight.grad),
        "grad_dense_kernel": tensor_json(lin.weight.grad.t()),
        "grad_dense_bias": tensor_json(lin.bias.grad),
        "grad_out_bias": tensor_json(out.bias.grad),
    }
    with open(OUT, "w") as f:
        json.dump(case, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
