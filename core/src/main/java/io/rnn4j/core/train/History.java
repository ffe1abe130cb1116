package io.rnn4j.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A listener that records every epoch (Keras's {@code History} and {@code CSVLogger} in one) and writes
 * them as CSV:
 *
 * <pre>
 * epoch,loss,val_loss,accuracy,val_accuracy,lr
 * 1,0.6931,0.6702,0.52,0.61,0.001
 * </pre>
 *
 * <p>Columns are {@code epoch}, {@code loss}, every metric in the order the trainer reports them
 * ({@link EpochResult#metrics()}), then {@code lr}. Numbers are written with {@link Double#toString}, so
 * they read back exactly; a value an epoch did not measure is an empty cell. Not thread-safe.
 */
public final class History implements TrainingListener {
    private final List<EpochResult> epochs = new ArrayList<>();

    @Override
    public void onEpochEnd(EpochResult result) {
        epochs.add(result);
    }

    /** The epochs recorded so far, in order. */
    public List<EpochResult> epochs() {
        return List.copyOf(epochs);
    }

    /** The recorded values of one column ({@code loss}, {@code val_loss}, {@code lr}, ...), one per epoch. */
    public List<Double> values(String name) {
        return epochs.stream().map(e -> e.value(name)).toList();
    }

    /** The CSV text, header first, one line per epoch, each ending in {@code \n}. */
    public String toCsv() {
        Set<String> metrics = new LinkedHashSet<>();
        for (EpochResult e : epochs) {
            metrics.addAll(e.metrics().keySet());
        }
        StringBuilder sb = new StringBuilder("epoch,loss");
        for (String m : metrics) {
            sb.append(',').append(m);
        }
        sb.append(",lr\n");
        for (EpochResult e : epochs) {
            sb.append(e.epoch()).append(',').append(e.trainLoss());
            for (String m : metrics) {
                Double v = e.metrics().get(m);
                sb.append(',').append(v == null ? "" : v.toString());
            }
            sb.append(',').append(e.lr()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes {@link #toCsv()} to {@code file} (UTF-8), replacing it.
     *
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public void writeCsv(Path file) {
        try {
            Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the training history to " + file + ": " + e.getMessage()
                    + "; check that the directory exists and is writable", e);
        }
    }
}
