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
        java.util.Map<String, byte[]> stored = p.pipeline().store();
        java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
        keys.put("vocabulary.json", ExportOptions.KEY_VOCABULARY);
        keys.put("target_vocabulary.json", "rnn4j.target_vocabulary");
        keys.put("labels.json", ExportOptions.KEY_LABELS);
        keys.put("normalization.json", ExportOptions.KEY_NORMALIZATION);
        for (var e : keys.entrySet()) {
            byte[] b = stored.get(e.getKey());
            if (b != null) {
                options = options.withMetadata(e.getValue(), new String(b, java.nio.charset.StandardCharsets.UTF_8));
            }
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
