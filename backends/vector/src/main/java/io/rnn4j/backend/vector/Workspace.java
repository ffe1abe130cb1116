package io.rnn4j.backend.vector;

/**
 * Every buffer of one fused recurrent pass, forward and backward, sized by {@link #prepare}. Buffers
 * only grow, and each is written before it is read in every pass, so stale contents never matter.
 *
 * <h2>Layout</h2>
 * Step-major, then batch row: step {@code s} of a per-step buffer is the contiguous block of {@code b}
 * rows starting at row {@code s * b} (the states have {@code t + 1} steps). Gate columns are in the
 * packed order ({@link PackedWeights#gateRow}); the hidden width is padded to {@code hp}, a whole number of vectors,
 * with padding lanes that stay exactly zero. A batch of at least {@link #MIN_SPLIT_BATCH} rows is cut
 * into two parts ({@link #partStart}) whose sequences never interact, so each can run its whole step
 * loop on its own thread.
 *
 * <p>Nothing here depends on the number of threads, so results are the same bits whichever thread count
 * runs a pass.
 */
final class Workspace {
    /** The smallest batch cut into two parts: each part then has at least one block of four rows. */
    static final int MIN_SPLIT_BATCH = 8;
    /** Rows of one block of input projections: 256 x 512 floats is 512 KiB, well inside L2. */
    static final int PROJECTION_ROWS = 256;

    /** Incremented each time the workspace is handed out, so a stale pass is detected. */
    long generation;
    boolean inPool;

    // shape
    int b;
    int t;
    int in;
    int inp;
    int h;
    int hp;
    int np;
    int parts;
    final int[] partStart = new int[3];
    /** Steps whose input projections are computed together (about 256 rows), see {@link #actRow}. */
    int projectionBlock;
    /** Whether the per-step activations are kept for backward (else {@link #act} is a ring of one block). */
    boolean training;
    boolean dropout;

    /** This workspace's packed forward weights, for training passes. */
    final PackedWeights own = new PackedWeights();
    /** The packed forward weights of the current pass: {@link #own}, or an inference pass's cached ones. */
    PackedWeights fw = own;
    float[] maskS = new float[0];
    /**
     * Whether the current pass keeps only two state slots ({@code s & 1}) in {@link #hs}, {@link #cs} and
     * {@link #tc}: an inference pass whose output sequence is not read needs no state history.
     */
    boolean ring;

    float[] x = new float[0];
    float[] act = new float[0];
    float[] hh = new float[0];
    float[] hs = new float[0];
    float[] cs = new float[0];
    float[] tc = new float[0];
    float[] hin = new float[0];
    float[] drop = new float[0];

    final Panels wxB = new Panels();
    final Panels[] whB = {new Panels(), new Panels()};
    final Panels xDirect = new Panels();
    final Panels hDirect = new Panels();

    // backward
    float[] dG = new float[0];
    float[] dGh = new float[0];
    float[] dOut = new float[0];
    float[] dh = new float[0];
    float[] dc = new float[0];
    float[] direct = new float[0];
    float[] part = new float[0];
    float[] dW = new float[0];
    float[] dx = new float[0];
    final double[][] dBiasX = {new double[0], new double[0]};
    final double[][] dBiasH = {new double[0], new double[0]};

    final float[][] tiles = {new float[Gemm.TILE], new float[Gemm.TILE]};

    static float[] grow(float[] a, int n) {
        return a.length >= n ? a : new float[n];
    }

    static double[] grow(double[] a, int n) {
        return a.length >= n ? a : new double[n];
    }

    /** Sizes the forward buffers for a pass. */
    void prepare(int batch, int time, int input, int hidden, int gates, boolean lstm, boolean gru, boolean drop,
            boolean keep) {
        b = batch;
        t = time;
        in = input;
        inp = Vec.roundUp(input);
        h = hidden;
        hp = Vec.roundUp(hidden);
        np = gates * hp;
        dropout = drop;
        training = keep;
        parts = batch >= MIN_SPLIT_BATCH ? 2 : 1;
        partStart[0] = 0;
        partStart[1] = parts == 2 ? batch / 2 : batch;
        partStart[2] = batch;
        projectionBlock = Math.max(1, Math.min(time, PROJECTION_ROWS / batch));
        int actSteps = keep ? time : projectionBlock;
        long largest = Math.max((long) actSteps * b * np, (long) (t + 1) * b * Math.max(hp, inp));
        if (keep) {
            largest = Math.max(largest, (long) t * b * np);
        }
        if (largest > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a recurrent pass of batch " + batch + ", " + time + " steps, input "
                    + input + " and " + gates + " x " + hidden + " gate units needs a buffer of " + largest
                    + " floats, more than a Java array holds; feed the sequence in chunks (truncated BPTT) or a "
                    + "smaller batch");
        }
        maskS = grow(maskS, t * b);
        x = grow(x, t * b * inp);
        act = grow(act, actSteps * b * np);
        if (gru) {
            hh = grow(hh, actSteps * b * np);
        }
        hs = grow(hs, (t + 1) * b * hp);
        if (lstm) {
            cs = grow(cs, (t + 1) * b * hp);
            tc = grow(tc, t * b * hp);
        }
        if (drop) {
            hin = grow(hin, (t + 1) * b * hp);
            this.drop = grow(this.drop, b * hp);
        }
    }

    /** Sizes the backward buffers. */
    void prepareBackward(boolean gru) {
        dG = grow(dG, t * b * np);
        if (gru) {
            dGh = grow(dGh, t * b * np);
            direct = grow(direct, b * hp);
        }
        dOut = grow(dOut, t * b * hp);
        dh = grow(dh, b * hp);
        dc = grow(dc, b * hp);
        part = grow(part, 4 * b * hp);
        dW = grow(dW, np * (inp + hp));
        dx = grow(dx, t * b * inp);
        for (int i = 0; i < 2; i++) {
            dBiasX[i] = grow(dBiasX[i], np);
            dBiasH[i] = grow(dBiasH[i], np);
        }
    }

    /** Rows in part {@code p}. */
    int rows(int p) {
        return partStart[p + 1] - partStart[p];
    }

    /**
     * First row of step {@code s} in {@link #act} (and {@link #hh}): all steps for a training pass; an
     * inference pass cycles through one block of steps, so batch 256 needs 512 KiB, not 52 MiB.
     */
    int actRow(int s) {
        return (training ? s : s % projectionBlock) * b;
    }

    /** The recurrent input of step {@code s}: the dropped-out state, or the state itself. */
    float[] hinArray() {
        return dropout ? hin : hs;
    }
}
