#!/usr/bin/env python3
"""PyTorch's CPU CTC loss on rnn4j's CTC benchmark workload (see io.rnn4j.runtime.bench.CtcBench):
forward + backward of log_softmax + F.ctc_loss (mean reduction), batch 32, 200 frames, 31 outputs
(30 labels + blank 0), labels of 20; median milliseconds over the timed iterations after 10 warm-up ones.

    /tmp/pt/bin/python tools/bench/ctc_bench.py [iterations] [threads]
"""
import sys
import time

import torch
import torch.nn.functional as F


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    if len(sys.argv) > 2:
        torch.set_num_threads(int(sys.argv[2]))
    torch.manual_seed(1)
    b, t, c, s = 32, 200, 31, 20
    logits = (torch.rand(t, b, c) * 4 - 2).requires_grad_(True)
    targets = torch.randint(1, c, (b, s))
    il = torch.full((b,), t, dtype=torch.long)
    tl = torch.full((b,), s, dtype=torch.long)

    def step():
        logits.grad = None
        loss = F.ctc_loss(F.log_softmax(logits, dim=2), targets, il, tl)
        loss.backward()
        return loss.item()

    for _ in range(10):
        step()
    ms = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1000)
    ms.sort()
    print("pytorch %s ctc (batch %d, T %d, C %d, labels %d): median %.3f ms per forward+backward over %d iterations, "
          "%d threads" % (torch.__version__, b, t, c, s, ms[iterations // 2], iterations, torch.get_num_threads()))


if __name__ == "__main__":
    main()
