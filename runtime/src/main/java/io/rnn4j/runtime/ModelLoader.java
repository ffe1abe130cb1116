package io.rnn4j.runtime;

import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.archive.ModelArchive;
import io.rnn4j.core.archive.Provenance;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.data.Vocabulary;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a trained model: reads the archive, re-prepares its experiment (the resolved YAML it carries,
 * against the data files it was trained on, which must be unchanged), binds the network to a backend and
 * loads the weights.
 */
public final class ModelLoader {
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
     * @param prepared the experiment and its data, as at training time
     * @param backend  the backend the network runs on
     * @param network  the network with the trained weights
     * @param onnx     the model's ONNX export opened in ONNX Runtime, when the backend is {@code onnxruntime}
     */
    public record Loaded(ModelArchive archive, Prepared prepared, Backend backend, Network network,
            io.rnn4j.backend.onnxruntime.OnnxRuntimeModel onnx) implements AutoCloseable {
        @Override
        public void close() {
            try {
                if (onnx != null) {
                    onnx.close();
                }
            } finally {
                backend.close();
            }
        }

        /** The input vocabulary stored with the model, if it has one. */
        public java.util.Optional<Vocabulary> vocabulary() {
            return archive.data("vocabulary.json").map(b -> Vocabulary.fromJson(new String(b, StandardCharsets.UTF_8),
                    archive.path() + "!data/vocabulary.json"));
        }
    }

    /**
     * Opens {@code file} on the backend {@code backendId} (or the default), with {@code overrides}
     * applied to its experiment (e.g. {@code data.test=other.csv}).
     */
    public Loaded load(Path file, String backendId, List<String> overrides) {
        ModelArchive archive = ModelArchive.read(file);
        Provenance prov = archive.provenance();
        String experiment = prov.extra().get("experiment");
        if (experiment == null && prov.extra().containsKey("imported_from")) {
            throw new Rnn4jException("RNN4J-RUN-010", file + " was imported from " + prov.extra().get("imported_from")
                    + " without data: run 'rnn4j import' again with --experiment EXP.yaml (an experiment with your data "
                    + "section), or fine-tune from it with 'model: {init_from: " + file + "}'.");
        }
        if (experiment == null) {
            throw new Rnn4jException("RNN4J-RUN-010", file + " does not record the experiment it was trained from; "
                    + "retrain it with 'rnn4j train'.");
        }
        // the vocabulary, labels and normalisation are re-derived from the training file (and compared with
        // the stored ones below), so that file must be unchanged; validation and test files may differ
        for (Provenance.DataFile d : prov.dataFiles()) {
            if (!d.role().equals("train")) {
                continue;
            }
            Provenance.DataFile now;
            try {
                now = Provenance.DataFile.hash(d.role(), Path.of(d.path()));
            } catch (RuntimeException e) {
                throw new Rnn4jException("RNN4J-RUN-011", file + " was trained on the training file " + d.path()
                        + ", which cannot be read now (" + e.getMessage() + "). rnn4j re-derives the model's data "
                        + "pipeline from it: restore the file at that path, or retrain.");
            }
            if (!now.sha256().equals(d.sha256())) {
                throw new Rnn4jException("RNN4J-RUN-011", file + " was trained on the training file " + d.path()
                        + " with SHA-256 " + d.sha256() + ", but the file now has " + now.sha256()
                        + ". Restore the training data or retrain.");
            }
        }
        Path yaml = Path.of(experiment);
        List<String> sets = new ArrayList<>(overrides);
        Prepared prepared = preparer.prepareFromText(yaml, archive.experimentYaml(), sets);
        checkArtifact(archive, "vocabulary.json", prepared.schema().vocabulary().map(Vocabulary::toJson).orElse(null), file);
        Backend backend = backends.select(backendId, BackendOptions.defaults());
        try {
            Network network = new Network(prepared.graph(), backend);
            archive.weights().loadInto(network.parameters());
            // the onnxruntime backend runs the model through its ONNX export (checked against the reference)
            io.rnn4j.backend.onnxruntime.OnnxRuntimeModel onnx = backend.id().equals("onnxruntime")
                    ? io.rnn4j.backend.onnxruntime.OnnxRuntimeModel.of(network) : null;
            return new Loaded(archive, prepared, backend, network, onnx);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private static void checkArtifact(ModelArchive archive, String name, String rebuilt, Path file) {
        String stored = archive.data(name).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
        if (stored != null && rebuilt != null && !stored.equals(rebuilt)) {
            throw new Rnn4jException("RNN4J-RUN-012", file + ": the " + name + " rebuilt from the training data differs "
                    + "from the one stored with the model. Use the data the model was trained on, or retrain.");
        }
    }
}
