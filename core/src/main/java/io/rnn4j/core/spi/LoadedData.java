package io.rnn4j.core.spi;

import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;

/** A data set a {@link DataKind} has loaded: its splits as batches, its fitted pipeline and its report. */
public interface LoadedData {

    /** The fitted pipeline (what the model archive stores). */
    DataPipeline pipeline();

    /** Number of examples in a split (0 for an absent split). */
    int size(Split split);

    /** The examples of a split as batches; a deterministic list per epoch (see {@link BatchSource}). */
    BatchSource batches(Split split, BatchPlan plan);

    /** The task's figures on a split with at least one example (baselines, errors in original units...). */
    TaskReport report(Split split, ReportContext context);
}
