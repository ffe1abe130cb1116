package io.rnn4j.core.spi;

import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;

/**
 * A file read for {@code evaluate --data} in bounded windows of examples, so that memory holds one window,
 * not the file ({@link DataKind#stream}). The caller asks for windows until there are none, feeding each to
 * the trainer's {@link io.rnn4j.core.train.Trainer#evaluator() evaluator}, then asks for the report. The
 * report's figures are accumulated window by window, so they equal what {@link LoadedData#report} gives on
 * the whole file read at once.
 */
public interface StreamedSplit extends AutoCloseable {

    /**
     * Reads the next window of at most the size given to {@link DataKind#stream}, encoded with the model's
     * pipeline, adds it to the report's running figures, and returns its batches as {@code plan} says.
     *
     * @param plan    how to batch the window (evaluation: in order, not shuffled)
     * @param context the model, for a report that runs it (exact match of decoded sequences)
     * @return the window's batches, or {@code null} after the last window
     * @throws io.rnn4j.core.Rnn4jException for a problem in the file, located as {@link DataKind#loadWith} locates it
     */
    BatchSource next(BatchPlan plan, ReportContext context);

    /** The examples read so far. */
    int examples();

    /**
     * The task's figures on every window read (call after the last).
     *
     * @param context the model, for a report that runs it
     */
    TaskReport report(ReportContext context);

    /** Releases the file. */
    @Override
    void close();
}
