package io.rnn4j.data.kind;

import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.metrics.SeenItems;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.spi.StreamedSplit;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;
import io.rnn4j.data.Example;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link StreamedSplit} over examples read in windows: each window is batched as {@link ExampleData}
 * batches a split and added to the kind's running report ({@link Tally}).
 */
final class ExampleStream implements StreamedSplit {

    /** Reads the file's examples in windows. */
    interface Reader extends AutoCloseable {
        /** The next (up to) {@code max} examples, or {@code null} after the last. */
        List<Example> next(int max);

        @Override
        void close();
    }

    /** A reader that asks {@code next} for each window and runs {@code close} at the end (a loader's test windows). */
    static Reader reader(java.util.function.IntFunction<List<Example>> next, Runnable close) {
        return new Reader() {
            @Override
            public List<Example> next(int max) {
                return next.apply(max);
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    /**
     * Examples the kind already holds whole (its report needs all of them, as a forecaster's MASE scale needs
     * every row before each window), batched window by window; {@code report} gives the report once at the end.
     */
    static ExampleStream held(List<Example> examples, java.util.function.Function<ReportContext, TaskReport> report,
            int window) {
        return held(examples, report, window, null);
    }

    /** {@link #held(List, java.util.function.Function, int)}, the batches carrying {@code seen}'s items (null: none). */
    static ExampleStream held(List<Example> examples, java.util.function.Function<ReportContext, TaskReport> report,
            int window, Function<List<Example>, SeenItems> seen) {
        int[] at = {0};
        Reader reader = reader(max -> {
            if (at[0] >= examples.size()) {
                return null;
            }
            List<Example> part = examples.subList(at[0], Math.min(examples.size(), at[0] + max));
            at[0] += part.size();
            return part;
        }, () -> { });
        return new ExampleStream(reader, new Tally() {
            @Override
            public void add(List<Example> w, BatchSource batches, ReportContext context) {
            }

            @Override
            public TaskReport report(ReportContext context) {
                return report.apply(context);
            }
        }, window, seen);
    }

    /**
     * The majority-class baseline counted window by window ({@code majority} is the class the model's training
     * split has most), the report a classifier's whole test split gives; or, for {@code majority < 0}, no report.
     */
    static Tally majorityClass(int majority) {
        return new Tally() {
            private long hits;
            private long total;

            @Override
            public void add(List<Example> window, BatchSource batches, ReportContext context) {
                hits += majority >= 0 ? Baselines.hits(majority, window) : 0;
                total += window.size();
            }

            @Override
            public TaskReport report(ReportContext context) {
                return majority >= 0 ? new Reports.Classification(Split.TEST, total == 0 ? Double.NaN : (double) hits / total)
                        : TaskReport.none(Split.TEST);
            }
        };
    }

    /** A report accumulated window by window. */
    interface Tally {
        /** Adds one window: its examples and their batches (for a report that runs the model on them). */
        void add(List<Example> window, BatchSource batches, ReportContext context);

        /** The report on every window added. */
        TaskReport report(ReportContext context);
    }

    private final Reader reader;
    private final Tally tally;
    private final int window;
    private final Function<List<Example>, SeenItems> seen;
    private int examples;

    ExampleStream(Reader reader, Tally tally, int window) {
        this(reader, tally, window, null);
    }

    ExampleStream(Reader reader, Tally tally, int window,
            Function<List<Example>, SeenItems> seen) {
        this.seen = seen;
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        this.reader = reader;
        this.tally = tally;
        this.window = window;
    }

    @Override
    public BatchSource next(BatchPlan plan, ReportContext context) {
        List<Example> w = reader.next(window);
        if (w == null) {
            return null;
        }
        examples += w.size();
        BatchSource batches = ExampleData.batches(w, plan, seen);
        tally.add(w, batches, context);
        return batches;
    }

    @Override
    public int examples() {
        return examples;
    }

    @Override
    public TaskReport report(ReportContext context) {
        return tally.report(context);
    }

    @Override
    public void close() {
        reader.close();
    }
}
