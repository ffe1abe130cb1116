package io.rnn4j.data.kind;

import io.rnn4j.core.data.Plot;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.train.Split;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The typed reports of the built-in kinds. */
public final class Reports {
    private Reports() {
    }

    /**
     * A classifier's report.
     *
     * @param split                    the split
     * @param majorityBaselineAccuracy accuracy of always predicting the training split's most frequent class
     */
    public record Classification(Split split, double majorityBaselineAccuracy) implements TaskReport {
    }

    /**
     * A forecaster's report: its errors in original units against the seasonal-naive baseline's.
     *
     * @param split             the split
     * @param rmseOriginalUnits the model's root mean squared error in original units
     * @param maeOriginalUnits  the model's mean absolute error in original units
     * @param baselineRmse      the baseline's RMSE
     * @param baselineMae       the baseline's MAE
     * @param baseline          what the baseline is ({@code seasonal naive, season 12})
     * @param beatsBaseline     whether the model's RMSE is below the baseline's
     * @param predicted         every window's forecast, in original units (for the plot)
     * @param actual            the actual values of the same windows
     */
    public record Forecast(Split split, double rmseOriginalUnits, double maeOriginalUnits, double baselineRmse,
            double baselineMae, String baseline, boolean beatsBaseline, float[] predicted, float[] actual)
            implements TaskReport {

        @Override
        public List<Plot> plots() {
            Map<String, double[]> s = new LinkedHashMap<>();
            s.put("actual", toDouble(actual));
            s.put("forecast", toDouble(predicted));
            return List.of(new Plot("forecast.png", "forecast against actual (" + split + " windows, original units)", s));
        }

        private static double[] toDouble(float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
    }

    /**
     * A sequence-to-sequence model's report.
     *
     * @param split      the split
     * @param exactMatch share of examples whose greedy decoding equals the reference exactly
     */
    public record ExactMatch(Split split, double exactMatch) implements TaskReport {
    }

    /**
     * A language model's report.
     *
     * @param split  the split
     * @param sample text generated from the sample prompt (temperature 0.8)
     */
    public record Sample(Split split, String sample) implements TaskReport {
    }
}
