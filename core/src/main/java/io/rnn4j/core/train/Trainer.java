package io.rnn4j.core.train;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.metrics.Metric;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.Stateful;
import io.rnn4j.core.optim.Optimizer;
import io.rnn4j.core.optim.LrScheduler;
import io.rnn4j.core.spec.EarlyStoppingSpec;
import io.rnn4j.core.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link Network} as its {@link TrainingSpec} says: epochs of optimizer steps over a
 * {@link BatchSource}, validation after every epoch, the learning-rate schedule, early stopping with the
 * best weights restored, truncated BPTT, and a resumable {@link TrainerState}.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(network, spec.training())
 *         .loss(LossKind.CROSS_ENTROPY).metrics(List.of(MetricKind.ACCURACY)).classes(2)
 *         .random(new RandomSource(seed).fork("trainer"))
 *         .listener(history)
 *         .build();
 * TrainingResult result = trainer.fit(trainBatches, validationBatches);
 * Map<String, Double> test = trainer.evaluate(testBatches);      // {loss=..., accuracy=...}
 * }</pre>
 *
 * <p><b>One step</b> (per batch; per window with truncated BPTT): zero the gradients; forward in a
 * training context carrying the batch's teacher; the loss and its gradient; backward, the gradient flow
 * carrying the output's mask; clip by global norm ({@code clip_norm}), then by value ({@code clip_value});
 * the optimizer's step with the scheduler's rate for the epoch.
 *
 * <p><b>After each epoch</b>: the validation loss and metrics in inference passes (a decoder head's
 * batches carry their teacher there too: validation is teacher-forced, in a non-training context, so it
 * measures what the training loss measures); the schedule's step, fed the monitored value for
 * {@code reduce_on_plateau}; early stopping. The monitored value is early stopping's {@code monitor}
 * ({@code loss}, {@code val_loss}, {@code <metric>} or {@code val_<metric>}; mode {@code auto} is min for
 * the loss and errors, max for accuracy, precision, recall and F1), else {@code val_loss} with validation
 * data, else {@code loss}; it also picks {@link TrainingResult#bestEpoch()} and feeds reduce-on-plateau
 * (with the schedule's own mode). With {@code restore_best} the best epoch's weights (a copy of the flat
 * parameter buffer) are put back when training ends, whether it stopped early or ran every epoch.
 *
 * <p><b>Checks before training</b>: the backend must train ({@code RNN4J-BACKEND-005}); truncated BPTT
 * must apply ({@code RNN4J-TRAIN-001}, see {@link Windows}); the monitor must be measured
 * ({@code RNN4J-TRAIN-003}). A batch whose targets do not fit the output fails with
 * {@code RNN4J-TRAIN-005} naming the batch.
 *
 * <p><b>Divergence</b>: a NaN or infinite loss or gradient norm, or the explosion guard
 * ({@link io.rnn4j.core.spec.ExplosionGuardSpec}: a finite loss or gradient growing out of bounds for
 * some steps, with {@code action: stop}), stops training before the update with a
 * {@link TrainingDivergedException} ({@code RNN4J-TRAIN-002}), after the weights and this trainer's
 * state were put back to the end of the last completed epoch; the exception also carries the best
 * epoch's weights, so that the caller can save them as the model. Listeners hear
 * {@link TrainingListener#onTrainingDiverged} (not {@code onTrainingEnd}), so the one message is the
 * exception's. With {@code action: warn} the guard logs one warning and training goes on.
 *
 * <p><b>Determinism</b>: given the same initial weights, batches, random source and backend, two runs
 * produce the same losses bit for bit, and a run restored with {@link #restore} from the state after
 * epoch {@code k} (and that moment's weights) continues exactly as the uninterrupted run. Not
 * thread-safe; one trainer per network.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Network network;
    private final TrainingSpec spec;
    private final Loss loss;
    private final List<MetricKind> metricKinds;
    private final List<Metric> trainMetrics = new ArrayList<>();
    private final List<Metric> validationMetrics = new ArrayList<>();
    private final int classes;
    private final io.rnn4j.core.metrics.CtcScoring scoring;
    private final List<TrainingListener> listeners;
    private final Windows.StatefulLookup stateful;
    private final List<String> trainingBackends;
    private final Optimizer optimizer;
    private final LrScheduler scheduler;
    private final StepRunner runner;
    /** A forecaster's validation forecasts in original units, or null (see {@link MetricNames}). */
    private final java.util.function.Supplier<io.rnn4j.core.spi.OriginalUnits.Forecasts> originalUnits;

    private RandomSource random;
    private int epoch;
    private int epochsWithoutImprovement;
    private double bestValue = Double.NaN;
    private int bestEpoch;
    private float[] bestWeights;
    /** The best epoch's weights, kept whether or not they are restored at the end (a divergence saves them). */
    private float[] bestSeen;
    private String monitorName = "loss";
    private final List<EpochResult> history = new ArrayList<>();

    /**
     * A trainer with the defaults of {@link Builder} for everything else.
     *
     * @param network   the model, with its initial (or loaded) weights
     * @param spec      how to train
     * @param loss      the resolved loss (the spec's, or the head's natural one)
     * @param metrics   the resolved metrics
     * @param classes   number of classes, for the classification metrics
     * @param random    the source of dropout masks; its state is part of {@link #state()}
     * @param listeners observers, called in order
     */
    public Trainer(Network network, TrainingSpec spec, LossKind loss, List<MetricKind> metrics, int classes,
            RandomSource random, List<TrainingListener> listeners) {
        this(builder(network, spec).loss(loss).metrics(metrics).classes(classes).random(random).listeners(listeners));
    }

    private Trainer(Builder b) {
        this.network = b.network;
        this.spec = b.spec;
        if (b.loss == null && spec.loss() == null) {
            throw new IllegalArgumentException("no loss: pass the resolved loss (Trainer.Builder.loss), e.g. "
                    + "cross_entropy for classes or mse for values, when training.loss is not set");
        }
        this.loss = b.loss != null ? b.loss : Loss.of(spec.loss());
        this.metricKinds = List.copyOf(b.metrics != null ? b.metrics : spec.metrics());
        this.classes = b.classes > 0 ? b.classes : Math.max(2, network.graph().output().features());
        this.scoring = b.scoring;
        for (MetricKind k : metricKinds) {
            trainMetrics.add(Metric.create(k, classes, scoring));
            validationMetrics.add(Metric.create(k, classes, scoring));
        }
        this.random = Objects.requireNonNull(b.random, "random: the trainer needs a seeded RandomSource");
        this.listeners = List.copyOf(b.listeners);
        Function<? super Layer, ? extends Stateful> adapter = b.stateful;
        this.stateful = l -> l instanceof Stateful s ? s : adapter == null ? null : adapter.apply(l);
        this.trainingBackends = List.copyOf(b.trainingBackends);
        this.optimizer = Optimizer.create(spec.optimizer());
        this.scheduler = new LrScheduler(spec.schedule(), spec.optimizer().learningRate());
        this.originalUnits = b.originalUnits;
        this.runner = new StepRunner(network, loss, optimizer, spec.clipNorm(), spec.clipValue(), spec.tbptt(), stateful,
                spec.explosionGuard());
    }

    /** A builder for a trainer of {@code network} as {@code spec} says. */
    public static Builder builder(Network network, TrainingSpec spec) {
        return new Builder(network, spec);
    }

    /** The network being trained. */
    public Network network() {
        return network;
    }

    /** Completed epochs. */
    public int epoch() {
        return epoch;
    }

    /**
     * Trains from the epoch after {@link #epoch()} up to {@code spec.epochs()}.
     *
     * @param train      the training batches
     * @param validation the validation batches, or {@code null} for none
     * @return how training ended and the history of every epoch
     * @throws Rnn4jException              {@code RNN4J-BACKEND-005}, {@code RNN4J-TRAIN-001},
     *                                     {@code RNN4J-TRAIN-003} before training, {@code RNN4J-TRAIN-005}
     *                                     for a batch that does not fit
     * @throws TrainingDivergedException   {@code RNN4J-TRAIN-002}
     */
    public TrainingResult fit(BatchSource train, BatchSource validation) {
        Objects.requireNonNull(train, "train");
        network.requireTraining(trainingBackends);
        if (spec.tbptt() != null) {
            Windows.check(network, spec.tbptt(), stateful);
        }
        boolean hasValidation = validation != null;
        EarlyStoppingSpec es = spec.earlyStopping();
        boolean original = originalUnits != null;
        Monitor monitor = es != null
                ? Monitor.resolve(es.monitor(), es.mode(), metricKinds, hasValidation, original,
                        "training.early_stopping.monitor")
                : new Monitor(hasValidation ? MetricNames.validationLoss(original) : "loss", false);
        boolean keepBest = es != null && es.restoreBest();
        monitorName = monitor.name();
        double minDelta = es != null ? es.minDelta() : 0;
        int first = epoch + 1;
        for (TrainingListener l : listeners) {
            l.onTrainingStart(first, spec.epochs(), train.examples());
        }
        String reason = null;
        for (int e = first; e <= spec.epochs() && reason == null; e++) {
            EpochResult r = runEpoch(e, train, validation, monitor);
            epoch = e;
            double v = monitor.valueOf(r);
            if (monitor.improves(v, bestValue, minDelta)) {
                bestValue = v;
                bestEpoch = e;
                epochsWithoutImprovement = 0;
                bestSeen = network.parameters().values().clone();
                if (keepBest) {
                    bestWeights = bestSeen;
                }
            } else {
                epochsWithoutImprovement++;
                if (es != null && epochsWithoutImprovement >= es.patience()) {
                    reason = String.format(Locale.ROOT, "early stopping: %s did not improve by more than %s for %d "
                            + "%s (patience %d); best %s at epoch %d", monitor.name(), minDelta,
                            epochsWithoutImprovement, epochsWithoutImprovement == 1 ? "epoch" : "epochs", es.patience(),
                            bestValue, bestEpoch);
                }
            }
            history.add(r);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(r);
            }
        }
        boolean stopped = reason != null;
        if (reason == null) {
            String epochs = spec.epochs() + (spec.epochs() == 1 ? " epoch" : " epochs");
            reason = first > spec.epochs() ? "already trained " + epoch + " of " + epochs : "completed " + epochs;
        }
        if (keepBest && bestWeights != null) {
            System.arraycopy(bestWeights, 0, network.parameters().values(), 0, bestWeights.length);
            reason += "; restored the weights of epoch " + bestEpoch + " (" + monitor.name() + " " + bestValue + ")";
        }
        LOG.info("training ended: {}", reason);
        TrainingResult result = new TrainingResult(history, bestEpoch, bestValue, stopped, reason);
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(result);
        }
        return result;
    }

    private EpochResult runEpoch(int e, BatchSource train, BatchSource validation, Monitor monitor) {
        long start = System.nanoTime();
        TrainerState lastGood = state();
        float[] lastGoodWeights = network.parameters().values().clone();
        double lr = scheduler.learningRate();
        List<TrainBatch> batches = train.batches(e - 1);
        if (batches.isEmpty()) {
            throw new Rnn4jException("RNN4J-TRAIN-005", "the training data gave no batches for epoch " + e
                    + "; check that the training split is not empty (data.train, data.validation)");
        }
        for (Metric m : trainMetrics) {
            m.reset();
        }
        double sum = 0;
        long count = 0;
        for (int i = 0; i < batches.size(); i++) {
            TrainBatch b = batches.get(i);
            long t0 = System.nanoTime();
            StepRunner.Outcome o;
            try {
                o = runner.train(b, random, (float) lr, trainMetrics, "epoch " + e + ", batch " + (i + 1) + " of "
                        + batches.size());
            } catch (StepRunner.Divergence d) {
                throw diverged(d, e, i + 1, batches.size(), lr, lastGood, lastGoodWeights);
            }
            sum += o.lossSum();
            count += o.count();
            double secs = Math.max(System.nanoTime() - t0, 1) / 1e9;
            for (TrainingListener l : listeners) {
                l.onBatchEnd(e, i + 1, batches.size(), o.mean(), b.size() / secs);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        boolean original = originalUnits != null;
        if (validation != null) {
            metrics.put(MetricNames.validationLoss(original), Evaluation.run(network, loss, validationMetrics, validation,
                    "validation"));
            if (original) {
                // the validation metrics of a forecaster in original units, from its forecasts inverted as evaluate does
                io.rnn4j.core.spi.OriginalUnits.Forecasts f = originalUnits.get();
                for (Metric m : validationMetrics) {
                    m.reset();
                    m.update(f.predicted(), f.actual());
                }
            }
        }
        for (int k = 0; k < metricKinds.size(); k++) {
            metrics.put(MetricNames.training(metricKinds.get(k), original), trainMetrics.get(k).result());
            if (validation != null) {
                metrics.put(MetricNames.validation(metricKinds.get(k)), validationMetrics.get(k).result());
            }
        }
        EpochResult r = new EpochResult(e, count == 0 ? Double.NaN : sum / count, metrics, lr,
                (System.nanoTime() - start) / 1e9);
        if (scheduler.needsMetric()) {
            scheduler.step(monitor.valueOf(r));
        } else {
            scheduler.step();
        }
        LOG.debug("epoch {}: loss {} {} lr {}", e, r.trainLoss(), metrics, lr);
        return r;
    }

    private TrainingDivergedException diverged(StepRunner.Divergence d, int e, int batch, int batches, double lr,
            TrainerState lastGood, float[] lastGoodWeights) {
        ParameterSet params = network.parameters();
        System.arraycopy(lastGoodWeights, 0, params.values(), 0, lastGoodWeights.length);
        params.zeroGrads();
        float[] seen = bestSeen; // restore() resets it to the state's
        restore(lastGood);
        bestSeen = seen;
        String what = d.guard != null ? d.guard
                : !Double.isFinite(d.loss) ? "the loss is " + d.loss
                : "the gradient norm is " + d.gradNorm + " (loss " + d.loss + ")";
        String clipping = spec.clipNorm() == null && spec.clipValue() == null ? "gradient clipping off"
                : "gradient clipping on (" + (spec.clipNorm() != null ? "clip_norm " + spec.clipNorm() : "")
                        + (spec.clipNorm() != null && spec.clipValue() != null ? ", " : "")
                        + (spec.clipValue() != null ? "clip_value " + spec.clipValue() : "") + ")";
        String causes = spec.clipNorm() == null && spec.clipValue() == null
                ? "a learning rate too high for this model (try 10 times lower: training.optimizer." + optimizer.kind().id()
                        + ".lr), or exploding gradients without clipping (set training.clip_norm, e.g. 1.0)"
                : "a learning rate too high for this model (try 10 times lower: training.optimizer." + optimizer.kind().id()
                        + ".lr)";
        String restored = lastGood.epoch() == 0 ? "the weights training started from (no epoch had completed)"
                : "those after epoch " + lastGood.epoch() + ", the last completed epoch";
        String message = "training diverged in epoch " + e + ", step " + d.step + " (batch " + batch + " of " + batches
                + "): " + what + ", at learning rate " + lr + " with " + clipping + ". Likely causes: " + causes
                + ", or NaN or infinite values in the inputs or targets. The weights and the trainer state were "
                + "restored to " + restored + ".";
        LOG.debug(message);
        // the best epoch's weights, if they are known: from this run, or kept in the state it resumed from
        float[] best = bestSeen != null ? bestSeen : lastGood.bestWeights();
        TrainingDivergedException x = new TrainingDivergedException(message, e, d.step, d.loss, lr, lastGood,
                best == null ? 0 : bestEpoch, best, monitorName, bestValue);
        for (TrainingListener l : listeners) {
            l.onTrainingDiverged(x);
        }
        return x;
    }

    /**
     * The loss and metrics over {@code data} in inference passes (teacher-forced for batches with a
     * teacher): {@code loss} first, then every metric by its id.
     */
    public Map<String, Double> evaluate(BatchSource data) {
        Evaluator e = evaluator();
        e.add(data);
        return e.result();
    }

    /**
     * An evaluation fed in pieces: {@link Evaluator#add} each window of a split in order, then
     * {@link Evaluator#result}. The loss and metrics are accumulated as {@link #evaluate} accumulates them,
     * so windows whose batches together are the batches of one source give the same figures to the last
     * bit, while only one window need be in memory.
     */
    public Evaluator evaluator() {
        List<Metric> metrics = new ArrayList<>();
        for (MetricKind k : metricKinds) {
            metrics.add(Metric.create(k, classes, scoring));
        }
        return new Evaluator(new Evaluation.Running(network, loss, metrics), metrics);
    }

    /** The loss and metrics of a split read in windows; see {@link Trainer#evaluator()}. */
    public final class Evaluator {
        private final Evaluation.Running running;
        private final List<Metric> metrics;

        private Evaluator(Evaluation.Running running, List<Metric> metrics) {
            this.running = running;
            this.metrics = metrics;
        }

        /** Adds the batches of one window (its epoch 0). */
        public void add(BatchSource window) {
            running.add(window, "evaluation");
        }

        /** The loss and every metric, by name, over everything added. */
        public Map<String, Double> result() {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("loss", running.loss());
            for (int k = 0; k < metricKinds.size(); k++) {
                out.put(metricKinds.get(k).id(), metrics.get(k).result());
            }
            return out;
        }
    }

    /** A snapshot of everything besides the current weights that the next epoch depends on. */
    public TrainerState state() {
        return new TrainerState(epoch, runner.globalStep(), optimizer.state(), scheduler.state(), random.seed(),
                random.state(), epochsWithoutImprovement, bestValue, bestEpoch, bestWeights, history);
    }

    /**
     * Continues from {@code state}. Load the weights saved with it into the network as well; then
     * {@link #fit} runs epoch {@code state.epoch() + 1} onwards.
     *
     * @throws Rnn4jException {@code RNN4J-TRAIN-004} if the state belongs to another model or optimizer
     */
    public void restore(TrainerState state) {
        int n = network.parameters().count();
        if (state.optimizer().length() != 0 && state.optimizer().length() != n) {
            throw new Rnn4jException("RNN4J-TRAIN-004", "the trainer state's optimizer covers "
                    + state.optimizer().length() + " parameters but this model has " + n + "; resume with the model "
                    + "(experiment.yaml) the state was saved with");
        }
        if (state.bestWeights() != null && state.bestWeights().length != n) {
            throw new Rnn4jException("RNN4J-TRAIN-004", "the trainer state's best weights hold "
                    + state.bestWeights().length + " parameters but this model has " + n + "; resume with the model "
                    + "(experiment.yaml) the state was saved with");
        }
        try {
            optimizer.restore(state.optimizer());
        } catch (IllegalArgumentException e) {
            throw new Rnn4jException("RNN4J-TRAIN-004", "the trainer state does not fit this trainer: " + e.getMessage(),
                    e);
        }
        scheduler.restore(state.scheduler());
        random = RandomSource.restore(state.randomSeed(), state.randomState());
        epoch = state.epoch();
        runner.globalStep(state.globalStep());
        epochsWithoutImprovement = state.epochsWithoutImprovement();
        bestValue = state.bestValue();
        bestEpoch = state.bestEpoch();
        bestWeights = state.bestWeights();
        bestSeen = state.bestWeights();
        history.clear();
        history.addAll(state.history());
    }

    /**
     * Builds a {@link Trainer}. Required: the network, the spec, a random source, and a loss unless the
     * spec names one.
     */
    public static final class Builder {
        private final Network network;
        private final TrainingSpec spec;
        private Loss loss;
        private List<MetricKind> metrics;
        private int classes;
        private io.rnn4j.core.metrics.CtcScoring scoring;
        private RandomSource random;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Function<? super Layer, ? extends Stateful> stateful;
        private List<String> trainingBackends = List.of("cpu");
        private java.util.function.Supplier<io.rnn4j.core.spi.OriginalUnits.Forecasts> originalUnits;

        private Builder(Network network, TrainingSpec spec) {
            this.network = Objects.requireNonNull(network, "network");
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        /** The resolved loss with its default options; default: {@code spec.loss()}. */
        public Builder loss(LossKind kind) {
            this.loss = Loss.of(Objects.requireNonNull(kind, "loss"));
            return this;
        }

        /** A configured loss (class weights, label smoothing, Huber delta). */
        public Builder loss(Loss configured) {
            this.loss = Objects.requireNonNull(configured, "loss");
            return this;
        }

        /** The resolved metrics; default: {@code spec.metrics()}. */
        public Builder metrics(List<MetricKind> kinds) {
            this.metrics = List.copyOf(kinds);
            return this;
        }

        /** Number of classes for the classification metrics; default: the head's output size (at least 2). */
        public Builder classes(int n) {
            this.classes = n;
            return this;
        }

        /**
         * How the sequence metrics ({@code cer}, {@code wer}, {@code sequence_accuracy}) read a CTC model's
         * output; needed only for them. Default: none.
         */
        public Builder ctcScoring(io.rnn4j.core.metrics.CtcScoring ctc) {
            this.scoring = ctc;
            return this;
        }

        /** The source of dropout masks (required); fork it from the experiment seed. */
        public Builder random(RandomSource source) {
            this.random = source;
            return this;
        }

        /** Adds a listener. */
        public Builder listener(TrainingListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Adds listeners, in order. */
        public Builder listeners(List<? extends TrainingListener> all) {
            all.forEach(this::listener);
            return this;
        }

        /**
         * Adapts layers that keep a recurrent state to {@link Stateful}, for truncated BPTT: return the
         * adapter for a recurrent layer, {@code null} for any other. Layers that implement
         * {@link Stateful} themselves need none.
         */
        public Builder stateful(Function<? super Layer, ? extends Stateful> adapter) {
            this.stateful = adapter;
            return this;
        }

        /**
         * Ids of the backends that can train, named by the error when this network's backend cannot;
         * default {@code [cpu]} (the reference backend always can).
         */
        public Builder trainingBackends(List<String> ids) {
            this.trainingBackends = List.copyOf(ids);
            return this;
        }

        /**
         * For a model whose data is scored in original units (a forecaster): after every epoch the validation
         * metrics are computed from {@code validation}'s forecasts and actual values in original units (called
         * with the epoch's weights in the network), and the losses and training-pass metrics are named as
         * normalized ({@link MetricNames}). Default: none, every metric on the network's own targets.
         */
        public Builder originalUnits(java.util.function.Supplier<io.rnn4j.core.spi.OriginalUnits.Forecasts> validation) {
            this.originalUnits = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** The trainer. */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
