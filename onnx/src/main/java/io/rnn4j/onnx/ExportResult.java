package io.rnn4j.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of an export: one model, or for a decoder head ({@code seq2seq}, {@code one_to_many}) a
 * pair, the encoder ({@link #model()}, {@link #file()}) and one decoder step ({@link #decoderModel()},
 * {@link #decoderFile()}); see {@link DecoderLoop}.
 *
 * @param model        the serialized {@code ModelProto} (the encoder of a pair)
 * @param file         where it was written, or {@code null} for an export to memory
 * @param parity       the parity check's figures, or {@code null} when it was turned off
 * @param decoderModel the decoder step's serialized {@code ModelProto}, or {@code null} for a single graph
 * @param decoderFile  where the decoder step was written ({@code <name>.decoder.onnx} next to {@code file}),
 *                     or {@code null}
 */
public record ExportResult(byte[] model, Path file, ParityReport parity, byte[] decoderModel, Path decoderFile) {

    /** A single-graph result. */
    public ExportResult(byte[] model, Path file, ParityReport parity) {
        this(model, file, parity, null, null);
    }

    /** The parity figures, if checked. */
    public Optional<ParityReport> parityReport() {
        return Optional.ofNullable(parity);
    }

    /** Whether the export is an encoder / decoder-step pair. */
    public boolean isPair() {
        return decoderModel != null;
    }

    /** The decoder step of a pair. */
    public Optional<byte[]> decoder() {
        return Optional.ofNullable(decoderModel);
    }

    /** The files written, in the order encoder, decoder step; one for a single graph, none for an export to memory. */
    public List<Path> files() {
        List<Path> l = new ArrayList<>(2);
        if (file != null) {
            l.add(file);
        }
        if (decoderFile != null) {
            l.add(decoderFile);
        }
        return List.copyOf(l);
    }
}
