package io.rnn4j.runtime.bench;

import java.util.Locale;

/** The standard workloads (see {@code docs/BENCHMARKS.md}, which defines each). */
public enum Workload {
    /** LSTM classifier training: batch 32, sequence 100, 64 features, 128 units, last step → 2 classes, Adam. */
    W1("sequences/s", true),
    /** W1 with a GRU. */
    W2("sequences/s", true),
    /** LSTM inference latency, batch 1, sequence 100, 64 features, 128 units, many-to-one. */
    W3("ms/sequence", false),
    /** LSTM inference throughput, batch 256. */
    W4("sequences/s", true),
    /** Char LM training: vocabulary 96, embedding 64, 2 x LSTM 256, dense 96 per step, batch 32, sequence 64. */
    W5("tokens/s", true);

    private final String unit;
    private final boolean higherIsBetter;

    Workload(String unit, boolean higherIsBetter) {
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    /** The unit of the figure. */
    public String unit() {
        return unit;
    }

    /** Whether a larger figure is better (throughput) or smaller (latency). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Lower-case id. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
