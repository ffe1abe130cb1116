package io.rnn4j.backend.vector;

/**
 * Every buffer of one fused recurrent pass, forward and backward, sized by {@link #prepare}. Buffers
 * only grow, and each is written before it is read in every pass, so stale contents never matter.
 *
 * <p>Layouts (see {@link FusedRecurrentKernel}): step-major by processing step {@code s}; gate
 * columns in the packed order ({@link #gateRow}); the hidden width padded to {@code hp}, a whole number
 * of vectors, with padding lanes that stay exactly zero.
 */
final class Workspace {
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

    int[] gateRow = new int[0];
    float[] biasX = new float[0];
    float[] biasH = new float[0];
    float[] gateScale = new float[0];
    float[] maskS = new float[0];

    float[] x = new float[0];
    float[] act = new float[0];
    float[] hh = new float[0];
    float[] hs = new float[0];
    float[] cs = new float[0];
    float[] tc = new float[0];
    float[] hin = new float[0];
    float[] drop = new float[0];
    boolean dropout;

    final Panels wxT = new Panels();
    final Panels whT = new Panels();
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
    double[] dBiasX = new double[0];
    private float[] biasStep = new float[0];
    double[] dBiasH = new double[0];

    final float[][] tiles = {new float[Gemm.TILE], new float[Gemm.TILE]};

    static float[] grow(float[] a, int n) {
        return a.length >= n ? a : new float[n];
    }

    static double[] grow(double[] a, int n) {
        return a.length >= n ? a : new double[n];
    }

    /** Sizes the forward buffers for a pass. */
    void prepare(int batch, int time, int input, int hidden, int gates, boolean lstm, boolean gru, boolean drop) {
        b = batch;
        t = time;
        in = input;
        inp = Vec.roundUp(input);
        h = hidden;
        hp = Vec.roundUp(hidden);
        np = gates * hp;
        dropout = drop;
        if (gateRow.length < np) {
            gateRow = new int[np];
        }
        biasX = grow(biasX, np);
        biasH = grow(biasH, np);
        gateScale = grow(gateScale, np);
        maskS = grow(maskS, t * b);
        x = grow(x, t * b * inp);
        act = grow(act, t * b * np);
        if (gru) {
            hh = grow(hh, t * b * np);
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
    void prepareBackward(boolean lstm, boolean gru, int threads) {
        dG = grow(dG, t * b * np);
        if (gru) {
            dGh = grow(dGh, t * b * np);
            direct = grow(direct, b * hp);
        }
        dOut = grow(dOut, t * b * hp);
        dh = grow(dh, b * hp);
        if (lstm) {
            dc = grow(dc, b * hp);
        }
        part = grow(part, 2 * threads * b * hp);
        dW = grow(dW, np * Math.max(inp, hp));
        dx = grow(dx, t * b * inp);
        dBiasX = grow(dBiasX, np);
        dBiasH = grow(dBiasH, np);
    }

    /** Scratch for one step's column sums. */
    float[] dBiasStep(int n) {
        biasStep = grow(biasStep, n);
        return biasStep;
    }

    /** The recurrent input of step {@code s}: the dropped-out state, or the state itself. */
    float[] hinArray() {
        return dropout ? hin : hs;
    }
}
