package io.rnn4j.core.optim;

import java.util.Locale;

/** Whether a monitored metric improves by going down ({@code min}, e.g. a loss) or up ({@code max}). */
public enum PlateauMode {
    /** Lower is better (losses, error rates, perplexity). */
    MIN,
    /** Higher is better (accuracy, F1). */
    MAX;

    /** Lower-case id ({@code min}, {@code max}), as in YAML and PyTorch. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
