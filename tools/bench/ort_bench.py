#!/usr/bin/env python3
"""ONNX Runtime (Python) side of rnn4j's benchmark: W3 and W4 on the ONNX file rnn4j exported.

`rnn4j bench` exports the workload's model, then runs this script in a fresh process for every round,
interleaved with its own timings. The model's inputs are fed as rnn4j's ONNX Runtime Java path feeds
them: `input` random in [-1, 1], `sequence_lens` full, every state input zeros.

    python3 tools/bench/ort_bench.py --model w3.onnx --workload W3 --threads 1 --warmup 100 --steps 100

prints one JSON object: {"workload", "engine", "unit", "values": [...], "warmup_steps", "peak_rss_mib"}.
"""
import argparse
import json
import time

import numpy as np
import onnxruntime as ort

BATCH = {"W3": 1, "W4": 256}
TIME, FEATURES = 100, 64


def feeds(session, batch):
    rng = np.random.default_rng(1)
    out = {}
    for i in session.get_inputs():
        if i.name == "input":
            out[i.name] = rng.uniform(-1, 1, (batch, TIME, FEATURES)).astype(np.float32)
        elif "int" in i.type:
            out[i.name] = np.full((batch,), TIME, dtype=np.int32 if "int32" in i.type else np.int64)
        else:
            shape = [batch if not isinstance(d, int) else d for d in i.shape]
            out[i.name] = np.zeros(shape, dtype=np.float32)
    return out


def peak_rss_mib():
    """VmHWM of this process: unlike ru_maxrss, it starts afresh at exec, so a parent JVM's size is not inherited."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return -1.0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--workload", required=True, choices=["W3", "W4"])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--warmup-seconds", type=float, default=20.0)
    p.add_argument("--steps", type=int, default=20)
    a = p.parse_args()
    so = ort.SessionOptions()
    so.intra_op_num_threads = a.threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(a.model, so, providers=["CPUExecutionProvider"])
    batch = BATCH[a.workload]
    f = feeds(session, batch)
    names = [session.get_outputs()[0].name]

    def call():
        t0 = time.perf_counter()
        session.run(names, f)
        return time.perf_counter() - t0

    start, n, previous = time.perf_counter(), 0, None
    for _ in range(a.warmup):
        call()
        n += 1
    while time.perf_counter() - start < a.warmup_seconds:
        block = sorted(call() for _ in range(5))
        n += 5
        if previous is not None and abs(block[2] - previous) <= 0.03 * previous:
            break
        previous = block[2]
    values = []
    for _ in range(a.steps):
        s = call()
        values.append(s * 1000 if a.workload == "W3" else batch / s)
    print(json.dumps({"workload": a.workload, "engine": "onnxruntime python " + ort.__version__,
                      "unit": "ms/sequence" if a.workload == "W3" else "sequences/s", "values": values,
                      "warmup_steps": n,
                      "peak_rss_mib": peak_rss_mib()}), flush=True)


if __name__ == "__main__":
    main()
