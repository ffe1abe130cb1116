package io.rnn4j.spark;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.metrics.Metric;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.spi.OriginalUnits;
import io.rnn4j.core.train.MetricNames;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.optim.LrScheduler;
import io.rnn4j.core.optim.Optimizer;
import io.rnn4j.core.optim.OptimizerState;
import io.rnn4j.core.spec.DistributedSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.EpochResult;
import io.rnn4j.core.train.ParameterUpdate;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.core.train.TrainerState;
import io.rnn4j.core.train.TrainingListener;
import io.rnn4j.core.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-parallel training on Spark. The driver holds the flat parameters, the optimizer, the schedule
 * and a copy of the network (for validation and checkpoints); K workers (Spark partitions) compute.
 *
 * <p><b>Data</b>: with {@link #readOnExecutors} ({@code sequences} files) the executors read and encode
 * their shards themselves ({@link LineShards}). Otherwise every epoch the driver takes the epoch's global
 * batches from its {@link BatchSource}
 * (shuffled with the experiment's seed exactly as on one machine), cuts each into K shards (example
 * index mod K, {@link ShardCodec}) and ships worker k its shards of the whole epoch once, as a cached
 * partition; the steps then send only parameters and gradients.
 *
 * <p><b>{@code sync}</b> (exact): each step broadcasts the parameters; worker k runs the gradient pass
 * on its shard and sends back the gradient of its shard's mean loss with the loss sum and the count; the
 * driver adds {@code gradient * count} over the workers in partition order in double precision, divides
 * by the global count (the targets the single-machine loss averages over: valid steps, or rows), then
 * clips and steps the optimizer once ({@link ParameterUpdate}). That is the single-machine step with
 * the sum over the batch regrouped, so the weights agree to float rounding (about 1e-7 relative per step).
 *
 * <p><b>{@code local_sgd}</b> (not exact): each round broadcasts parameters and optimizer state; each
 * worker takes {@code sync_every} full steps alone on its shards (a K times smaller batch per step) and
 * sends back parameters and optimizer state, which the driver averages (plain mean over the workers that
 * stepped). One Spark job per round instead of per step.
 *
 * <p><b>Metrics</b>: the training-pass metrics are measured by the workers on their shards and added up on the
 * driver from their statistics ({@code TrainMetrics}); validation loss and metrics are computed on the driver.
 * {@code metrics.csv} has a local run's columns in its order (the CTC sequence metrics excepted: a worker
 * has no CTC scoring, so a CTC model's training {@code cer}/{@code wer} columns are absent).
 *
 * <p><b>Not supported</b> (a clear error before training): truncated BPTT and early stopping. Dropout
 * masks are drawn per worker from a source fixed by seed, step and worker, so runs repeat exactly but
 * differ from the single-machine masks.
 *
 * <p><b>Failures</b>: a lost executor makes Spark rerun its tasks; they recompute the same results
 * (the shards are recomputed from the driver's lineage, the random sources are fixed), so training goes
 * on unchanged. {@link #state()} after an epoch is a normal {@link TrainerState} for checkpoints and
 * {@link #restore} resumes from it.
 */
public final class SparkTrainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);

    private final JavaSparkContext spark;
    private final ModelRecipe recipe;
    private final DistributedSpec options;
    private final TrainingSpec spec;
    private final long seed;
    private final String run = UUID.randomUUID().toString();
    private final Network network;
    private final Trainer evaluator;
    private final List<MetricKind> metricKinds;
    private final TrainMetrics trainMetrics;
    private Supplier<OriginalUnits.Forecasts> originalUnits;
    private final List<TrainingListener> listeners;
    private final LrScheduler scheduler;
    private final ParameterUpdate update;
    private int epoch;
    private long globalStep;
    private final List<EpochResult> history = new ArrayList<>();
    private StepStats stats = StepStats.NONE;
    private LineShards lineShards;

    /**
     * A trainer.
     *
     * @param spark     the Spark context
     * @param recipe    how every JVM builds the model
     * @param options   the {@code distributed:} section (workers, strategy, sync_every)
     * @param seed      the experiment's seed (dropout sources of the workers)
     * @param metrics   the validation metrics
     * @param classes   classes, for the classification metrics
     * @param listeners notified after every epoch (checkpoints) and at the end
     */
    public SparkTrainer(JavaSparkContext spark, ModelRecipe recipe, DistributedSpec options, long seed,
            List<MetricKind> metrics, int classes, List<? extends TrainingListener> listeners) {
        this(spark, recipe, options, seed, metrics, classes, listeners, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A trainer whose driver network (validation, checkpoints) uses {@code driverThreads} threads.
     *
     * @see #SparkTrainer(JavaSparkContext, ModelRecipe, DistributedSpec, long, List, int, List)
     */
    public SparkTrainer(JavaSparkContext spark, ModelRecipe recipe, DistributedSpec options, long seed,
            List<MetricKind> metrics, int classes, List<? extends TrainingListener> listeners, int driverThreads) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.recipe = Objects.requireNonNull(recipe, "recipe");
        this.options = Objects.requireNonNull(options, "options");
        this.spec = recipe.training();
        this.seed = seed;
        if (spec.tbptt() != null) {
            throw new Rnn4jException("RNN4J-SPARK-001", "training.tbptt cannot be combined with distributed: a "
                    + "truncated-BPTT window is its own optimizer step and would need a cluster round trip per window. "
                    + "Remove training.tbptt, or remove the distributed section to train on one JVM");
        }
        if (spec.earlyStopping() != null) {
            throw new Rnn4jException("RNN4J-SPARK-001", "training.early_stopping is not supported with distributed "
                    + "training yet. Remove training.early_stopping (set training.epochs instead), or remove the "
                    + "distributed section to train on one JVM");
        }
        this.network = recipe.network(Math.max(1, driverThreads));
        // the classes of the classification metrics as the local trainer counts them (Prepared.trainer)
        int c = classes > 0 ? classes : Math.max(2, network.graph().output().features());
        this.evaluator = Trainer.builder(network, spec).loss(recipe.loss()).metrics(metrics).classes(c)
                .random(new RandomSource(seed).fork("evaluation")).build();
        this.metricKinds = List.copyOf(metrics);
        this.trainMetrics = TrainMetrics.of(metrics, c);
        this.listeners = List.copyOf(listeners);
        this.scheduler = new LrScheduler(spec.schedule(), spec.optimizer().learningRate());
        this.update = new ParameterUpdate(Optimizer.create(spec.optimizer()), spec.clipNorm(), spec.clipValue());
    }

    /**
     * For a model whose data is scored in original units (a forecaster): after every epoch the validation metrics
     * are computed from {@code validation}'s forecasts and actual values in original units (called with the epoch's
     * weights in the driver's network), and the validation loss is named {@code val_loss_normalized}, as the local
     * trainer names them ({@link MetricNames}). Default: every metric on the network's own targets.
     *
     * @return this trainer
     */
    public SparkTrainer originalUnits(Supplier<OriginalUnits.Forecasts> validation) {
        this.originalUnits = Objects.requireNonNull(validation, "validation");
        return this;
    }

    /** The driver's network: its parameters are the trained ones (set the initial weights here). */
    public Network network() {
        return network;
    }

    /** Where the time and bytes went so far. */
    public StepStats stats() {
        return stats;
    }

    /** Completed epochs. */
    public int epoch() {
        return epoch;
    }

    /**
     * Trains from the epoch after {@link #epoch()} to {@code training.epochs}.
     *
     * @param train      the training batches (the global batches of every epoch)
     * @param validation validation batches, evaluated on the driver after each epoch, or {@code null}
     */
    public TrainingResult fit(BatchSource train, BatchSource validation) {
        int first = epoch + 1;
        for (TrainingListener l : listeners) {
            l.onTrainingStart(first, spec.epochs(), train.examples());
        }
        try {
            for (int e = first; e <= spec.epochs(); e++) {
                EpochResult r = runEpoch(e, train, validation);
                epoch = e;
                history.add(r);
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(r);
                }
            }
        } finally {
            // one task per worker: each executor that ran this run's tasks closes its networks (best effort: Spark
            // may place two of these tasks on one executor; an executor's pool is also dropped with its JVM)
            int k = Math.max(1, options.workers());
            spark.parallelize(java.util.Collections.nCopies(k, run), k).foreach(id -> Workers.forget(id));
            if (lineShards != null) {
                lineShards.close();
            }
        }
        String reason = first > spec.epochs() ? "already trained " + epoch + " of " + spec.epochs() + " epochs"
                : "completed " + spec.epochs() + " epochs on " + options.workers() + " workers ("
                        + options.strategy().name().toLowerCase(java.util.Locale.ROOT) + ")";
        LOG.info("training ended: {}; {}", reason, stats.summary());
        TrainingResult result = new TrainingResult(history, 0, Double.NaN, false, reason);
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(result);
        }
        return result;
    }

    private EpochResult runEpoch(int e, BatchSource train, BatchSource validation) {
        long start = System.nanoTime();
        float[] lastGood = network.parameters().values().clone();
        OptimizerState lastGoodOptimizer = update.optimizer().state();
        long lastGoodStep = globalStep;
        int k = options.workers();
        int nb;
        JavaRDD<EpochShards> epochData;
        if (lineShards != null) {
            // the executors read and encode their shards themselves; the driver only plans the batches
            List<int[]> plan = lineShards.plan(e - 1);
            nb = plan.size();
            requireBatches(nb, e);
            epochData = lineShards.epoch(spark, plan, k).persist(StorageLevel.MEMORY_ONLY());
        } else {
            List<TrainBatch> batches = train.batches(e - 1);
            nb = batches.size();
            requireBatches(nb, e);
            List<EpochShards> parts = new ArrayList<>(k);
            for (int w = 0; w < k; w++) {
                List<byte[]> shards = new ArrayList<>(batches.size());
                for (TrainBatch b : batches) {
                    TrainBatch s = ShardCodec.shard(b, w, k);
                    shards.add(s == null ? null : ShardCodec.encode(s));
                }
                parts.add(new EpochShards(w, shards));
            }
            epochData = spark.parallelize(parts, k).persist(StorageLevel.MEMORY_ONLY());
        }
        double lr = scheduler.learningRate();
        double sum = 0;
        long count = 0;
        List<Metric> measured = trainMetrics.create(); // the epoch's training metrics, added up from the workers'
        try {
            int every = options.strategy() == DistributedSpec.Strategy.SYNC ? 1 : options.syncEvery();
            for (int b = 0; b < nb; b += every) {
                int to = Math.min(b + every, nb);
                double[] lossAndCount = options.strategy() == DistributedSpec.Strategy.SYNC
                        ? syncStep(epochData, b, (float) lr, measured)
                        : localRound(epochData, b, to, (float) lr, measured);
                if (Double.isNaN(lossAndCount[0])) {
                    System.arraycopy(lastGood, 0, network.parameters().values(), 0, lastGood.length);
                    update.optimizer().restore(lastGoodOptimizer);
                    globalStep = lastGoodStep;
                    throw new Rnn4jException("RNN4J-TRAIN-002", "training diverged in epoch " + e + " (batches " + (b + 1)
                            + " to " + to + " of " + nb + "): a loss or gradient norm was not finite, at "
                            + "learning rate " + lr + ". Likely causes: a learning rate too high for this model (try 10 "
                            + "times lower: training.optimizer." + spec.optimizer().kind().id() + ".lr), exploding "
                            + "gradients (set training.clip_norm), or NaN values in the data. The weights were restored "
                            + "to those at the start of epoch " + e + ".");
                }
                sum += lossAndCount[0];
                count += (long) lossAndCount[1];
            }
        } finally {
            epochData.unpersist(false);
        }
        // the columns in the local trainer's order: validation loss, then each metric's training and validation value
        Map<String, Double> metrics = new LinkedHashMap<>();
        boolean original = originalUnits != null;
        Map<String, Double> validated = new LinkedHashMap<>();
        if (validation != null) {
            Map<String, Double> v = evaluator.evaluate(validation);
            metrics.put(MetricNames.validationLoss(original), v.get("loss"));
            if (original) {
                // a forecaster's validation metrics in original units, as the local trainer and evaluate give them
                OriginalUnits.Forecasts f = originalUnits.get();
                for (MetricKind kind : metricKinds) {
                    Metric m = Metric.create(kind, 2); // forecasters are scored by regression metrics
                    m.update(f.predicted(), f.actual());
                    validated.put(MetricNames.validation(kind), m.result());
                }
            } else {
                for (MetricKind kind : metricKinds) {
                    validated.put(MetricNames.validation(kind), v.get(kind.id()));
                }
            }
        }
        for (MetricKind kind : metricKinds) {
            int at = trainMetrics.kinds().indexOf(kind);
            if (at >= 0) {
                metrics.put(MetricNames.training(kind, original), measured.get(at).result());
            }
            if (validated.containsKey(MetricNames.validation(kind))) {
                metrics.put(MetricNames.validation(kind), validated.get(MetricNames.validation(kind)));
            }
        }
        EpochResult r = new EpochResult(e, count == 0 ? Double.NaN : sum / count, metrics, lr,
                (System.nanoTime() - start) / 1e9);
        if (scheduler.needsMetric()) {
            scheduler.step(validation != null ? metrics.get(MetricNames.validationLoss(original)) : r.trainLoss());
        } else {
            scheduler.step();
        }
        LOG.info("epoch {}: loss {} {} lr {}", e, r.trainLoss(), metrics, lr);
        return r;
    }

    private static void requireBatches(int batches, int e) {
        if (batches == 0) {
            throw new Rnn4jException("RNN4J-TRAIN-005", "the training data gave no batches for epoch " + e
                    + "; check that the training split is not empty (data.train, data.validation)");
        }
    }

    /**
     * Lets the executors read the training split from its file themselves instead of receiving batches from
     * the driver ({@link LineShards}); {@code fit}'s training source then only gives the example count. The
     * batches are the plan's, as the single machine's.
     *
     * @param source the training split as lines ({@code sequences} data offers it)
     * @param plan   the training batch plan (batch size, shuffle, bucketing, seed)
     */
    public void readOnExecutors(io.rnn4j.core.spi.LineExamples source, io.rnn4j.core.train.BatchPlan plan) {
        lineShards = new LineShards(spark, source, plan, options.workers());
    }

    /** Whether the executors read the training data themselves ({@link #readOnExecutors}). */
    public boolean readsOnExecutors() {
        return lineShards != null;
    }

    /** One exact step; returns {loss sum, count}, or NaN when it diverged. */
    private double[] syncStep(JavaRDD<EpochShards> data, int b, float lr, List<Metric> measured) {
        float[] values = network.parameters().values();
        long t0 = System.nanoTime();
        Broadcast<float[]> params = spark.broadcast(values.clone());
        long t1 = System.nanoTime();
        List<ShardResult> results = data.map(new SyncTask(run, recipe, params, b, globalStep, seed, trainMetrics)).collect();
        long t2 = System.nanoTime();
        params.destroy();
        double lossSum = 0;
        long count = 0;
        long slowest = 0;
        long back = 0;
        double[] acc = new double[values.length];
        for (ShardResult r : results) { // partition order
            slowest = Math.max(slowest, r.nanos());
            if (!r.finite()) {
                return new double[] {Double.NaN, 0};
            }
            if (r.values() == null) {
                continue;
            }
            back += 4L * r.values().length + TrainMetrics.bytes(r.metrics());
            TrainMetrics.add(measured, r.metrics());
            float[] g = r.values();
            double c = r.count();
            for (int i = 0; i < acc.length; i++) {
                acc[i] += g[i] * c;
            }
            lossSum += r.lossSum();
            count += r.count();
        }
        if (count > 0) {
            float[] grads = network.parameters().grads();
            for (int i = 0; i < acc.length; i++) {
                grads[i] = (float) (acc[i] / count);
            }
            if (!Double.isFinite(update.apply(values, grads, lr))) {
                return new double[] {Double.NaN, 0};
            }
            globalStep++;
        }
        long t3 = System.nanoTime();
        stats = stats.plus(count > 0 ? 1 : 0, slowest, t1 - t0, t2 - t1, t3 - t2, 4L * values.length, back);
        return new double[] {lossSum, count};
    }

    /** One local-SGD round over batches {@code [from, to)}; returns {loss sum, count}, or NaN when it diverged. */
    private double[] localRound(JavaRDD<EpochShards> data, int from, int to, float lr, List<Metric> measured) {
        float[] values = network.parameters().values();
        long t0 = System.nanoTime();
        byte[] optimizer = update.optimizer().steps() == 0 ? null : LocalSgdTask.writeState(update.optimizer().state());
        Broadcast<LocalSgdTask.Round> round = spark.broadcast(new LocalSgdTask.Round(values.clone(), optimizer, lr));
        long t1 = System.nanoTime();
        List<ShardResult> results = data.map(new LocalSgdTask(run, recipe, round, from, to, globalStep, seed, trainMetrics))
                .collect();
        long t2 = System.nanoTime();
        round.destroy();
        double[] acc = new double[values.length];
        List<OptimizerState> states = new ArrayList<>();
        double lossSum = 0;
        long count = 0;
        long slowest = 0;
        long back = 0;
        for (ShardResult r : results) {
            slowest = Math.max(slowest, r.nanos());
            if (!r.finite()) {
                return new double[] {Double.NaN, 0};
            }
            lossSum += r.lossSum();
            count += r.count();
            if (r.values() == null) {
                continue;
            }
            back += 4L * r.values().length + r.optimizer().length + TrainMetrics.bytes(r.metrics());
            TrainMetrics.add(measured, r.metrics());
            for (int i = 0; i < acc.length; i++) {
                acc[i] += r.values()[i];
            }
            states.add(LocalSgdTask.readState(r.optimizer()));
        }
        if (!states.isEmpty()) {
            for (int i = 0; i < acc.length; i++) {
                values[i] = (float) (acc[i] / states.size());
            }
            update.optimizer().restore(average(states));
            globalStep += to - from;
        }
        long t3 = System.nanoTime();
        stats = stats.plus(to - from, slowest, t1 - t0, t2 - t1, t3 - t2,
                4L * values.length + (optimizer == null ? 0 : optimizer.length), back);
        return new double[] {lossSum, count};
    }

    /** The element-wise mean of the workers' optimizer buffers; the step count is the largest. */
    static OptimizerState average(List<OptimizerState> states) {
        OptimizerState first = states.get(0);
        Map<String, float[]> buffers = new LinkedHashMap<>();
        long step = 0;
        for (OptimizerState s : states) {
            step = Math.max(step, s.step());
        }
        for (String name : first.bufferNames()) {
            double[] acc = new double[first.buffer(name).length];
            for (OptimizerState s : states) {
                float[] v = s.buffer(name);
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += v[i];
                }
            }
            float[] mean = new float[acc.length];
            for (int i = 0; i < acc.length; i++) {
                mean[i] = (float) (acc[i] / states.size());
            }
            buffers.put(name, mean);
        }
        return new OptimizerState(first.kind(), step, buffers);
    }

    /**
     * The state to checkpoint after an epoch (with the network's weights): epoch, step, optimizer,
     * schedule and history, in the single-machine format.
     */
    public TrainerState state() {
        return new TrainerState(epoch, globalStep, update.optimizer().state(), scheduler.state(), seed, 0, 0, Double.NaN,
                0, null, history);
    }

    /** Continues from a checkpoint's state (load its weights into {@link #network()} as well). */
    public void restore(TrainerState state) {
        if (state.optimizer().length() != 0 && state.optimizer().length() != network.parameters().count()) {
            throw new Rnn4jException("RNN4J-TRAIN-004", "the trainer state's optimizer covers "
                    + state.optimizer().length() + " parameters but this model has " + network.parameters().count()
                    + "; resume with the model (experiment.yaml) the state was saved with");
        }
        update.optimizer().restore(state.optimizer());
        scheduler.restore(state.scheduler());
        epoch = state.epoch();
        globalStep = state.globalStep();
        history.clear();
        history.addAll(state.history());
    }

    /**
     * Closes the driver network's backend (its worker threads, native sessions); the trainer is not used after.
     * The executors' networks of this run are closed when {@link #fit} ends ({@link Workers#forget}).
     */
    @Override
    public void close() {
        network.backend().close();
    }

    @Override
    public String toString() {
        return "SparkTrainer[" + options + ", epoch " + epoch + ", step " + globalStep + ", "
                + Arrays.toString(new int[] {network.parameters().count()}) + " parameters]";
    }
}
