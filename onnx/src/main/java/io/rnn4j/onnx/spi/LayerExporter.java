package io.rnn4j.onnx.spi;

import io.rnn4j.core.model.LayerGraph;

/**
 * Writes the ONNX nodes of one layer kind, found by {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/io.rnn4j.onnx.spi.LayerExporter}. A plugin that adds a
 * layer kind adds its exporter the same way, with no change to rnn4j.
 *
 * <p>An exporter reads the node's spec and its parameters (through
 * {@link ExportContext#parameter(io.rnn4j.core.ParamId)}), adds nodes and initializers to the graph,
 * and returns the value it produced. It must reproduce the layer's inference forward pass to within
 * the parity tolerance, including its mask semantics: a sequence it returns is zero at padded steps.
 */
public interface LayerExporter {

    /** The id of the layer kind this exporter handles ({@code lstm}, {@code many_to_one}, ...). */
    String kindId();

    /**
     * Adds the layer to the graph.
     *
     * @param node    the layer (its name, spec and input type)
     * @param input   the value flowing in
     * @param context the graph being built
     * @return the value flowing out
     * @throws io.rnn4j.core.Rnn4jException {@code RNN4J-ONNX-002} if this configuration of the layer cannot be
     *                                      exported, saying why and what can be
     */
    OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext context);
}
