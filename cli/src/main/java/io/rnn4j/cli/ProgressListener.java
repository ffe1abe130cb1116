package io.rnn4j.cli;

import io.rnn4j.core.train.EpochResult;
import io.rnn4j.core.train.TrainingDivergedException;
import io.rnn4j.core.train.TrainingListener;
import io.rnn4j.core.train.TrainingResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: on a terminal a progress bar per epoch with the loss, throughput and ETA
 * (the progressbar library); otherwise (a pipe, a CI log) one plain line per epoch.
 */
final class ProgressListener implements TrainingListener {
    private final PrintWriter out;
    private final boolean terminal;
    private ProgressBar bar;
    private int epochs;
    private double lossSum;
    private int lossCount;

    ProgressListener(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onTrainingStart(int firstEpoch, int epochs, int trainingExamples) {
        this.epochs = epochs;
        out.println(startLine(firstEpoch, epochs, trainingExamples));
        out.flush();
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss, double examplesPerSecond) {
        lossSum += loss;
        lossCount++;
        if (!terminal) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(batches).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
                    .showSpeed().setUnit(" batches", 1).continuousUpdate().build();
        }
        bar.stepTo(batch);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f, %.0f ex/s", lossSum / lossCount, examplesPerSecond));
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        lossSum = 0;
        lossCount = 0;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", r.epoch(), epochs,
                r.trainLoss()));
        for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %s %.4f", e.getKey(), e.getValue()));
        }
        sb.append(String.format(Locale.ROOT, "  lr %.2g  %s", r.lr(), format(Duration.ofMillis((long) (r.seconds() * 1000)))));
        out.println(sb);
        out.flush();
    }

    @Override
    public void onTrainingEnd(TrainingResult result) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.println(result.reason() + (result.bestEpoch() > 0 ? " (best epoch " + result.bestEpoch() + ")" : ""));
        out.flush();
    }

    /** {@code training 1 epoch on 1,000 examples}, or where a resumed run continues. */
    static String startLine(int firstEpoch, int epochs, int trainingExamples) {
        String examples = String.format(Locale.ROOT, "%,d %s", trainingExamples, trainingExamples == 1 ? "example" : "examples");
        if (firstEpoch <= 1) {
            return "training " + epochs + (epochs == 1 ? " epoch" : " epochs") + " on " + examples;
        }
        if (firstEpoch > epochs) {
            return "resuming: all " + epochs + (epochs == 1 ? " epoch was" : " epochs were") + " already trained; "
                    + "raise training.epochs (--set training.epochs=N) to train more";
        }
        int left = epochs - firstEpoch + 1;
        return "resuming at epoch " + firstEpoch + " of " + epochs + " (" + (firstEpoch - 1) + " done, " + left + " to go) on "
                + examples;
    }

    @Override
    public void onTrainingDiverged(TrainingDivergedException error) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.flush(); // the error itself is the one message the user reads
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
