/**
 * The standard benchmark workloads W1–W5 of {@code docs/BENCHMARKS.md}, timed on any backend with
 * warm-up and repetitions (median, min, max), with ONNX Runtime (Java) on the same exported model for
 * W3/W4 and PyTorch (through {@code tools/bench/torch_bench.py}, when a Python with torch is present)
 * measured in the same run, so every figure is reported with ratios taken side by side.
 */
package io.rnn4j.runtime.bench;
