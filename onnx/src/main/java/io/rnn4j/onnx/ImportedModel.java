package io.rnn4j.onnx;

import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX model turned into rnn4j layers ({@link OnnxImporter}): the layer list and head an experiment's
 * {@code model:} section would hold, the network with the imported weights on the reference backend, and
 * what the import had to know about the original graph to reproduce its output.
 *
 * @param source       the file (or description) the model came from
 * @param input        the network's input: token ids of a vocabulary, or sequences of features
 * @param layers       the layers, paths {@code model.layers[i]}
 * @param head         the head, path {@code model.head}
 * @param network      the compiled network holding the imported weights (reference backend; close its backend
 *                     with {@link #close()})
 * @param inputLayout  how the original graph's sequence input is laid out (rnn4j is batch-major)
 * @param outputLayout how the original graph's per-step output is laid out
 * @param output       the function the original graph applies after the last linear layer (rnn4j's heads give
 *                     logits; {@code predict} applies the softmax)
 * @param maxAbsDiff   the largest difference between the original graph in ONNX Runtime and this network on the
 *                     import's check inputs
 * @param metadata     the model's {@code metadata_props} (an rnn4j export carries its experiment here)
 * @param lengthsInput the original graph's input of sequence lengths (what PyTorch's {@code pack_padded_sequence}
 *                     and rnn4j's exports feed the recurrent operators' {@code sequence_lens}), or null when the
 *                     graph reads every step; rnn4j reads lengths as the batch's {@link io.rnn4j.core.SequenceMask}
 */
public record ImportedModel(String source, ValueType input, List<LayerGraph.Item> layers, LayerGraph.Item head,
        Network network, Layout inputLayout, Layout outputLayout, Output output, double maxAbsDiff,
        Map<String, String> metadata, String lengthsInput) implements AutoCloseable {

    /** Axis order of a sequence tensor in the original graph. */
    public enum Layout {
        /** {@code [batch, time, ...]}: PyTorch's {@code batch_first=True}, rnn4j's own exports. */
        BATCH_MAJOR,
        /** {@code [time, batch, ...]}: PyTorch's default {@code batch_first=False}. */
        TIME_MAJOR
    }

    /** What the original graph does to the last linear layer's values. */
    public enum Output {
        /** Nothing: logits or regression values. */
        LINEAR,
        /** {@code Softmax} over the last axis. */
        SOFTMAX,
        /** {@code LogSoftmax} over the last axis. */
        LOG_SOFTMAX
    }

    /** Validates. */
    public ImportedModel {
        Objects.requireNonNull(network, "network");
        layers = List.copyOf(layers);
        metadata = Map.copyOf(metadata);
    }

    /** Whether the original graph takes sequence lengths ({@link #lengthsInput()} is not null). */
    public boolean hasLengths() {
        return lengthsInput != null;
    }

    /** The compiled layer graph. */
    public LayerGraph graph() {
        return network.graph();
    }

    /** Releases the network's backend. */
    @Override
    public void close() {
        network.backend().close();
    }
}
