#!/usr/bin/env python3
"""The mnist-rows example's model in PyTorch, on the same shipped split, for comparison with rnn4j.

By default LSTM(28 -> 128) over the 28 rows, the last step, Linear(128 -> 10); Adam lr 2e-3, batch 64,
clip_norm 5, pixels / 255; the best validation epoch's test accuracy is printed. CPU, one thread.
The model of examples/mnist-rows (GRU 128, last step, random shifts of up to 2 pixels, 16 epochs):

    /tmp/pt/bin/python tools/reference/mnist_rows_torch.py --gru --shift 2 --epochs 16
"""
import argparse
import gzip
import json
import os
import time

import torch

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "data", "mnist")


def load(split):
    xs, ys = [], []
    with gzip.open(os.path.join(ROOT, "digits_%s.jsonl.gz" % split), "rt") as f:
        for line in f:
            r = json.loads(line)
            xs.append(r["image"])
            ys.append(int(r["label"]))
    return torch.tensor(xs, dtype=torch.float32) / 255, torch.tensor(ys)


def shift(x, k):
    """Translate each image by up to k pixels in each direction (zeros shifted in)."""
    out = torch.zeros_like(x)
    for i in range(len(x)):
        dy, dx = torch.randint(-k, k + 1, (2,)).tolist()
        src = x[i, max(0, -dy):28 - max(0, dy), max(0, -dx):28 - max(0, dx)]
        out[i, max(0, dy):max(0, dy) + src.shape[0], max(0, dx):max(0, dx) + src.shape[1]] = src
    return out


class Net(torch.nn.Module):
    def __init__(self, units, bidirectional, gru, pooling):
        super().__init__()
        self.pooling = pooling
        cell = torch.nn.GRU if gru else torch.nn.LSTM
        self.rnn = cell(28, units, batch_first=True, bidirectional=bidirectional)
        self.out = torch.nn.Linear(units * (2 if bidirectional else 1), 10)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.out(y.mean(dim=1) if self.pooling == "mean" else y[:, -1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--units", type=int, default=128)
    ap.add_argument("--bidirectional", action="store_true")
    ap.add_argument("--shift", type=int, default=0, help="augmentation: random translation up to this many pixels")
    ap.add_argument("--gru", action="store_true")
    ap.add_argument("--pooling", choices=["last", "mean"], default="last")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(42)
    xtr, ytr = load("train")
    xva, yva = load("validation")
    xte, yte = load("test")
    net = Net(args.units, args.bidirectional, args.gru, args.pooling)
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    best = (-1, 0, 0)
    t0 = time.time()
    for epoch in range(1, args.epochs + 1):
        net.train()
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), 64):
            idx = perm[i:i + 64]
            opt.zero_grad()
            xb = xtr[idx]
            if args.shift:
                xb = shift(xb, args.shift)
            loss = torch.nn.functional.cross_entropy(net(xb), ytr[idx])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
        net.eval()
        with torch.no_grad():
            va = (net(xva).argmax(1) == yva).float().mean().item()
            te = (net(xte).argmax(1) == yte).float().mean().item()
        print("epoch %d loss %.4f val %.4f test %.4f (%.0f s)" % (epoch, loss.item(), va, te, time.time() - t0), flush=True)
        if va > best[0]:
            best = (va, te, epoch)
    print("torch %s: best validation %.4f at epoch %d, test accuracy %.4f" % (torch.__version__, best[0], best[2], best[1]))


if __name__ == "__main__":
    main()
