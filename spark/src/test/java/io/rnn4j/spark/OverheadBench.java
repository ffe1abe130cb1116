package io.rnn4j.spark;

import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.optim.AdamSpec;
import io.rnn4j.core.optim.LrSchedule;
import io.rnn4j.core.spec.DistributedSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The README's per-step overhead figures: BENCHMARKS.md's W1 (LSTM 128 over 100 steps of 64 features,
 * batch 32, Adam) for 5 warm-up and 20 timed steps, on one JVM or on Spark {@code local[2]}. Run each
 * mode in its own fresh JVM: {@code single THREADS}, {@code spark K TASK_CPUS}. Not a test.
 */
public final class OverheadBench {
    private OverheadBench() {
    }

    record W1(String backend) implements ModelRecipe {
        private static final long serialVersionUID = 1L;

        @Override
        public Network network(int threads) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Diagnostics diags = new Diagnostics();
            LayerGraph graph = LayerGraph.compile(ValueType.sequence(64), List.of(new LayerGraph.Item("lstm",
                    new LstmSpec(128, 1, false, Merge.CONCAT, 0f, 0f, false, 1f, Initializer.GLOROT_UNIFORM,
                            Initializer.ORTHOGONAL), "model.layers[0]")),
                    new LayerGraph.Item("many_to_one", new ManyToOneSpec(Pooling.LAST, 2, null), "model.head"),
                    LayerKindRegistry.discover(loader), diags, p -> SourceLocation.unknown("w1"));
            diags.throwIfErrors("w1");
            Network n = new Network(graph, BackendRegistry.discover(loader).choose(backend).provider()
                    .create(BackendOptions.threads(threads)));
            n.initialize(new RandomSource(1));
            return n;
        }

        @Override
        public TrainingSpec training() {
            return new TrainingSpec(1, 32, AdamSpec.of(1e-3), LrSchedule.constant(), null, null, null, List.of(), null,
                    null, false, false);
        }

        @Override
        public Loss loss() {
            return Loss.of(LossKind.CROSS_ENTROPY);
        }
    }

    static BatchSource batches(int n) {
        RandomSource r = new RandomSource(3);
        List<TrainBatch> out = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            Tensor x = Tensor.zeros(32, 100, 64);
            for (int i = 0; i < x.size(); i++) {
                x.setFlat(i, (float) r.nextGaussian());
            }
            Tensor y = Tensor.zeros(32);
            for (int i = 0; i < 32; i++) {
                y.setFlat(i, r.nextInt(2));
            }
            out.add(TrainBatch.of(Flow.sequences(x), y));
        }
        return BatchSource.of(out);
    }

    /** {@code single THREADS BACKEND} or {@code spark K TASK_CPUS BACKEND}. */
    public static void main(String[] args) {
        String backend = args[args.length - 1];
        W1 recipe = new W1(backend);
        if (args[0].equals("single")) {
            int threads = Integer.parseInt(args[1]);
            Network net = recipe.network(threads);
            Trainer t = Trainer.builder(net, recipe.training()).loss(recipe.loss()).random(new RandomSource(1)).build();
            t.fit(batches(5), null);
            Trainer timed = Trainer.builder(net, recipe.training()).loss(recipe.loss()).random(new RandomSource(1)).build();
            long t0 = System.nanoTime();
            timed.fit(batches(20), null);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "W1 single JVM, %s, %d threads: %.1f ms/step, %.0f seq/s%n", backend, threads,
                    s * 1000 / 20, 20 * 32 / s);
            return;
        }
        int k = Integer.parseInt(args[1]);
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("w1").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.task.cpus", args[2]);
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            DistributedSpec d = new DistributedSpec(DistributedSpec.Engine.SPARK, "local[2]", k,
                    DistributedSpec.Strategy.SYNC, 1);
            new SparkTrainer(spark, recipe, d, 1, List.of(), 2, List.of()).fit(batches(5), null);
            SparkTrainer timed = new SparkTrainer(spark, recipe, d, 1, List.of(), 2, List.of());
            long t0 = System.nanoTime();
            timed.fit(batches(20), null);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "W1 spark local[2], K=%d, spark.task.cpus=%s, %s: %.1f ms/step, %.0f seq/s; %s%n",
                    k, args[2], backend, s * 1000 / 20, 20 * 32 / s, timed.stats().summary());
        }
    }
}
