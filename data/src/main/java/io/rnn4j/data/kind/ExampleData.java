package io.rnn4j.data.kind;

import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;
import io.rnn4j.data.BatchOptions;
import io.rnn4j.data.Batches;
import io.rnn4j.data.Dataset;
import java.util.function.BiFunction;

/**
 * A loaded {@link Dataset} (examples in memory) as a {@link LoadedData}: batches through the
 * {@link io.rnn4j.data.Batcher}, the pipeline and the kind's report.
 */
final class ExampleData implements LoadedData {
    private final Dataset data;
    private final DataPipeline pipeline;
    private final BiFunction<Split, ReportContext, TaskReport> report;

    ExampleData(Dataset data, DataPipeline pipeline, BiFunction<Split, ReportContext, TaskReport> report) {
        this.data = data;
        this.pipeline = pipeline;
        this.report = report;
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
        BatchOptions options = !plan.shuffle() && !plan.bucketByLength() ? BatchOptions.evaluation(plan.batchSize())
                : new BatchOptions(plan.batchSize(), plan.shuffle(), plan.bucketByLength(), 50, plan.seed());
        return Batches.source(data.split(split), options);
    }

    @Override
    public TaskReport report(Split split, ReportContext context) {
        return report.apply(split, context);
    }
}
