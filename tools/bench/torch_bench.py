#!/usr/bin/env python3
"""PyTorch side of rnn4j's benchmark: the standard workloads W1-W5 of docs/BENCHMARKS.md.

`rnn4j bench` runs this script (when a Python with torch is present) right after timing each workload
in Java, so the ratios it prints come from runs interleaved in one session on one machine.

    /usr/bin/python3 tools/bench/torch_bench.py --workload W1 --warmup 5 --steps 20 --threads 2

prints one JSON object per workload: {"workload", "engine", "unit", "values": [...]}.
Workloads (float32, random inputs, the layers' default initialisation):
  W1  LSTM classifier training: batch 32, sequence 100, 64 features, 128 units, last step -> Linear(2),
      cross-entropy, Adam lr 1e-3: full steps (forward, backward, update); sequences/s
  W2  W1 with a GRU
  W3  LSTM inference latency, batch 1 (ms per sequence)
  W4  LSTM inference throughput, batch 256 (sequences/s)
  W5  char LM training: vocabulary 96, embedding 64, 2 x LSTM 256, Linear(96) at every step, batch 32,
      sequence 64, Adam (tokens/s)
"""
import argparse
import json
import time

import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self, cell):
        super().__init__()
        self.rnn = (nn.LSTM if cell == "lstm" else nn.GRU)(64, 128, batch_first=True)
        self.out = nn.Linear(128, 2)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.out(y[:, -1, :])


class CharLm(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(96, 64)
        self.rnn = nn.LSTM(64, 256, num_layers=2, batch_first=True)
        self.out = nn.Linear(256, 96)

    def forward(self, x):
        y, _ = self.rnn(self.emb(x))
        return self.out(y)


def timed(fn, warmup, steps, figure):
    for _ in range(warmup):
        fn()
    values = []
    for _ in range(steps):
        t0 = time.perf_counter()
        fn()
        values.append(figure(time.perf_counter() - t0))
    return values


def run(workload, warmup, steps):
    torch.manual_seed(1)
    if workload in ("W1", "W2"):
        model = Classifier("lstm" if workload == "W1" else "gru")
        x, y = torch.rand(32, 100, 64) * 2 - 1, torch.randint(0, 2, (32,))
        opt, loss = torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss()

        def step():
            opt.zero_grad()
            loss(model(x), y).backward()
            opt.step()
        return "sequences/s", timed(step, warmup, steps, lambda s: 32 / s)
    if workload in ("W3", "W4"):
        b = 1 if workload == "W3" else 256
        model = Classifier("lstm").eval()
        x = torch.rand(b, 100, 64) * 2 - 1

        def infer():
            with torch.no_grad():
                model(x)
        if workload == "W3":
            return "ms/sequence", timed(infer, warmup, steps, lambda s: s * 1000)
        return "sequences/s", timed(infer, warmup, steps, lambda s: b / s)
    model = CharLm()
    x, y = torch.randint(0, 96, (32, 64)), torch.randint(0, 96, (32, 64))
    opt, loss = torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss(model(x).reshape(-1, 96), y.reshape(-1)).backward()
        opt.step()
    return "tokens/s", timed(step, warmup, steps, lambda s: 32 * 64 / s)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workload", default="W1,W2,W3,W4,W5")
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    for w in a.workload.split(","):
        unit, values = run(w.strip(), a.warmup, a.steps)
        print(json.dumps({"workload": w.strip(), "engine": "pytorch " + torch.__version__.split("+")[0],
                          "unit": unit, "values": values}), flush=True)


if __name__ == "__main__":
    main()
