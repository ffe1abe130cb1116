package io.rnn4j.layers.heads;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind.ShapeProblems;
import io.rnn4j.core.spi.MatrixView;

/** What the heads share: the {@code classes}/{@code outputs} rule, common shape errors, small tensor helpers. */
final class Targets {
    private Targets() {
    }

    /**
     * Reports {@code RNN4J-DSL-044} when both {@code classes} and {@code outputs} are set.
     *
     * @return whether the options are consistent
     */
    static boolean checkExclusive(String kindId, Integer classes, Integer outputs, ShapeProblems problems) {
        if (classes != null && outputs != null) {
            problems.error("RNN4J-DSL-044", "classes", "a " + kindId + " head predicts either classes (logits, "
                    + "softmax in the loss) or values (regression), but both 'classes: " + classes
                    + "' and 'outputs: " + outputs + "' are set",
                    "keep 'classes' for classification or 'outputs' for regression, not both; leave both out "
                            + "to take the number of classes from the data");
            return false;
        }
        return true;
    }

    /** Reports {@code RNN4J-DSL-041} for token ids fed straight into a head. */
    static void rejectTokens(String kindId, ValueType input, String hint, ShapeProblems problems) {
        problems.error("RNN4J-DSL-041", "", "a " + kindId + " head needs feature vectors, but it gets "
                + input.describe(), hint);
    }

    /** The head's output size: {@code classes}, else {@code outputs}, else {@link ValueType#UNKNOWN}. */
    static int size(Integer classes, Integer outputs) {
        return classes != null ? classes : outputs != null ? outputs : ValueType.UNKNOWN;
    }

    /** The output size for declaring parameters; fails while it still depends on the data. */
    static int require(String kindId, String option, int size) {
        if (size == ValueType.UNKNOWN) {
            throw new IllegalStateException("the " + kindId + " head's '" + option + "' is not known yet: it comes "
                    + "from the data, so resolve the spec with the data's facts (DataDependent.resolve) before "
                    + "declaring or creating the layer");
        }
        return size;
    }

    /** The integer token id at a flat index, checked to be in {@code [0, bound)}. */
    static int tokenId(Tensor ids, int flat, int bound, String layer, int row, int step) {
        float v = ids.getFlat(flat);
        int id = (int) v;
        if (id != v || id < 0 || id >= bound) {
            throw new Rnn4jException("RNN4J-LAYER-001", "head '" + layer + "': target token id " + v + " at batch row "
                    + row + ", step " + step + " is not an integer in [0, " + bound + "). Check the head's "
                    + "classes/vocabulary against the data's target ids.");
        }
        return id;
    }

    /** A {@code [batch, 1]} batch of token ids. */
    static Tensor idColumn(int[] ids) {
        Tensor t = Tensor.zeros(ids.length, 1);
        for (int i = 0; i < ids.length; i++) {
            t.setFlat(i, ids[i]);
        }
        return t;
    }

    /** Copies a {@code [batch, n]} step into step {@code t} of a {@code [batch, time, n]} tensor. */
    static void putStep(Backend be, Tensor step, Tensor seq, int t) {
        int b = seq.dim(0);
        int time = seq.dim(1);
        int n = seq.dim(2);
        be.copy(MatrixView.of(step, b, n), new MatrixView(seq.data(), seq.offset() + t * n, b, n, time * n));
    }
}
