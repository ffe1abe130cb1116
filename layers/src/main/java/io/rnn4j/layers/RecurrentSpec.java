package io.rnn4j.layers;

import io.rnn4j.core.Initializer;
import io.rnn4j.core.spi.CellKind;
import java.util.Objects;

/**
 * A recurrent layer ({@code simple_rnn}, {@code lstm} or {@code gru}): pure data, validated here.
 *
 * @param cell             the cell equations
 * @param units            hidden units per direction ({@code >= 1})
 * @param layers           number of stacked layers ({@code >= 1}); between stacked layers the
 *                         directions are concatenated, as in PyTorch
 * @param bidirectional    whether a reverse direction runs too
 * @param merge            how the top layer's two directions are combined (ignored when unidirectional)
 * @param dropout          inverted dropout rate on the input of every stacked layer but the first
 *                         ({@code [0, 1)}; training only)
 * @param recurrentDropout variational dropout rate on the hidden state where it enters the recurrent
 *                         product, one mask per sequence and layer for all steps ({@code [0, 1)};
 *                         training only)
 * @param returnSequences  whether the output is every step ({@code [batch, time, out]}) or the final
 *                         state ({@code [batch, out]}: for the reverse direction, its state after step 0)
 * @param forgetBias       value of the LSTM forget-gate input bias at initialisation (Jozefowicz et al.
 *                         2015 recommend 1; ignored by other cells)
 * @param kernelInit       initializer of the input weights
 * @param recurrentInit    initializer of the recurrent weights
 */
public record RecurrentSpec(CellKind cell, int units, int layers, boolean bidirectional, Merge merge, float dropout,
        float recurrentDropout, boolean returnSequences, float forgetBias, Initializer kernelInit,
        Initializer recurrentInit) {

    /** Validates every field. */
    public RecurrentSpec {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(kernelInit, "kernelInit");
        Objects.requireNonNull(recurrentInit, "recurrentInit");
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, was " + units);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, was " + layers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
            throw new IllegalArgumentException("recurrent_dropout must be in [0, 1), was " + recurrentDropout);
        }
        if (!Float.isFinite(forgetBias)) {
            throw new IllegalArgumentException("forget_bias must be finite, was " + forgetBias);
        }
    }

    /**
     * The defaults: one unidirectional layer, merge concat, no dropout, returns sequences, forget bias
     * 1 for LSTM (0 otherwise), Glorot-uniform input weights and orthogonal recurrent weights.
     */
    public static RecurrentSpec of(CellKind cell, int units) {
        return new RecurrentSpec(cell, units, 1, false, Merge.CONCAT, 0f, 0f, true,
                cell == CellKind.LSTM ? 1f : 0f, Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL);
    }

    /** Number of directions (1 or 2). */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Output features. */
    public int outputSize() {
        return bidirectional ? merge.outputSize(units) : units;
    }

    /** A copy with another number of stacked layers. */
    public RecurrentSpec withLayers(int n) {
        return new RecurrentSpec(cell, units, n, bidirectional, merge, dropout, recurrentDropout, returnSequences,
                forgetBias, kernelInit, recurrentInit);
    }

    /** A copy that is bidirectional with the given merge. */
    public RecurrentSpec withBidirectional(Merge m) {
        return new RecurrentSpec(cell, units, layers, true, m, dropout, recurrentDropout, returnSequences,
                forgetBias, kernelInit, recurrentInit);
    }

    /** A copy with the given dropout rates. */
    public RecurrentSpec withDropout(float between, float recurrent) {
        return new RecurrentSpec(cell, units, layers, bidirectional, merge, between, recurrent, returnSequences,
                forgetBias, kernelInit, recurrentInit);
    }

    /** A copy with the given {@code returnSequences}. */
    public RecurrentSpec withReturnSequences(boolean r) {
        return new RecurrentSpec(cell, units, layers, bidirectional, merge, dropout, recurrentDropout, r,
                forgetBias, kernelInit, recurrentInit);
    }
}
