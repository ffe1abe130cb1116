package io.rnn4j.backend.vector;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.RecurrentWeights;
import java.util.Arrays;

/**
 * One direction's forward weights in the fused kernels' layout: {@code W_ih^T} and {@code W_hh^T} in
 * panels with gate rows in packed order ({@link #gateRow}), the folded biases, and the gates' sigmoid
 * scales.
 *
 * <p>A training pass packs into its workspace's instance on every call (the optimizer changes the
 * weights after every step). Inference passes keep one instance per weight tensor and reuse it while a
 * {@link #snapshot} of the weights still matches them element for element: comparing 100k floats costs
 * a fraction of packing them, which matters for batch-1 inference, where packing was 15% of a call.
 */
final class PackedWeights {
    final Panels wxT = new Panels();
    final Panels whT = new Panels();
    int[] gateRow = new int[0];
    float[] biasX = new float[0];
    float[] biasH = new float[0];
    float[] gateScale = new float[0];

    private float[] snapshot = new float[0];
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

    /** Whether this holds {@code w} packed for the given layout (sizes and unit split) as it is now. */
    boolean holds(RecurrentWeights w, boolean unitSplit) {
        if (in != w.inputSize() || h != w.hiddenSize() || split != unitSplit) {
            return false;
        }
        int o = 0;
        for (Tensor t : tensors(w)) {
            if (!Arrays.equals(snapshot, o, o + t.size(), t.data(), t.offset(), t.offset() + t.size())) {
                return false;
            }
            o += t.size();
        }
        return true;
    }

    /** Records what was just packed. */
    void remember(RecurrentWeights w, boolean unitSplit) {
        int n = 0;
        for (Tensor t : tensors(w)) {
            n += t.size();
        }
        snapshot = Workspace.grow(snapshot, n);
        int o = 0;
        for (Tensor t : tensors(w)) {
            System.arraycopy(t.data(), t.offset(), snapshot, o, t.size());
            o += t.size();
        }
        in = w.inputSize();
        h = w.hiddenSize();
        split = unitSplit;
    }

    private static Tensor[] tensors(RecurrentWeights w) {
        return new Tensor[] {w.wIh(), w.wHh(), w.bIh(), w.bHh()};
    }
}
