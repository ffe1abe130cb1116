package io.rnn4j.layers;

import io.rnn4j.core.Initializer;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spi.CellKind;

/**
 * Options of the {@code simple_rnn} layer kind (see {@link io.rnn4j.layers.cell.RnnCellMath}).
 *
 * @param units            hidden units per direction
 * @param activation       tanh or relu
 * @param layers           stacked layers
 * @param bidirectional    whether a reverse direction runs too
 * @param merge            how the two directions of the top layer combine
 * @param dropout          dropout between stacked layers
 * @param recurrentDropout variational dropout on the recurrent input
 * @param returnSequences  every step, or only the final state
 * @param kernelInit       input-weight initializer
 * @param recurrentInit    recurrent-weight initializer
 */
@Doc("Elman recurrent layer h' = f(W_ih x + b_ih + W_hh h + b_hh), optionally stacked and bidirectional.")
public record SimpleRnnSpec(
        @Doc("Hidden units per direction.") @Range(min = 1) int units,
        @Doc("The non-linearity f.") @Default("tanh") RnnActivation activation,
        @Doc("Number of stacked layers.") @Default("1") @Range(min = 1) int layers,
        @Doc("Run a reverse direction too.") @Default("false") boolean bidirectional,
        @Doc("How the forward and reverse outputs combine.") @Default("concat") Merge merge,
        @Doc("Dropout rate between stacked layers (training only).") @Default("0.0") @Range(min = 0, max = 1, maxExclusive = true) float dropout,
        @Doc("Variational dropout rate on the recurrent input (training only).") @Default("0.0") @Range(min = 0, max = 1, maxExclusive = true) float recurrentDropout,
        @Doc("Output every step (true) or only the final state (false).") @Default("true") boolean returnSequences,
        @Doc("Initializer of the input weights.") @Default("glorot_uniform") Initializer kernelInit,
        @Doc("Initializer of the recurrent weights.") @Default("orthogonal") Initializer recurrentInit)
        implements LayerSpec {

    /** The non-linearities a simple RNN supports. */
    public enum RnnActivation {
        /** Hyperbolic tangent. */
        TANH,
        /** Rectified linear unit. */
        RELU
    }

    /** The runtime spec. */
    public RecurrentSpec toRecurrentSpec() {
        return new RecurrentSpec(activation == RnnActivation.RELU ? CellKind.RNN_RELU : CellKind.RNN_TANH, units, layers,
                bidirectional, merge, dropout, recurrentDropout, returnSequences, 0f, kernelInit, recurrentInit);
    }
}
