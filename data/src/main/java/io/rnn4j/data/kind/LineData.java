package io.rnn4j.data.kind;

import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;
import io.rnn4j.data.internal.SequenceLines;
import java.util.Optional;

/**
 * Data loaded for a cluster ({@link io.rnn4j.core.spi.DataKind#loadForCluster}): the validation and test
 * examples in memory, the training split only as lines of its file ({@link SequenceLines}, offered as
 * {@link io.rnn4j.core.spi.LineExamples}) that the executors read. Asked for the training batches after all,
 * it reads them from the file, one epoch at a time.
 */
final class LineData implements LoadedData {
    private final ExampleData heldOut;
    private final SequenceLines lines;

    LineData(ExampleData heldOut, SequenceLines lines) {
        this.heldOut = heldOut;
        this.lines = lines;
    }

    @Override
    public DataPipeline pipeline() {
        return heldOut.pipeline();
    }

    @Override
    public int size(Split split) {
        return split == Split.TRAIN ? lines.size() : heldOut.size(split);
    }

    @Override
    public BatchSource batches(Split split, BatchPlan plan) {
        return split == Split.TRAIN ? lines.batches(plan) : heldOut.batches(split, plan);
    }

    @Override
    public TaskReport report(Split split, ReportContext context) {
        return heldOut.report(split, context);
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return heldOut.capability(type);
    }
}
