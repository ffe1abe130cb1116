package io.rnn4j.runtime;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.Parameter;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.archive.ModelArchive;
import io.rnn4j.core.archive.Weights;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code model: {init_from: path}}: training starts from the weights of an existing model archive (any
 * {@code model.rnn4j}: trained by rnn4j or written by {@code rnn4j import}) instead of random ones. The experiment's
 * layer graph must be the archive's: every parameter, in the network's order, must be in the archive with the same
 * shape, and the archive must hold nothing else; the first difference is reported with its layer and shapes.
 */
final class InitFrom {
    private InitFrom() {
    }

    /**
     * Loads the weights of {@code archive} (relative to the experiment's directory) into {@code network}.
     *
     * @throws Rnn4jException {@code RNN4J-RUN-020} if the archive cannot be read, {@code RNN4J-RUN-021} naming the
     *                        first layer whose parameters differ
     */
    static void apply(String initFrom, Path experiment, Network network) {
        Path base = experiment.toAbsolutePath().getParent();
        Path file = base == null ? Path.of(initFrom) : base.resolve(initFrom);
        if (!Files.isRegularFile(file)) {
            throw new Rnn4jException("RNN4J-RUN-020", experiment + ": model.init_from names " + file
                    + ", which is not a file. Give the path of a model.rnn4j (relative to the experiment file).");
        }
        Weights weights = ModelArchive.read(file).weights();
        Set<String> used = new HashSet<>();
        for (Parameter p : network.parameters().all()) {
            String name = p.id().displayName();
            int[] want = p.value().shape().dims();
            Weights.Entry e = weights.get(name).orElse(null);
            if (e == null || !Arrays.equals(e.shape(), want)) {
                throw mismatch(experiment, file, owner(network.graph(), p.id()), e == null
                        ? "its parameter " + name + " " + Arrays.toString(want) + " is not in the archive"
                        : "its parameter " + name + " is " + Arrays.toString(want) + " in the experiment but "
                                + Arrays.toString(e.shape()) + " in the archive");
            }
            used.add(name);
        }
        for (Weights.Entry e : weights.entries()) {
            if (!used.contains(e.name())) {
                throw mismatch(experiment, file, null, "the archive has " + e.name() + " "
                        + Arrays.toString(e.shape()) + ", which this experiment's model does not have");
            }
        }
        weights.loadInto(network.parameters());
    }

    /** The layer that declares {@code id}. */
    private static LayerGraph.Node owner(LayerGraph graph, ParamId id) {
        for (LayerGraph.Node n : graph.nodes()) {
            ParameterSet.Builder b = ParameterSet.builder();
            n.declare(b);
            if (b.ids().contains(id)) {
                return n;
            }
        }
        return null;
    }

    private static Rnn4jException mismatch(Path experiment, Path file, LayerGraph.Node n, String what) {
        String where = n == null ? "" : "layer '" + n.name() + "' (" + n.kind().id() + ", " + n.path() + ", output "
                + n.output().shapeText() + "): ";
        return new Rnn4jException("RNN4J-RUN-021", experiment + ": model.init_from " + file + " does not fit this "
                + "model: the first difference is at " + (where.isEmpty() ? "" : where) + what + ". Use the archive's "
                + "layers (rnn4j inspect it, or the experiment it was trained or imported with) with the same units, "
                + "vocabulary and classes.");
    }
}
