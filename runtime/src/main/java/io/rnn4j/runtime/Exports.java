package io.rnn4j.runtime;

import io.rnn4j.core.model.Network;
import io.rnn4j.onnx.ExportOptions;
import io.rnn4j.onnx.ExportResult;
import io.rnn4j.onnx.OnnxExporter;
import java.nio.file.Files;
import java.nio.file.Path;

/** ONNX export of a trained model with its preprocessing in the metadata, parity-checked in ONNX Runtime. */
public final class Exports {
    private Exports() {
    }

    /**
     * Writes {@code file} and returns the largest difference found by the parity check (NaN when the check
     * was turned off).
     */
    public static double onnx(Prepared p, Network network, Path file, boolean checkParity) {
        ExportOptions options = ExportOptions.defaults().withExperimentYaml(p.yaml());
        if (p.schema().vocabulary().isPresent()) {
            options = options.withMetadata(ExportOptions.KEY_VOCABULARY, p.schema().vocabulary().get().toJson());
        }
        if (p.schema().targetVocabulary().isPresent()) {
            options = options.withMetadata("rnn4j.target_vocabulary", p.schema().targetVocabulary().get().toJson());
        }
        if (p.schema().labels().isPresent()) {
            options = options.withMetadata(ExportOptions.KEY_LABELS, p.schema().labels().get().toJson());
        }
        if (p.schema().normalization().isPresent()) {
            options = options.withMetadata(ExportOptions.KEY_NORMALIZATION, p.schema().normalization().get().toJson());
        }
        if (!checkParity) {
            options = options.withoutParityCheck();
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ExportResult r = new OnnxExporter().export(network, file, options);
        return r.parity() == null ? Double.NaN : r.parity().maxAbsDiff();
    }
}
