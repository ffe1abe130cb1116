package io.rnn4j.onnx;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The outcome of an export.
 *
 * @param model  the serialized {@code ModelProto}
 * @param file   where it was written, or {@code null} for an export to memory
 * @param parity the parity check's figures, or {@code null} when it was turned off
 */
public record ExportResult(byte[] model, Path file, ParityReport parity) {

    /** The parity figures, if checked. */
    public Optional<ParityReport> parityReport() {
        return Optional.ofNullable(parity);
    }
}
