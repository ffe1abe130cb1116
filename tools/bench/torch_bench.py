#!/usr/bin/env python3
"""PyTorch side of rnn4j's benchmark: the standard workloads W1-W5 (docs/BENCHMARKS.md).

`rnn4j bench` runs this script (when a Python with torch is present) in a fresh process for every
workload and every round, interleaved with its own timings, so the ratios it prints come from runs side
by side in one session on one machine. One workload per process on purpose: in one process PyTorch's
W5 right after its GRU workload ran 4-5x slower than in a fresh process.

    python3 tools/bench/torch_bench.py --workload W1 --warmup 5 --steps 20 --threads 2

prints one JSON object: {"workload", "engine", "unit", "values": [...], "warmup_steps", "peak_rss_mib"}.
Warm-up: at least --warmup steps, then blocks of 5 until the block median moves by less than 3 %
(or --warmup-seconds pass).
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


def warm(fn, warmup, max_seconds):
    """At least `warmup` calls, then blocks of 5 until the block median is stable to 3 %."""
    start = time.perf_counter()
    n = 0
    for _ in range(warmup):
        fn()
        n += 1
    previous = None
    while time.perf_counter() - start < max_seconds:
        block = []
        for _ in range(5):
            t0 = time.perf_counter()
            fn()
            block.append(time.perf_counter() - t0)
        n += 5
        median = sorted(block)[2]
        if previous is not None and abs(median - previous) <= 0.03 * previous:
            break
        previous = median
    return n


WARMUP_SECONDS = 20.0
WARMUP_DONE = 0


def timed(fn, warmup, steps, figure):
    global WARMUP_DONE
    WARMUP_DONE = warm(fn, warmup, WARMUP_SECONDS)
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


def peak_rss_mib():
    """VmHWM of this process: unlike ru_maxrss, it starts afresh at exec, so a parent JVM's size is not inherited."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return -1.0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workload", required=True, choices=["W1", "W2", "W3", "W4", "W5"],
                   help="one workload: each runs in a fresh process")
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--warmup-seconds", type=float, default=20.0)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    global WARMUP_SECONDS
    WARMUP_SECONDS = a.warmup_seconds
    torch.set_num_threads(a.threads)
    unit, values = run(a.workload, a.warmup, a.steps)
    rss = peak_rss_mib()
    print(json.dumps({"workload": a.workload, "engine": "pytorch " + torch.__version__.split("+")[0],
                      "unit": unit, "values": values, "warmup_steps": WARMUP_DONE,
                      "peak_rss_mib": rss}), flush=True)


if __name__ == "__main__":
    main()
