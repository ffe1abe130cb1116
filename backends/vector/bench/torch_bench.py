#!/usr/bin/env python3
"""The same W1/W2/W3-like workloads as TrainStepBench and RecurrentBench, in PyTorch, for a side-by-side
ratio on one machine (docs/BENCHMARKS.md: every claim is a ratio measured in one run).

    python3 backends/vector/bench/torch_bench.py [reps]      # needs torch; 2 threads like the JVM side

W1/W2: LSTM/GRU(64 -> 128) over batch 32, sequence 100, last step -> Linear(128, 2), cross-entropy,
Adam lr 1e-3: one full train step. W3: LSTM inference, batch 1, sequence 100. Median (min, max) in ms.
"""
import statistics
import sys
import time

import torch

REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
torch.set_num_threads(2)
torch.manual_seed(0)


def timed(fn, reps, warmup=5):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(samples), min(samples), max(samples)


def train_step(cell):
    rnn = cell(64, 128, batch_first=True)
    head = torch.nn.Linear(128, 2)
    opt = torch.optim.Adam(list(rnn.parameters()) + list(head.parameters()), lr=1e-3)
    x = torch.rand(32, 100, 64) * 2 - 1
    y = torch.randint(0, 2, (32,))

    def step():
        opt.zero_grad()
        out, _ = rnn(x)
        loss = torch.nn.functional.cross_entropy(head(out[:, -1]), y)
        loss.backward()
        opt.step()
    return step


def infer(batch):
    rnn = torch.nn.LSTM(64, 128, batch_first=True)
    x = torch.rand(batch, 100, 64)

    def run():
        with torch.no_grad():
            rnn(x)
    return run


print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; median (min, max) of {REPS}")
for name, fn, reps in [("W1-like LSTM train step b32 t100", train_step(torch.nn.LSTM), REPS),
                       ("W2-like GRU train step b32 t100", train_step(torch.nn.GRU), REPS),
                       ("W3-like LSTM inference b1 t100", infer(1), REPS * 5)]:
    med, lo, hi = timed(fn, reps)
    print(f"  {name:34s} median {med:9.3f} ms  (min {lo:9.3f}, max {hi:9.3f})")
