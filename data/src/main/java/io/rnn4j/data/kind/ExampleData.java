package io.rnn4j.data.kind;

import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.metrics.SeenItems;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;
import io.rnn4j.data.BatchOptions;
import io.rnn4j.data.Batches;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A loaded {@link Dataset} (examples in memory) as a {@link LoadedData}: batches through the
 * {@link io.rnn4j.data.Batcher}, the pipeline and the kind's report.
 */
final class ExampleData implements LoadedData {
    private final Dataset data;
    private final DataPipeline pipeline;
    private final BiFunction<Split, ReportContext, TaskReport> report;
    private final Object extra;
    private final Function<List<Example>, SeenItems> seen;

    ExampleData(Dataset data, DataPipeline pipeline, BiFunction<Split, ReportContext, TaskReport> report) {
        this(data, pipeline, report, null);
    }

    /** With {@code extra}, an object offering capabilities of this data (such as a backtester). */
    ExampleData(Dataset data, DataPipeline pipeline, BiFunction<Split, ReportContext, TaskReport> report, Object extra) {
        this(data, pipeline, report, extra, null);
    }

    /**
     * With {@code seen}, the items the ranking metrics leave out for the examples of a batch
     * ({@link io.rnn4j.core.train.TrainBatch#seen()}), or {@code null} for none.
     */
    ExampleData(Dataset data, DataPipeline pipeline, BiFunction<Split, ReportContext, TaskReport> report, Object extra,
            Function<List<Example>, SeenItems> seen) {
        this.data = data;
        this.pipeline = pipeline;
        this.report = report;
        this.extra = extra;
        this.seen = seen;
    }

    @Override
    public <C> java.util.Optional<C> capability(Class<C> type) {
        return type.isInstance(extra) ? java.util.Optional.of(type.cast(extra)) : LoadedData.super.capability(type);
    }

    /** The examples. */
    Dataset data() {
        return data;
    }

    @Override
    public DataPipeline pipeline() {
        return pipeline;
    }

    @Override
    public int size(Split split) {
        return data.split(split).size();
    }

    @Override
    public BatchSource batches(Split split, BatchPlan plan) {
        return batches(data.split(split), plan, seen);
    }

    /** {@code examples} batched as {@code plan} says (how every split of a loaded data set is batched). */
    static BatchSource batches(List<Example> examples, BatchPlan plan) {
        return batches(examples, plan, null);
    }

    /** {@link #batches(java.util.List, BatchPlan)}, the batches carrying {@code seen}'s items (null: none). */
    static BatchSource batches(List<Example> examples, BatchPlan plan,
            Function<List<Example>, SeenItems> seen) {
        BatchOptions options = !plan.shuffle() && !plan.bucketByLength() ? BatchOptions.evaluation(plan.batchSize())
                : new BatchOptions(plan.batchSize(), plan.shuffle(), plan.bucketByLength(), 50, plan.seed());
        return Batches.source(examples, options, seen);
    }

    @Override
    public TaskReport report(Split split, ReportContext context) {
        return report.apply(split, context);
    }
}
