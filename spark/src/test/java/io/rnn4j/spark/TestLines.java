package io.rnn4j.spark;

import io.rnn4j.core.RandomSource;
import java.util.Locale;

/** The tests' random sequence lines, in the {@code sequences} data kind's JSON Lines form. */
final class TestLines {
    private TestLines() {
    }

    /**
     * {@code {"x": [[f0, f1, ...], ...]}} of {@code minSteps + r.nextInt(spread)} steps of {@code features} values
     * drawn from {@code r} step by step, with {@code "y"}: {@code labels[1]} when the first values of the steps sum
     * above 0, else {@code labels[0]} (JSON values, quoted by the caller where they are strings); no {@code "y"}
     * when {@code labels} is null.
     */
    static String sequence(RandomSource r, int minSteps, int spread, int features, String[] labels) {
        int len = minSteps + r.nextInt(spread);
        StringBuilder x = new StringBuilder("{\"x\": [");
        double sum = 0;
        for (int t = 0; t < len; t++) {
            x.append(t == 0 ? "[" : ",[");
            for (int f = 0; f < features; f++) {
                double v = r.nextGaussian();
                sum += f == 0 ? v : 0;
                x.append(f == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", v));
            }
            x.append(']');
        }
        x.append(']');
        if (labels != null) {
            x.append(", \"y\": ").append(sum > 0 ? labels[1] : labels[0]);
        }
        return x.append('}').toString();
    }
}
