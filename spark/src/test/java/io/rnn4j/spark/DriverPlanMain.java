package io.rnn4j.spark;

import io.rnn4j.core.data.DataKindRegistry;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.spi.LineExamples;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.runtime.ExperimentPreparer;
import io.rnn4j.runtime.Prepared;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Everything the driver of a distributed run does with the data, without Spark (a child JVM of
 * {@link DriverMemoryTest}): prepare the experiment as {@code rnn4j train} does, plan two epochs of batches and
 * assign every training line to its worker, batch and slot ({@link LineShards#assign}, what the driver
 * broadcasts), and build the validation batches it evaluates after every epoch. Prints what it planned and the
 * heap in use after a collection.
 */
public final class DriverPlanMain {
    private DriverPlanMain() {
    }

    public static void main(String[] args) {
        ClassLoader cl = DriverPlanMain.class.getClassLoader();
        LayerKindRegistry kinds = LayerKindRegistry.discover(cl);
        Prepared p = new ExperimentPreparer(new ExperimentLoader(kinds, DataKindRegistry.discover(cl)), kinds)
                .prepare(Path.of(args[0]), List.of());
        TrainingSpec ts = p.spec().training();
        BatchPlan plan = new BatchPlan(ts.batchSize(), ts.shuffle(), ts.bucketByLength(), p.spec().seed());
        LineExamples lines = p.loaded().capability(LineExamples.class).orElseThrow();
        long[] train = lines.trainLines();
        int batches = 0;
        for (int e = 0; e < 2; e++) {
            List<int[]> epoch = lines.plan(plan, e);
            LineShards.Assignment a = LineShards.assign(train, epoch, 2);
            if (a.keys().length != train.length) {
                throw new AssertionError("assigned " + a.keys().length + " of " + train.length + " lines");
            }
            batches += a.batches();
        }
        int validation = 0;
        for (TrainBatch b : p.batches(Split.VALIDATION, BatchPlan.evaluation(ts.batchSize())).batches(0)) {
            validation += b.size();
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        System.out.printf(Locale.ROOT, "planned %d training examples (%d batches in 2 epochs), %d validation examples; "
                + "heap in use after GC %.1f MB of %.1f MB%n", train.length, batches, validation, used / 1048576.0,
                rt.maxMemory() / 1048576.0);
    }
}
