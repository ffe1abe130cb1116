package io.rnn4j.runtime;

import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.DiscoveredBackend;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.archive.ArchiveContents;
import io.rnn4j.core.archive.ModelArchive;
import io.rnn4j.core.archive.Provenance;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.Capability;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.History;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.core.train.TrainingDivergedException;
import io.rnn4j.core.train.TrainingListener;
import io.rnn4j.core.train.TrainingResult;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.Split;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import io.rnn4j.core.train.TrainerState;
import io.rnn4j.runtime.spi.DistributedEngine;
import io.rnn4j.runtime.spi.DistributedTraining;
import io.rnn4j.runtime.spi.TrainingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an experiment end to end: prepare (validate, load data, compile), train on the chosen backend,
 * evaluate on the test split with the task's own yardstick (majority class, seasonal-naive forecast,
 * exact match, perplexity), and write the model archive, the metrics, the resolved YAML and a report.
 */
public final class ExperimentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
    /** The model archive's file name in the output directory (the final, best weights). */
    public static final String ARCHIVE = "model.rnn4j";
    /** The checkpoint written after every epoch (the latest weights and training state, for --resume). */
    public static final String CHECKPOINT = "checkpoint.rnn4j";

    private final ExperimentPreparer preparer;
    private final BackendRegistry backends;
    private final EngineRegistry engines;

    /** A runner over the application's preparer, backends and distributed engines. */
    @Inject
    public ExperimentRunner(ExperimentPreparer preparer, BackendRegistry backends, EngineRegistry engines) {
        this.preparer = preparer;
        this.backends = backends;
        this.engines = engines;
    }

    /**
     * A runner over the preparer and backends, with the distributed engines found on the thread's context
     * class loader (an experiment with a {@code distributed:} section needs one).
     */
    public ExperimentRunner(ExperimentPreparer preparer, BackendRegistry backends) {
        this(preparer, backends, EngineRegistry.discover(Thread.currentThread().getContextClassLoader()));
    }

    /**
     * How to run.
     *
     * @param out       the output directory (created)
     * @param backend   a backend id that overrides the file's, or {@code null}
     * @param overrides {@code path=value} overrides
     * @param threads   threads the backend may use
     * @param listeners extra training listeners (progress display)
     * @param existing  what to do with a run already in {@code out}: refuse, continue it from its
     *                  checkpoint (written after every epoch; {@code --resume}) or replace it
     *                  ({@code --overwrite}); see {@link OutputFolder}
     * @param notices   receives what the user should know besides errors (a stale lock taken over, files
     *                  removed)
     */
    public record TrainOptions(Path out, String backend, List<String> overrides, int threads,
            List<TrainingListener> listeners, OutputFolder.ExistingRun existing, Consumer<String> notices) {

        /** Checks the thread count and fills in the defaults: refuse an existing run, notices to the log. */
        public TrainOptions {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            listeners = List.copyOf(listeners);
            overrides = List.copyOf(overrides);
            existing = existing == null ? OutputFolder.ExistingRun.REFUSE : existing;
            notices = notices == null ? LOG::warn : notices;
        }

        /** Options for a fresh run into a folder that holds no run yet. */
        public TrainOptions(Path out, String backend, List<String> overrides, int threads, List<TrainingListener> listeners) {
            this(out, backend, overrides, threads, listeners, OutputFolder.ExistingRun.REFUSE, null);
        }

        /** Whether this run continues the one in {@code out}. */
        public boolean resume() {
            return existing == OutputFolder.ExistingRun.RESUME;
        }
    }

    /**
     * What a run produced.
     *
     * @param prepared the prepared experiment
     * @param backend  the backend that trained
     * @param network  the trained network
     * @param result   how training went
     * @param test     the test split's metrics (loss and metrics; empty without a test split)
     * @param report   the task's figures (baselines, exact match, a sample) on the test split, else the
     *                 validation split, or {@code null} when there is neither
     * @param archive  the model archive written
     * @param onnx     the ONNX file exported, or {@code null}
     * @param onnxParity the largest difference of the ONNX parity check (NaN when not checked or not exported)
     */
    public record TrainOutcome(Prepared prepared, DiscoveredBackend backend, Network network, TrainingResult result,
            Map<String, Double> test, TaskReport report, Path archive, Path onnx, double onnxParity) {
    }

    /** Prepares an experiment without training (for {@code inspect} with data-dependent sizes). */
    public Prepared prepare(Path experiment, List<String> overrides) {
        return preparer.prepare(experiment, overrides);
    }

    /** Trains, evaluates and writes every output; see the class comment. */
    public TrainOutcome train(Path experiment, TrainOptions o) {
        return train(experiment, o, outcome -> outcome);
    }

    /**
     * Trains, evaluates and writes every output, then runs {@code finish} (which writes further files,
     * such as the CLI's report and plots) while the output folder is still held ({@link OutputFolder}):
     * the experiment is prepared (validated, its data loaded) first, so an invalid one neither creates
     * nor locks the folder.
     */
    public <T> T train(Path experiment, TrainOptions o, Function<TrainOutcome, T> finish) {
        Prepared p = preparer.prepare(experiment, o.overrides());
        String chosen = o.backend() != null ? o.backend() : p.spec().backend();
        DiscoveredBackend d = backends.choose(chosen);
        // an experiment with a distributed: section trains on its engine's cluster; the engine must be here
        // before the output folder is touched
        DistributedEngine engine = p.spec().distributed() == null ? null
                : engines.choose(p.spec().distributed().engine().id(), p.file() + ": distributed.engine");
        List<String> export = new ArrayList<>();
        if (p.spec().export().onnx() != null) {
            Path onnx = o.out().resolve(p.spec().export().onnx()).normalize();
            if (o.out().toAbsolutePath().normalize().equals(onnx.toAbsolutePath().getParent())) {
                export.add(onnx.getFileName().toString());
            }
        }
        try (OutputFolder folder = OutputFolder.claim(o.out(), o.existing(), o.notices(), export)) {
            if (engine == null) {
                return finish.apply(train(p, d, o));
            }
            return finish.apply(trainDistributed(p, d, o, engine, chosen));
        }
    }

    /**
     * The distributed run: the engine's driver network is initialised, resumed, checkpointed, evaluated and
     * saved exactly as a local run's (the same files, the same checkpoint format); only {@code fit} runs on
     * the cluster.
     */
    private TrainOutcome trainDistributed(Prepared p, DiscoveredBackend d, TrainOptions o, DistributedEngine engine,
            String chosen) {
        write(o.out().resolve("resolved.yaml"), p.yaml());
        Path checkpoint = o.out().resolve(CHECKPOINT);
        DistributedTraining[] self = new DistributedTraining[1];
        List<TrainingListener> listeners = new ArrayList<>(o.listeners());
        listeners.add(new TrainingListener() {
            @Override
            public void onEpochEnd(io.rnn4j.core.train.EpochResult r) {
                saveArchive(checkpoint, p, self[0].network(), self[0]::state, d);
            }
        });
        // every JVM trains on the chosen backend id (the driver's and the executors' registries choose the same
        // way when none is named)
        try (DistributedTraining run = engine.training(new TrainingRequest(p, chosen, Math.max(1, o.threads()),
                listeners))) {
            self[0] = run;
            Network network = run.network();
            network.requireTraining(trainers());
            network.initialize(new RandomSource(p.spec().seed()));
            if (p.spec().model().initFrom() != null) {
                InitFrom.apply(p.spec().model().initFrom(), p.file(), network);
            }
            if (o.resume()) {
                resume(checkpoint, p, network, run::restore);
            }
            TrainingSpec ts = p.spec().training();
            BatchSource train = p.batches(Split.TRAIN, new BatchPlan(ts.batchSize(), ts.shuffle(), ts.bucketByLength(),
                    p.spec().seed()));
            BatchSource validation = p.loaded().size(Split.VALIDATION) == 0 ? null
                    : p.batches(Split.VALIDATION, BatchPlan.evaluation(ts.batchSize()));
            TrainingResult result = run.fit(train, validation);
            // the test split, the report and the archive on the driver, as after a local run
            Trainer evaluator = p.trainer(network, new RandomSource(p.spec().seed()).fork("training")).build();
            return finish(p, d, o, network, evaluator, result, run::state);
        }
    }

    private TrainOutcome train(Prepared p, DiscoveredBackend d, TrainOptions o) {
        TrainingSpec ts = p.spec().training();
        write(o.out().resolve("resolved.yaml"), p.yaml());
        try (Backend backend = d.provider().create(BackendOptions.threads(Math.max(1, o.threads())))) {
            Network network = newNetwork(p, backend, trainers());
            Trainer.Builder builder = p.trainer(network, new RandomSource(p.spec().seed()).fork("training"))
                    .trainingBackends(trainers());
            for (TrainingListener l : o.listeners()) {
                builder.listener(l);
            }
            Path checkpoint = o.out().resolve(CHECKPOINT);
            Trainer[] self = new Trainer[1];
            // a checkpoint after every epoch (atomic): a run that is killed, or one that should go on for more
            // epochs, continues from it with --resume (model.rnn4j holds the best weights instead)
            builder.listener(new TrainingListener() {
                @Override
                public void onEpochEnd(io.rnn4j.core.train.EpochResult r) {
                    saveArchive(checkpoint, p, network, self[0]::state, d);
                }
            });
            Trainer trainer = builder.build();
            self[0] = trainer;
            if (o.resume()) {
                resume(checkpoint, p, network, trainer::restore);
            }
            LoadedData data = p.loaded();
            TrainingResult result;
            try {
                result = fit(p, trainer);
            } catch (TrainingDivergedException e) {
                throw diverged(e, o.out(), p, network, trainer, d);
            }
            return finish(p, d, o, network, trainer, result, trainer::state);
        }
    }

    /** After training: metrics.csv, the test split's metrics, the task's report, model.rnn4j and the ONNX export. */
    private TrainOutcome finish(Prepared p, DiscoveredBackend d, TrainOptions o, Network network, Trainer evaluator,
            TrainingResult result, Supplier<TrainerState> state) {
        TrainingSpec ts = p.spec().training();
        LoadedData data = p.loaded();
        History all = new History(); // every epoch, including those before a resume
        result.history().forEach(all::onEpochEnd);
        all.writeCsv(o.out().resolve("metrics.csv"));
        Map<String, Double> test = new LinkedHashMap<>();
        if (data.size(Split.TEST) > 0) {
            test.putAll(evaluator.evaluate(p.batches(Split.TEST, BatchPlan.evaluation(ts.batchSize()))));
        }
        Split reported = data.size(Split.TEST) > 0 ? Split.TEST : Split.VALIDATION;
        TaskReport report = data.size(reported) == 0 ? null : data.report(reported,
                ModelService.reportContext(x -> network.forward(x, io.rnn4j.core.model.LayerContext.inference()), p,
                        network));
        Path archive = o.out().resolve(ARCHIVE);
        saveArchive(archive, p, network, state, d);
        Path onnx = null;
        double parity = Double.NaN;
        if (p.spec().export().onnx() != null) {
            onnx = o.out().resolve(p.spec().export().onnx());
            parity = Exports.onnx(p, network, onnx, p.spec().export().checkParity());
        }
        return new TrainOutcome(p, d, network, result, test, report, archive, onnx, parity);
    }

    /**
     * A network of the experiment's model on {@code backend}, initialized from the experiment's seed (or
     * with the weights of {@code model.init_from}), as every training run starts.
     */
    static Network newNetwork(Prepared p, Backend backend, List<String> trainers) {
        Network network = new Network(p.graph(), backend);
        network.requireTraining(trainers);
        network.initialize(new RandomSource(p.spec().seed()));
        if (p.spec().model().initFrom() != null) {
            InitFrom.apply(p.spec().model().initFrom(), p.file(), network); // fine-tuning: the archive's weights
        }
        return network;
    }

    /** Trains with {@code trainer} on the experiment's training split, validating on its validation split if any. */
    static TrainingResult fit(Prepared p, Trainer trainer) {
        TrainingSpec ts = p.spec().training();
        BatchSource train = p.batches(Split.TRAIN, new BatchPlan(ts.batchSize(), ts.shuffle(), ts.bucketByLength(),
                p.spec().seed()));
        BatchSource validation = p.loaded().size(Split.VALIDATION) == 0 ? null
                : p.batches(Split.VALIDATION, BatchPlan.evaluation(ts.batchSize()));
        return trainer.fit(train, validation);
    }

    /**
     * Saves what a diverged run has: {@code model.rnn4j} the best epoch's weights (as every run's model),
     * {@code checkpoint.rnn4j} the last completed epoch (already written at that epoch's end) and
     * {@code metrics.csv} every completed epoch; returns the error with those files named.
     */
    private static TrainingDivergedException diverged(TrainingDivergedException e, Path out, Prepared p, Network network,
            Trainer trainer, DiscoveredBackend d) {
        Path archive = out.resolve(ARCHIVE);
        Path metrics = out.resolve("metrics.csv");
        History all = new History();
        e.lastGoodState().history().forEach(all::onEpochEnd);
        all.writeCsv(metrics);
        if (e.lastGoodEpoch() == 0) {
            return e.withNote("No epoch completed, so no model or checkpoint was written; wrote " + metrics + ".");
        }
        float[] lastGood = network.parameters().values().clone();
        String model;
        java.util.Optional<float[]> best = e.bestWeights();
        if (best.isPresent()) {
            System.arraycopy(best.get(), 0, network.parameters().values(), 0, lastGood.length);
            model = "the weights of epoch " + e.bestEpoch() + ", the best by " + e.monitor() + ": "
                    + String.format(java.util.Locale.ROOT, "%.6g", e.bestValue());
        } else {
            model = "the weights after epoch " + e.lastGoodEpoch() + ", the last completed (the best epoch's were not kept "
                    + "in the checkpoint this run resumed from)";
        }
        try {
            saveArchive(archive, p, network, trainer::state, d);
        } finally {
            System.arraycopy(lastGood, 0, network.parameters().values(), 0, lastGood.length);
        }
        return e.withNote("Wrote " + archive + " (" + model + "), " + out.resolve(CHECKPOINT) + " (the state after epoch "
                + e.lastGoodEpoch() + ", the last completed) and " + metrics + ".");
    }

    private static void resume(Path archive, Prepared p, Network network, Consumer<TrainerState> trainer) {
        if (!Files.exists(archive)) {
            throw new Rnn4jException("RNN4J-RUN-004", "--resume: there is no checkpoint " + archive
                    + " to continue from; run without --resume to start training");
        }
        ModelArchive a = ModelArchive.read(archive);
        if (!a.provenance().extra().getOrDefault(RESUME_KEY, "").equals(resumeKey(p))) {
            throw new Rnn4jException("RNN4J-RUN-005", "--resume: " + archive + " was trained from a different experiment "
                    + "(its resolved YAML differs from this one); resume with the same file and --set options, or start "
                    + "a new run in another --out directory");
        }
        a.weights().loadInto(network.parameters());
        trainer.accept(a.trainerState().orElseThrow(() -> new Rnn4jException("RNN4J-RUN-004", "--resume: " + archive
                + " holds no training state")));
    }

    /** Provenance entry that identifies the experiment a checkpoint may be resumed with. */
    private static final String RESUME_KEY = "resume_key";

    /**
     * A digest of the experiment with {@code training.epochs} left out, the one option a resumed run may
     * change: two runs with equal keys train the same model the same way.
     */
    static String resumeKey(Prepared p) {
        String yaml = io.rnn4j.dsl.SpecWriter.toYaml(p.spec().withTraining(p.spec().training().withEpochs(1)));
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Ids of the discovered backends that can train (for error messages). */
    public List<String> trainers() {
        List<String> ids = new ArrayList<>();
        for (DiscoveredBackend d : backends.backends()) {
            if (!d.available()) {
                continue;
            }
            try (Backend b = d.provider().create(BackendOptions.threads(1))) {
                if (b.has(Capability.TRAINING)) {
                    ids.add(d.id());
                }
            } catch (RuntimeException e) {
                // a backend that fails to start cannot train either
            }
        }
        return ids;
    }

    private static void saveArchive(Path file, Prepared p, Network network, Supplier<TrainerState> state,
            DiscoveredBackend d) {
        ArchiveContents.Builder b = ArchiveContents.builder().experimentYaml(p.yaml()).weights(network.parameters())
                .trainerState(state).backend(d.id());
        p.pipeline().store().forEach(b::data);
        b.provenance(new Provenance(p.spec().seed(), dataFiles(p), Map.of("experiment",
                p.file().toAbsolutePath().toString(), RESUME_KEY, resumeKey(p), ModelLoader.PIPELINE_KEY,
                ModelLoader.PIPELINE_STORED)));
        ModelArchive.write(file, b.build());
    }

    /** The hashes of the experiment's data files (train, and validation and test when they are files). */
    static List<Provenance.DataFile> dataFiles(Prepared p) {
        List<Provenance.DataFile> files = new ArrayList<>();
        Path base = p.file().toAbsolutePath().getParent();
        DataSpec data = p.spec().data();
        files.add(Provenance.DataFile.hash("train", base.resolve(data.train()).normalize()));
        if (data.validation() != null && data.validation().file() != null) {
            files.add(Provenance.DataFile.hash("validation", base.resolve(data.validation().file()).normalize()));
        }
        if (data.test() != null && data.test().file() != null) {
            files.add(Provenance.DataFile.hash("test", base.resolve(data.test().file()).normalize()));
        }
        return files;
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
