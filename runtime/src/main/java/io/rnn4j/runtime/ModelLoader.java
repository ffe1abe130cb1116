package io.rnn4j.runtime;

import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.archive.ModelArchive;
import io.rnn4j.core.archive.Provenance;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.WholeModelRunner;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a trained model: reads the archive, restores its experiment and data pipeline from what the
 * archive stores (no data file is read), binds the network to a backend and loads the weights.
 *
 * <p>Archives written before the data pipeline was stored in them (no {@code data_pipeline: stored} in
 * their provenance) are
 * read by re-deriving the pipeline from the training file they record, which must then be unchanged; when
 * it is gone they are refused with what to do.
 */
public final class ModelLoader {
    /** The provenance entry that marks an archive holding its whole data pipeline (what its data kind stored). */
    static final String PIPELINE_KEY = "data_pipeline";
    /** Its value: the pipeline is stored under {@code data/}. */
    static final String PIPELINE_STORED = "stored";

    private final ExperimentPreparer preparer;
    private final BackendRegistry backends;

    /** A loader over the application's preparer and backends. */
    @Inject
    public ModelLoader(ExperimentPreparer preparer, BackendRegistry backends) {
        this.preparer = preparer;
        this.backends = backends;
    }

    /**
     * A model ready to use; close it to release its backend.
     *
     * @param archive  the archive
     * @param prepared the experiment and its data pipeline (and data, when asked for)
     * @param backend  the backend the network runs on
     * @param network  the network with the trained weights
     * @param whole    the whole network in the backend's own engine when the backend runs whole models
     *                 ({@link Backend#wholeModel}: the {@code onnxruntime} backend runs the model's ONNX export),
     *                 else null
     */
    public record Loaded(ModelArchive archive, Prepared prepared, Backend backend, Network network,
            WholeModelRunner whole) implements AutoCloseable {
        @Override
        public void close() {
            try {
                if (whole != null) {
                    whole.close();
                }
            } finally {
                backend.close();
            }
        }

        /**
         * The model's inference output for a batch: through the backend's whole-model runner where it has one (ONNX
         * Runtime on the {@code onnxruntime} backend), else the network's forward pass.
         */
        public Flow predict(Flow input) {
            return whole != null ? whole.predict(input) : network.forward(input, LayerContext.inference());
        }
    }

    /** Opens {@code file} on the backend {@code backendId} (or the default), from the archive alone. */
    public Loaded load(Path file, String backendId) {
        ModelArchive archive = ModelArchive.read(file);
        Prepared prepared = stored(archive.provenance())
                ? preparer.restore(experimentFile(archive, file), archive.experimentYaml(), stored(archive),
                        file + "!data/")
                : legacy(archive, file, List.of());
        return bind(archive, prepared, backendId);
    }

    /**
     * Opens {@code file} with its experiment's data loaded (with {@code overrides} applied, e.g.
     * {@code data.test=other.csv}) and encoded with the model's stored pipeline, for {@code evaluate}.
     */
    public Loaded loadWithData(Path file, String backendId, List<String> overrides) {
        ModelArchive archive = ModelArchive.read(file);
        Path experiment = experimentFile(archive, file);
        Prepared prepared;
        if (stored(archive.provenance())) {
            Prepared restored = preparer.restore(experiment, archive.experimentYaml(), stored(archive), file + "!data/");
            try {
                prepared = preparer.withData(experiment, archive.experimentYaml(), overrides, restored.pipeline());
            } catch (Rnn4jException e) {
                // a data file the experiment names has moved away from the model: say what to do about it
                throw movedData(archive, file, overrides, e);
            }
        } else {
            prepared = legacy(archive, file, overrides);
        }
        return bind(archive, prepared, backendId);
    }

    /**
     * The file {@code data} read in windows of at most {@code window} examples with the pipeline of {@code m}
     * (opened by {@link #load}, so no data file was read), for {@code evaluate --data}: only {@code data} is
     * read, and memory holds one window. Empty if the model's data kind reads only whole files; then
     * {@link #loadWithData} is the way.
     */
    public java.util.Optional<io.rnn4j.core.spi.StreamedSplit> stream(Loaded m, Path data, int window) {
        return preparer.stream(m.prepared(), data.toAbsolutePath(), window);
    }

