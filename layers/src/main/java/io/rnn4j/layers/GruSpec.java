package io.rnn4j.layers;

import io.rnn4j.core.Initializer;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spi.CellKind;

/**
 * Options of the {@code gru} layer kind (see {@link io.rnn4j.layers.cell.GruCellMath}).
 *
 * @param units            hidden units per direction
 * @param layers           stacked layers
 * @param bidirectional    whether a reverse direction runs too
 * @param merge            how the two directions of the top layer combine
 * @param dropout          dropout between stacked layers
 * @param recurrentDropout variational dropout on the recurrent input
 * @param returnSequences  every step, or only the final state
 * @param kernelInit       input-weight initializer
 * @param recurrentInit    recurrent-weight initializer
 * @param resetAfter       the reset gate applies after the candidate's recurrent product (PyTorch, cuDNN, ONNX
 *                         {@code linear_before_reset=1}; {@link io.rnn4j.layers.cell.GruCellMath}), or, when false,
 *                         to the state before it (Cho et al. 2014, Keras {@code reset_after=False}, ONNX
 *                         {@code linear_before_reset=0}; {@link io.rnn4j.layers.cell.GruResetBeforeStep})
 */
@Doc("Gated recurrent unit layer (reset-after variant, ONNX linear_before_reset=1, unless reset_after: false), optionally stacked and bidirectional.")
public record GruSpec(
        @Doc("Hidden units per direction.") @Range(min = 1) int units,
        @Doc("Number of stacked layers.") @Default("1") @Range(min = 1) int layers,
        @Doc("Run a reverse direction too.") @Default("false") boolean bidirectional,
        @Doc("How the forward and reverse outputs combine.") @Default("concat") Merge merge,
        @Doc("Dropout rate between stacked layers (training only).") @Default("0.0") @Range(min = 0, max = 1, maxExclusive = true) float dropout,
        @Doc("Variational dropout rate on the recurrent input (training only).") @Default("0.0") @Range(min = 0, max = 1, maxExclusive = true) float recurrentDropout,
        @Doc("Output every step (true) or only the final state (false).") @Default("true") boolean returnSequences,
        @Doc("Initializer of the input weights.") @Default("glorot_uniform") Initializer kernelInit,
        @Doc("Initializer of the recurrent weights.") @Default("orthogonal") Initializer recurrentInit,
        @Doc("Apply the reset gate after the candidate's recurrent product (PyTorch/cuDNN, ONNX linear_before_reset=1),"
                + " or before it when false (Keras reset_after=False, ONNX linear_before_reset=0).")
        @Default("true") boolean resetAfter)
        implements LayerSpec {

    /** The reset-after GRU (PyTorch's) with the given options. */
    public GruSpec(int units, int layers, boolean bidirectional, Merge merge, float dropout, float recurrentDropout,
            boolean returnSequences, Initializer kernelInit, Initializer recurrentInit) {
        this(units, layers, bidirectional, merge, dropout, recurrentDropout, returnSequences, kernelInit,
                recurrentInit, true);
    }

    /** The cell equations: {@link CellKind#GRU}, or {@link CellKind#GRU_RESET_BEFORE} when not {@link #resetAfter}. */
    public CellKind cell() {
        return resetAfter ? CellKind.GRU : CellKind.GRU_RESET_BEFORE;
    }

    /** The runtime spec. */
    public RecurrentSpec toRecurrentSpec() {
        return new RecurrentSpec(cell(), units, layers, bidirectional, merge, dropout, recurrentDropout,
                returnSequences, 0f, kernelInit, recurrentInit);
    }
}
