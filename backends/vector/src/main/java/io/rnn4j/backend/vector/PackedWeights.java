package io.rnn4j.backend.vector;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.RecurrentWeights;
import io.rnn4j.core.ParameterVersion;

/**
 * One direction's forward weights in the fused kernels' layout: {@code W_ih^T} and {@code W_hh^T} in
 * panels with gate rows in packed order ({@link #gateRow}), the folded biases, and the gates' sigmoid
 * scales.
 *
 * <p>A training pass packs into its workspace's instance on every call (the optimizer changes the
 * weights after every step). Inference passes keep one instance per weight tensor and reuse it while the
 * same four tensors are passed and no weight was written since it was packed: the
 * {@link ParameterVersion} it remembers is still current (every optimizer step, weight load and restore
 * takes the values through {@code ParameterSet.values()} or {@code Parameter.value()}, which count as
 * writes). That check is two reads, where comparing a snapshot of every weight cost as much as a small
 * step of the cell (one token of batch-1 generation).
 */
final class PackedWeights {
    final Panels wxT = new Panels();
    final Panels whT = new Panels();
    int[] gateRow = new int[0];
    float[] biasX = new float[0];
    float[] biasH = new float[0];
    float[] gateScale = new float[0];

    private final Tensor[] packedFrom = new Tensor[4];
    private long version = -1;
    private int in = -1;
    private int h = -1;
    private boolean split;

    /** Sizes the per-column arrays for {@code np} packed gate columns. */
    void size(int np) {
        if (gateRow.length < np) {
            gateRow = new int[np];
        }
        biasX = Workspace.grow(biasX, np);
        biasH = Workspace.grow(biasH, np);
        gateScale = Workspace.grow(gateScale, np);
    }

    /**
     * Whether this holds {@code w} packed for the given layout (sizes and unit split) as it is now: the same
     * tensors, and no weight written since ({@link ParameterVersion}).
     */
    boolean holds(RecurrentWeights w, boolean unitSplit) {
        if (in != w.inputSize() || h != w.hiddenSize() || split != unitSplit || version != ParameterVersion.current()) {
            return false;
        }
        Tensor[] t = tensors(w);
        for (int i = 0; i < t.length; i++) {
            if (t[i] != packedFrom[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records what is about to be packed: call before packing, so that a write that counts (a
     * {@code ParameterVersion.changed()}) during the packing leaves the version stale and the next call
     * packs again; see {@link ParameterVersion} for what counts.
     */
    void remember(RecurrentWeights w, boolean unitSplit) {
        version = ParameterVersion.current();
        Tensor[] t = tensors(w);
        System.arraycopy(t, 0, packedFrom, 0, t.length);
        in = w.inputSize();
        h = w.hiddenSize();
        split = unitSplit;
    }

    private static Tensor[] tensors(RecurrentWeights w) {
        return new Tensor[] {w.wIh(), w.wHh(), w.bIh(), w.bHh()};
    }
}