    /**
     * {@code failure}, or, when a data file of the experiment that {@code overrides} do not replace is no longer
     * where the model was trained from (the model was moved away from its data), an error that names it and
     * says to use {@code --data} (or, with {@code --data} given, to put the training file back).
     */
    private static Rnn4jException movedData(ModelArchive archive, Path file, List<String> overrides,
            Rnn4jException failure) {
        boolean dataGiven = overrides.stream().anyMatch(o -> o.startsWith("data.test="));
        for (Provenance.DataFile d : archive.provenance().dataFiles()) {
            if (overrides.stream().anyMatch(o -> o.startsWith("data." + d.role() + "="))) {
                continue;
            }
            Path path = Path.of(d.path());
            // only when the failure is about that file (not a problem in a file that is there)
            if (!java.nio.file.Files.isRegularFile(path) && String.valueOf(failure.getMessage())
                    .contains(String.valueOf(path.getFileName()))) {
                return new Rnn4jException("RNN4J-RUN-013", file + ": " + (dataGiven
                        ? "evaluating this model on another file still reads the " + d.role() + " file it was trained "
                                + "from, " + path + ", which is not there any more (moved or deleted). Put that file back "
                                + "at that path; the model alone serves predict, generate, inspect and export."
                        : "evaluating on a split of the experiment's data reads its " + d.role() + " file " + path
                                + ", which is not there any more (moved or deleted). Pass the file to evaluate on with "
                                + "--data FILE, or put the data back at that path."), failure);
            }
        }
        return failure;
    }

    private Loaded bind(ModelArchive archive, Prepared prepared, String backendId) {
        Backend backend = backends.select(backendId, BackendOptions.defaults());
        try {
            Network network = new Network(prepared.graph(), backend);
            archive.weights().loadInto(network.parameters());
            // a backend that runs whole models (onnxruntime: the ONNX export, checked against the reference) says so
            WholeModelRunner whole = backend.wholeModel(network).orElse(null);
            return new Loaded(archive, prepared, backend, network, whole);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private static boolean stored(Provenance p) {
        return PIPELINE_STORED.equals(p.extra().get(PIPELINE_KEY));
    }

    private static Map<String, byte[]> stored(ModelArchive archive) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : archive.dataNames()) {
            out.put(name, archive.data(name).orElseThrow());
        }
        return out;
    }

    private static Path experimentFile(ModelArchive archive, Path file) {
        String experiment = archive.provenance().extra().get("experiment");
        if (experiment == null && archive.provenance().extra().containsKey("imported_from")) {
            throw new Rnn4jException("RNN4J-RUN-010", file + " was imported from "
                    + archive.provenance().extra().get("imported_from") + " without data: run 'rnn4j import' again with "
                    + "--experiment EXP.yaml (an experiment with your data section), or fine-tune from it with "
                    + "'model: {init_from: " + file + "}'.");
        }
        if (experiment == null) {
            throw new Rnn4jException("RNN4J-RUN-010", file + " does not record the experiment it was trained from; "
                    + "retrain it with 'rnn4j train'.");
        }
        return Path.of(experiment);
    }

    /**
     * An archive of the first format (format 1 without {@code data/schema.json}): its data pipeline is
     * re-derived from the training file, which must be unchanged, and compared with what it stores.
     */
    private Prepared legacy(ModelArchive archive, Path file, List<String> overrides) {
        Path experiment = experimentFile(archive, file);
        for (Provenance.DataFile d : archive.provenance().dataFiles()) {
            if (!d.role().equals("train")) {
                continue;
            }
            Provenance.DataFile now;
            try {
                now = Provenance.DataFile.hash(d.role(), Path.of(d.path()));
            } catch (RuntimeException e) {
                throw new Rnn4jException("RNN4J-RUN-011", file + " was written by an earlier rnn4j (archive format "
                        + archive.manifest().formatVersion() + " without its data pipeline): it needs the training file "
                        + d.path() + " to rebuild its vocabulary, labels and normalisation, and that file cannot be read "
                        + "now (" + e.getMessage() + "). Restore the file at that path (then 'rnn4j train' again writes "
                        + "a self-contained model), or retrain.");
            }
            if (!now.sha256().equals(d.sha256())) {
                throw new Rnn4jException("RNN4J-RUN-011", file + " was written by an earlier rnn4j and trained on the "
                        + "training file " + d.path() + " with SHA-256 " + d.sha256() + ", but the file now has "
                        + now.sha256() + ". Restore the training data or retrain.");
            }
        }
        Prepared prepared = preparer.refit(experiment, archive.experimentYaml(), overrides);
        Map<String, byte[]> rebuilt = prepared.pipeline().store();
        for (String name : archive.dataNames()) {
            byte[] now = rebuilt.get(name);
            if (now != null && !java.util.Arrays.equals(now, archive.data(name).orElseThrow())) {
                throw new Rnn4jException("RNN4J-RUN-012", file + ": the " + name + " rebuilt from the training data "
                        + "differs from the one stored with the model. Use the data the model was trained on, or retrain.");
            }
        }
        return prepared;
    }
}
