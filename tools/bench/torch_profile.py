#!/usr/bin/env python3
"""Where PyTorch's time goes in a W1 or W5 training step (the models of torch_bench.py), by torch.profiler.

    /tmp/pt/bin/python tools/bench/torch_profile.py --workload W5 --threads 2 --steps 20

Warms the step up, profiles --steps steps, and prints the top operators by self CPU time plus the shares
of the groups backends/vector/README.md compares (recurrent layer forward/backward, dense head, loss,
optimizer, the rest). Shares, not absolute times: the machine is shared.
"""
import argparse
import os
import sys

import torch
import torch.nn as nn
from torch.profiler import ProfilerActivity, profile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_bench import CharLm, Classifier  # noqa: E402


def group(name):
    n = name.lower()
    if "adam" in n or "_foreach" in n or "optimizer" in n:
        return "optimizer (Adam)"
    if "mkldnn_rnn_layer_backward" in n or "mkldnnrnnlayerbackward" in n:
        return "LSTM backward (oneDNN, incl. weight gradients)"
    if "mkldnn_rnn" in n or n.startswith("aten::lstm") or n.startswith("aten::gru") or "gru_cell" in n \
            or "lstm_cell" in n:
        return "LSTM/GRU forward (oneDNN)"
    if "log_softmax" in n or "nll_loss" in n or "cross_entropy" in n:
        return "softmax + loss (fwd + bwd)"
    if "addmm" in n or n == "aten::mm" or "linear" in n:
        return "dense head products (fwd + bwd)"
    if "embedding" in n:
        return "embedding"
    return "other (copies, views, autograd glue, zero_grad)"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--workload", choices=["W1", "W2", "W5"], default="W1")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=20)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    if a.workload == "W5":
        model = CharLm()
        x, y = torch.randint(0, 96, (32, 64)), torch.randint(0, 96, (32, 64))
        out = lambda: model(x).reshape(-1, 96)  # noqa: E731
        yy = y.reshape(-1)
    else:
        model = Classifier("lstm" if a.workload == "W1" else "gru")
        x, yy = torch.rand(32, 100, 64) * 2 - 1, torch.randint(0, 2, (32,))
        out = lambda: model(x)  # noqa: E731
    opt, loss = torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss(out(), yy).backward()
        opt.step()
    for _ in range(30):
        step()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(a.steps):
            step()
    events = [e for e in prof.key_averages() if e.self_cpu_time_total > 0]
    total = sum(e.self_cpu_time_total for e in events)
    print(f"{a.workload}, torch {torch.__version__}, {a.threads} threads, {a.steps} steps; "
          f"self CPU time {total / a.steps / 1000:.2f} ms per step (all threads, profiler on)")
    groups = {}
    for e in events:
        g = group(e.key)
        groups[g] = groups.get(g, 0) + e.self_cpu_time_total
    # Adam runs as many small aten ops (sqrt, lerp_, addcdiv_, ...): take its scope's total instead and
    # leave the rest to "other"
    adam = sum(e.cpu_time_total for e in prof.key_averages() if e.key.startswith("Optimizer.step#"))
    zero = sum(e.cpu_time_total for e in prof.key_averages() if e.key.startswith("Optimizer.zero_grad#"))
    named = {k: v for k, v in groups.items() if not k.startswith("other") and not k.startswith("optimizer")}
    named["optimizer (Adam step)"] = adam
    named["zero_grad"] = zero
    named["other (copies, views, autograd glue)"] = max(0, total - sum(named.values()))
    for g, t in sorted(named.items(), key=lambda kv: -kv[1]):
        print(f"  {100 * t / total:5.1f} %  {g}")
    print("top operators by self CPU time:")
    for e in sorted(events, key=lambda e: -e.self_cpu_time_total)[:15]:
        print(f"  {100 * e.self_cpu_time_total / total:5.1f} %  {e.key}  x{e.count // a.steps}/step")


if __name__ == "__main__":
    main()
