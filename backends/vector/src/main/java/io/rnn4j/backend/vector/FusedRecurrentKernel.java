package io.rnn4j.backend.vector;

import static io.rnn4j.backend.vector.Vec.V;

import io.rnn4j.core.Direction;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.RecurrentCall;
import io.rnn4j.core.spi.RecurrentKernel;
import io.rnn4j.core.spi.RecurrentPass;
import io.rnn4j.core.spi.RecurrentWeights;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A fused whole-sequence kernel for one cell kind: the semantics of {@code ComposedRecurrentKernel}
 * (rnn4j-layers), computed in a few large products and one tight loop over the time steps.
 *
 * <h2>Forward</h2>
 * <ol>
 *   <li>The input is copied once, in processing order (reversed for {@link Direction#REVERSE}), with
 *       padded steps zeroed so that NaN in padding never reaches anything.</li>
 *   <li>The input projections {@code X W_ih^T + b_ih (+ b_hh)} are computed a block of steps (about 256
 *       rows) at a time, just ahead of the steps that use them, so each step finds them in L2.</li>
 *   <li>Per step only the recurrent product {@code h W_hh^T} runs, accumulated straight into that step's
 *       projections (GRU: into a separate slice, since {@code r} multiplies its n part), followed by the
 *       gate pass: one sigmoid pass over all gates, one pass for the cell.</li>
 * </ol>
 * Weights are packed once per call into panels of four vectors (see {@link Gemm}) with their gate rows
 * reordered so that each group of gate columns holds the gates of {@link Vec#V} whole hidden units
 * (chunk {@code c}: LSTM {@code [i f g o]}, GRU {@code [r z n]}, RNN {@code [a]}, units
 * {@code [cV, cV+V)}). The cell equations then read one chunk's gates from adjacent vectors.
 *
 * <h2>Backward</h2>
 * The step loop runs in reverse with only the product {@code dG W_hh} per step (and the bias gradients,
 * summed while the step's gate gradients are in L1); the weight gradients ({@code dG^T X},
 * {@code dG^T H}) and the input gradient ({@code dG W_ih}) are each one product over all steps
 * afterwards.
 *
 * <h2>Threads</h2>
 * With a thread budget of two ({@link Team}), a batch of at least {@link Workspace#MIN_SPLIT_BATCH}
 * rows is cut in two parts that run their whole step loops on separate threads: sequences are
 * independent, so no thread ever waits for the other inside the loop. A smaller batch (batch-1
 * inference) splits the hidden units instead: each thread owns whole units (its panels of the product,
 * its chunks of the cell) and the two meet at one barrier per step. The products over all steps are
 * cut into items of output rows. Parts and items are taken by whichever thread is free
 * ({@link Team#runItems}), so a worker that gets no core in time costs nothing. Whether two threads
 * are used at all is decided per call shape by measurement ({@link ThreadChooser}). Every output
 * element is computed in the same order on one thread or two, so results are the same bits either way.
 *
 * <h2>Masks</h2>
 * A padded step is decided per row, never per element: its state rows are copied from the previous
 * step, its gate-gradient row is zero and its carried gradients pass through unchanged.
 *
 * <h2>Memory</h2>
 * All buffers live in a {@link Workspace} taken from the backend's pool for the duration of a pass
 * (until backward for a training pass); nothing is allocated inside the step loops, only the tensors
 * returned to the caller.
 */
final class FusedRecurrentKernel implements RecurrentKernel {
    private final CellKind cell;
    private final Workspaces pool;
    private final Supplier<Team> teamSupplier;
    private final int gates;
    private final boolean lstm;
    private final boolean gru;
    private final boolean relu;
    private final boolean adaptive;
    private final ThreadChooser chooser = new ThreadChooser();
    /** Inference passes' packed weights, by recurrent weight tensor (identity): see {@link PackedWeights}. */
    private final Map<Tensor, PackedWeights> inferencePacks = new IdentityHashMap<>();
    /** How many times inference weights were packed (for tests: a cache hit packs nothing). */
    long inferencePacked;
    private static final int MAX_CACHED_PACKS = 16;

    /** How a pass is spread over threads. */
    private enum Mode {
        /** One thread (it runs the parts one after the other). */
        SINGLE,
        /** Two threads, one per part of the batch; no synchronization inside the step loop. */
        PARTS,
        /** Two threads that share each step's hidden units, one barrier per step (batch below 8). */
        UNITS
    }

    /**
     * @param team     the backend's team, or null when it has one thread
     * @param adaptive whether to choose between one and two threads by measurement ({@link ThreadChooser})
     *                 rather than always use the team
     */
    FusedRecurrentKernel(CellKind cell, Workspaces pool, Supplier<Team> team, boolean adaptive) {
        this.cell = cell;
        this.pool = pool;
        this.teamSupplier = team;
        this.adaptive = adaptive;
        this.gates = cell.gates();
        this.lstm = cell == CellKind.LSTM;
        this.gru = cell == CellKind.GRU;
        this.relu = cell == CellKind.RNN_RELU;
    }

    /** What a training pass keeps: its workspace, valid while the generation matches. */
    private record Saved(Workspace ws, long generation, FusedRecurrentKernel owner) {
    }

    // ================================================================ threads

    private static int chunks(Workspace ws) {
        return ws.hp / V;
    }

    /** Units split (batch below 8) needs two chunks to share; it also splits the backward product's k. */
    private static boolean unitSplit(Workspace ws) {
        return ws.parts == 1 && chunks(ws) >= 2;
    }

    /** First chunk of half {@code h} of the units (halves are used only when {@link #unitSplit}). */
    private static int halfStart(Workspace ws, int h) {
        return h == 0 ? 0 : chunks(ws) / 2;
    }

    private static int halfEnd(Workspace ws, int h) {
        return h == 0 ? chunks(ws) / 2 : chunks(ws);
    }

    /** The mode of a call: two threads when there is a team, work to share and (if adaptive) it pays. */
    private Mode mode(Workspace ws, long key) {
        Mode two = ws.parts == 2 ? Mode.PARTS : unitSplit(ws) ? Mode.UNITS : Mode.SINGLE;
        if (two == Mode.SINGLE || teamSupplier.get() == null) {
            return Mode.SINGLE;
        }
        return !adaptive || chooser.choose(key) == 2 ? two : Mode.SINGLE;
    }

    private static int threads(Mode m) {
        return m == Mode.SINGLE ? 1 : 2;
    }

    /** Items a product over all steps is cut into, so that either thread can take any of them. */
    private static final int PRODUCT_ITEMS = 8;

    /** Rows {@code [from, to)} of item {@code i} of {@code n} rows cut into {@code items}, at multiples of 4. */
    static int[] itemRows(int n, int i, int items) {
        int chunk = ((n + items - 1) / items + 3) & ~3;
        return new int[] {Math.min(n, i * chunk), Math.min(n, (i + 1) * chunk)};
    }

    /**
     * Runs independent items: inline on one thread, else offered to both threads ({@link Team#runItems}),
     * so that a worker without a free core in time leaves them all to the caller instead of holding it up.
     */
    private void runItems(Mode mode, int count, Team.ItemTask task) {
        if (mode == Mode.SINGLE) {
            for (int i = 0; i < count; i++) {
                task.run(i, 0);
            }
        } else {
            teamSupplier.get().runItems(count, task);
        }
    }

    // ================================================================ forward

    @Override
    public RecurrentPass forward(RecurrentCall call) {
        RecurrentWeights w = call.weights();
        if (w.cell() != cell) {
            throw new IllegalArgumentException("vector kernel for " + cell + " called with " + w.cell() + " weights");
        }
        int b = call.batch();
        int t = call.time();
        int hid = w.hiddenSize();
        Workspace ws = pool.acquire();
        boolean keep = false;
        long start = System.nanoTime();
        long key = ThreadChooser.key(call.training() ? 0 : 1, b, w.inputSize(), hid);
        try {
            ws.prepare(b, t, w.inputSize(), hid, gates, lstm, gru, call.recurrentDropoutMask() != null,
                    call.training());
            Mode mode = mode(ws, key);
            ws.fw = packed(ws, w, call.training());
            ws.ring = !call.training() && !call.sequenceOutput();
            copyState(ws, call);
            switch (mode) {
                case SINGLE -> {
                    copyInput(ws, call, 0, b);
                    steps(ws, 0, b, 0, chunks(ws), 0, ws.fw.whT.count, ws.tiles[0], null);
                }
                case PARTS -> runItems(mode, 2, (part, m) -> {
                    // each part copies its own rows: the copy of a large batch is not left to one thread
                    copyInput(ws, call, ws.partStart[part], ws.partStart[part + 1]);
                    steps(ws, ws.partStart[part], ws.partStart[part + 1], 0, chunks(ws), 0, ws.fw.whT.count,
                            ws.tiles[m], null);
                });
                case UNITS -> {
                    copyInput(ws, call, 0, b);
                    Team team = teamSupplier.get();
                    team.run(tid -> steps(ws, 0, b, halfStart(ws, tid), halfEnd(ws, tid), ws.fw.whT.segStart[tid],
                            ws.fw.whT.segStart[tid + 1], ws.tiles[tid], team));
                }
            }
            Tensor out = call.sequenceOutput() ? output(ws, call) : null;
            Tensor hN = finalState(ws.hs, ws);
            Tensor cN = lstm ? finalState(ws.cs, ws) : null;
            Object saved = null;
            if (call.training()) {
                saved = new Saved(ws, ws.generation, this);
                keep = true;
            }
            chooser.record(key, threads(mode), (System.nanoTime() - start) / (double) Math.max(1, t));
            return new RecurrentPass(call, out, hN, cN, saved);
        } finally {
            if (!keep) {
                pool.release(ws);
            }
        }
    }

    /**
     * The packed forward weights of a pass: packed anew into the workspace for training (the weights
     * change after every step), else taken from the inference cache while they still match.
     */
    private PackedWeights packed(Workspace ws, RecurrentWeights w, boolean training) {
        if (training) {
            layout(ws.own, ws, w);
            return ws.own;
        }
        PackedWeights p = inferencePacks.get(w.wHh());
        if (p != null && p.holds(w, unitSplit(ws))) {
            return p;
        }
        if (p == null) {
            if (inferencePacks.size() >= MAX_CACHED_PACKS) {
                inferencePacks.clear();
            }
            p = new PackedWeights();
            inferencePacks.put(w.wHh(), p);
        }
        p.remember(w, unitSplit(ws));
        layout(p, ws, w);
        inferencePacked++;
        return p;
    }

    /**
     * Gate permutation, biases and the packed forward weights. The panels of the recurrent weights break
     * at the middle chunk when the units may be split between threads, so each thread owns whole panels.
     */
    private void layout(PackedWeights fw, Workspace ws, RecurrentWeights w) {
        int hid = ws.h;
        int np = ws.np;
        fw.size(np);
        float[] bi = w.bIh().data();
        int bio = w.bIh().offset();
        float[] bh = w.bHh().data();
        int bho = w.bHh().offset();
        for (int pc = 0; pc < np; pc++) {
            int chunk = pc / (gates * V);
            int q = (pc % (gates * V)) / V;
            int u = chunk * V + pc % V;
            int row = u < hid ? q * hid + u : -1;
            fw.gateRow[pc] = row;
            float x = row < 0 ? 0f : bi[bio + row];
            float hb = row < 0 ? 0f : bh[bho + row];
            // b_hh folds into the projections except GRU's n gate, where r multiplies it
            boolean fold = !gru || q < 2;
            fw.biasX[pc] = fold ? x + hb : x;
            fw.biasH[pc] = gru && q == 2 ? hb : 0f;
            fw.gateScale[pc] = lstm && q == 2 ? -2f : -1f;
        }
        int[] splits = unitSplit(ws) ? new int[] {0, halfEnd(ws, 0) * gates * V, np} : Panels.whole(np);
        fw.wxT.pack(ws.in, np, np, splits, w.wIh().data(), w.wIh().offset(), 1, ws.in, null, fw.gateRow);
        fw.whT.pack(hid, np, np, splits, w.wHh().data(), w.wHh().offset(), 1, hid, null, fw.gateRow);
    }

    /** Batch rows {@code [r0, r1)} of the input into processing order (step-major), padding zeroed. */
    private static void copyInput(Workspace ws, RecurrentCall call, int r0, int r1) {
        int t = ws.t;
        int in = ws.in;
        int inp = ws.inp;
        SequenceMask mask = call.mask();
        float[] src = call.input().data();
        int so = call.input().offset();
        boolean reverse = call.direction() == Direction.REVERSE;
        for (int r = r0; r < r1; r++) {
            for (int s = 0; s < t; s++) {
                int tt = reverse ? t - 1 - s : s;
                int row = s * ws.b + r;
                int dst = row * inp;
                boolean valid = tt < mask.length(r);
                ws.maskS[row] = valid ? 1f : 0f;
                if (valid) {
                    System.arraycopy(src, so + (r * t + tt) * in, ws.x, dst, in);
                    Arrays.fill(ws.x, dst + in, dst + inp, 0f);
                } else {
                    Arrays.fill(ws.x, dst, dst + inp, 0f);
                }
            }
        }
    }

    /** Initial states and dropout mask, padded with zeros (padding lanes stay zero through every step). */
    private void copyState(Workspace ws, RecurrentCall call) {
        for (int r = 0; r < ws.b; r++) {
            int d = r * ws.hp;
            pad(call.h0(), r, ws.hs, d, ws);
            if (lstm) {
                pad(call.c0(), r, ws.cs, d, ws);
            }
            if (ws.dropout) {
                pad(call.recurrentDropoutMask(), r, ws.drop, d, ws);
                Cells.mulRange(ws.hs, d, ws.drop, d, ws.hin, d, 0, ws.hp);
            }
        }
    }

    /** Row {@code r} of a {@code [b, h]} tensor into {@code dst[off, off + hp)}, padding zeroed. */
    private static void pad(Tensor src, int r, float[] dst, int off, Workspace ws) {
        System.arraycopy(src.data(), src.offset() + r * ws.h, dst, off, ws.h);
        Arrays.fill(dst, off + ws.h, off + ws.hp, 0f);
    }

    /** The state after the last step, {@code [b, h]}. */
    private static Tensor finalState(float[] states, Workspace ws) {
        float[] out = new float[ws.b * ws.h];
        int slot = ws.ring ? ws.t & 1 : ws.t;
        for (int r = 0; r < ws.b; r++) {
            System.arraycopy(states, (slot * ws.b + r) * ws.hp, out, r * ws.h, ws.h);
        }
        return Tensor.of(out, ws.b, ws.h);
    }

    /**
     * The step loop over batch rows {@code [r0, r1)} for chunks {@code [c0, c1)} and panels
     * {@code [p0, p1)}; with a {@code team}, the two threads meet at a barrier after each step (units
     * split).
     */
    private void steps(Workspace ws, int r0, int r1, int c0, int c1, int p0, int p1, float[] tile, Team team) {
        int b = ws.b;
        int rows = r1 - r0;
        int hp = ws.hp;
        int np = ws.np;
        int u0 = c0 * V;
        int u1 = c1 * V;
        float[] hin = ws.hinArray();
        int blk = ws.projectionBlock;
        PackedWeights fw = ws.fw;
        boolean ring = ws.ring;
        for (int s = 0; s < ws.t; s++) {
            int xs = s * b + r0;
            // an inference pass whose output sequence nobody reads keeps two state slots, not t + 1: every
            // step then writes states that are in cache (W4: three 13 MB arrays written cold per call, a
            // third of its time, went)
            int hsPrev = ((ring ? s & 1 : s) * b + r0) * hp;
            int hsNew = ((ring ? (s + 1) & 1 : s + 1) * b + r0) * hp;
            int actS = (ws.actRow(s) + r0) * np;
            if (rows == b) {
                if (s % blk == 0) {
                    // the input projections of the next block of steps, one product just ahead of its use
                    int n = (Math.min(ws.t, s + blk) - s) * b;
                    Gemm.multiply(0, n, ws.in, 1f, ws.x, xs * ws.inp, ws.inp, 1, fw.wxT, p0, p1, 0f, fw.biasX,
                            ws.act, actS, np, np, tile);
                }
            } else {
                // a part's rows of several steps are not contiguous: project step by step
                Gemm.multiply(0, rows, ws.in, 1f, ws.x, xs * ws.inp, ws.inp, 1, fw.wxT, p0, p1, 0f, fw.biasX,
                        ws.act, actS, np, np, tile);
            }
            if (gru) {
                Gemm.multiply(0, rows, ws.h, 1f, hin, hsPrev, hp, 1, fw.whT, p0, p1, 0f, null, ws.hh, actS, np, np,
                        tile);
            } else {
                Gemm.multiply(0, rows, ws.h, 1f, hin, hsPrev, hp, 1, fw.whT, p0, p1, 1f, null, ws.act, actS, np, np,
                        tile);
            }
            // the cell equations, one pass per transcendental (see Cells.lstmCellRows for why)
            float[] drop = ws.dropout ? ws.drop : null;
            if (lstm) {
                Cells.lstmGateRows(ws.act, actS, np, ws.maskS, xs, rows, fw.gateScale, c0, c1);
                Cells.lstmCellRows(ws.act, actS, np, ws.maskS, xs, rows, ws.cs, ws.hs, ws.tc, hsPrev, hsNew, hp, c0, c1,
                        drop, ws.hin, r0 * hp);
            } else if (gru) {
                Cells.gruGateRows(ws.act, ws.hh, actS, np, ws.maskS, xs, rows, fw.biasH, c0, c1);
                Cells.gruCellRows(ws.act, ws.hh, actS, np, ws.maskS, xs, rows, fw.biasH, ws.hs, hsPrev, hsNew, hp, c0,
                        c1, drop, ws.hin, r0 * hp);
            } else {
                Cells.rnnRows(relu, ws.act, actS, np, ws.maskS, xs, rows, ws.hs, hsPrev, hsNew, hp, u0, u1, drop,
                        ws.hin, r0 * hp);
            }
            if (team != null) {
                team.barrier();
            }
        }
    }

    /** {@code [b, t, h]} output in time order: the new state at valid steps, zero at padded ones. */
    private static Tensor output(Workspace ws, RecurrentCall call) {
        int t = ws.t;
        int h = ws.h;
        boolean reverse = call.direction() == Direction.REVERSE;
        float[] out = new float[ws.b * t * h];
        for (int r = 0; r < ws.b; r++) {
            for (int s = 0; s < t; s++) {
                if (ws.maskS[s * ws.b + r] != 0f) {
                    int tt = reverse ? t - 1 - s : s;
                    System.arraycopy(ws.hs, ((s + 1) * ws.b + r) * ws.hp, out, (r * t + tt) * h, h);
                }
            }
        }
        return Tensor.of(out, ws.b, t, h);
    }

    // ================================================================ backward

    @Override
    public RecurrentGradients backward(RecurrentPass pass, Tensor dOutput, Tensor dhN, Tensor dcN,
            RecurrentWeights grads) {
        if (!(pass.saved() instanceof Saved sv) || sv.owner() != this) {
            throw new IllegalStateException("backward needs a forward pass made with training=true by this kernel");
        }
        Workspace ws = sv.ws();
        if (ws.generation != sv.generation()) {
            throw new IllegalStateException("this pass's buffers were reused by a later forward pass: on the vector"
                    + " backend, call backward before the next forward of the same kernel reuses them (each forward"
                    + " with training=true keeps its buffers until its backward)");
        }
        RecurrentCall call = pass.call();
        RecurrentWeights w = call.weights();
        long start = System.nanoTime();
        long key = ThreadChooser.key(2, ws.b, ws.in, ws.h);
        Mode mode = mode(ws, key);
        ws.prepareBackward(gru);
        packBackward(ws, w);
        copyGradients(ws, call, dOutput, dhN, dcN);
        for (int p = 0; p < 2; p++) {
            Arrays.fill(ws.dBiasX[p], 0, ws.np, 0.0);
            Arrays.fill(ws.dBiasH[p], 0, ws.np, 0.0);
        }
        switch (mode) {
            case SINGLE -> backSteps(ws, 0, ws.b, 0, unitSplit(ws) ? 2 : 1, ws.tiles[0], null);
            case PARTS -> runItems(mode, 2, (part, m) -> backSteps(ws, ws.partStart[part], ws.partStart[part + 1], 0, 1,
                    ws.tiles[m], null));
            case UNITS -> {
                Team team = teamSupplier.get();
                team.run(tid -> backSteps(ws, 0, ws.b, tid, tid + 1, ws.tiles[tid], team));
            }
        }
        weightGradients(ws, grads, mode);
        Tensor dx = inputGradient(ws, call, mode);
        Tensor dh0 = carried(ws.dh, ws);
        Tensor dc0 = lstm ? carried(ws.dc, ws) : null;
        pool.release(ws);
        chooser.record(key, threads(mode), (System.nanoTime() - start) / (double) Math.max(1, ws.t));
        return new RecurrentGradients(dx, dh0, dc0);
    }

    /** A carried gradient, {@code [b, hp]} by batch row, as {@code [b, h]}. */
    private static Tensor carried(float[] src, Workspace ws) {
        float[] out = new float[ws.b * ws.h];
        for (int r = 0; r < ws.b; r++) {
            System.arraycopy(src, r * ws.hp, out, r * ws.h, ws.h);
        }
        return Tensor.of(out, ws.b, ws.h);
    }

    /**
     * {@code W_hh} and {@code W_ih} with their gate rows in packed order, as the right-hand operands of
     * {@code dG W}. When the units may be split ({@link #unitSplit}), {@code W_hh}'s rows are packed in
     * two halves: each half of the units multiplies its own columns of {@code dG}, and the two partial
     * products are summed per unit, on one thread or two alike.
     */
    private void packBackward(Workspace ws, RecurrentWeights w) {
        int np = ws.np;
        int[] rows = ws.fw.gateRow;
        ws.wxB.pack(np, ws.in, ws.inp, Panels.whole(ws.inp), w.wIh().data(), w.wIh().offset(), ws.in, 1, rows, null);
        if (!unitSplit(ws)) {
            ws.whB[0].pack(np, ws.h, ws.hp, Panels.whole(ws.hp), w.wHh().data(), w.wHh().offset(), ws.h, 1, rows,
                    null);
        } else {
            for (int half = 0; half < 2; half++) {
                int k0 = halfStart(ws, half) * gates * V;
                int k1 = halfEnd(ws, half) * gates * V;
                ws.whB[half].pack(k1 - k0, ws.h, ws.hp, Panels.whole(ws.hp), w.wHh().data(), w.wHh().offset(), ws.h,
                        1, Arrays.copyOfRange(rows, k0, k1), null);
            }
        }
    }

    /** dOutput into processing order with padded rows zeroed; the carried gradients from dhN, dcN. */
    private void copyGradients(Workspace ws, RecurrentCall call, Tensor dOutput, Tensor dhN, Tensor dcN) {
        int t = ws.t;
        int h = ws.h;
        int hp = ws.hp;
        boolean reverse = call.direction() == Direction.REVERSE;
        if (dOutput == null) {
            Arrays.fill(ws.dOut, 0, t * ws.b * hp, 0f);
        } else {
            float[] src = dOutput.data();
            int so = dOutput.offset();
            for (int r = 0; r < ws.b; r++) {
                for (int s = 0; s < t; s++) {
                    int row = s * ws.b + r;
                    int d = row * hp;
                    if (ws.maskS[row] != 0f) {
                        int tt = reverse ? t - 1 - s : s;
                        System.arraycopy(src, so + (r * t + tt) * h, ws.dOut, d, h);
                        Arrays.fill(ws.dOut, d + h, d + hp, 0f);
                    } else {
                        Arrays.fill(ws.dOut, d, d + hp, 0f);
                    }
                }
            }
        }
        for (int r = 0; r < ws.b; r++) {
            int d = r * hp;
            if (dhN == null) {
                Arrays.fill(ws.dh, d, d + hp, 0f);
            } else {
                pad(dhN, r, ws.dh, d, ws);
            }
            if (lstm) {
                if (dcN == null) {
                    Arrays.fill(ws.dc, d, d + hp, 0f);
                } else {
                    pad(dcN, r, ws.dc, d, ws);
                }
            }
        }
    }

    /**
     * The reverse step loop over batch rows {@code [r0, r1)} for the unit halves {@code [h0, h1)}: gate
     * gradients of their chunks, their share of {@code dG W_hh}, then the carried {@code dh} of their
     * units. Without a unit split there is one "half", all units, and the whole product. With a
     * {@code team}, the two threads (one half each) meet after the product, whose two halves the carry
     * sums.
     */
    private void backSteps(Workspace ws, int r0, int r1, int h0, int h1, float[] tile, Team team) {
        int b = ws.b;
        int rows = r1 - r0;
        int hp = ws.hp;
        int np = ws.np;
        boolean split = unitSplit(ws);
        int c0 = split ? halfStart(ws, h0) : 0;
        int c1 = split ? halfEnd(ws, h1 - 1) : chunks(ws);
        int u0 = c0 * V;
        int u1 = c1 * V;
        int k0 = c0 * gates * V;
        int k1 = c1 * gates * V;
        float[] dGh = gru ? ws.dGh : ws.dG;
        int bhp = b * hp;
        for (int s = ws.t - 1; s >= 0; s--) {
            int xs = s * b + r0;
            int actS = xs * np;
            int hsPrev = xs * hp;
            // 1. gate gradients of these chunks
            for (int r = 0; r < rows; r++) {
                int a = actS + r * np;
                int hr = (r0 + r) * hp;
                int xr = hsPrev + r * hp;
                if (ws.maskS[xs + r] == 0f) {
                    Arrays.fill(ws.dG, a + k0, a + k1, 0f);
                    if (gru) {
                        Arrays.fill(ws.dGh, a + k0, a + k1, 0f);
                    }
                } else if (lstm) {
                    Cells.lstmBackward(ws.act, a, ws.tc, xr, ws.cs, xr, ws.dh, hr, ws.dOut, xr, ws.dc, hr, ws.dG, a, c0,
                            c1);
                } else if (gru) {
                    Cells.gruBackward(ws.act, a, ws.hh, a, ws.hs, xr, ws.dh, hr, ws.dOut, xr, ws.direct, hr, ws.dG,
                            ws.dGh, a, c0, c1);
                } else {
                    Cells.rnnBackward(relu, ws.act, a, ws.dh, hr, ws.dOut, xr, ws.dG, a, u0, u1);
                }
            }
            // bias gradients while this step's dG is still in L1: float over each part's rows, double over
            // steps; summed by part (not by thread) so one thread and two give the same bits
            for (int p = 0; p < ws.parts; p++) {
                int a0 = Math.max(r0, ws.partStart[p]);
                int a1 = Math.min(r1, ws.partStart[p + 1]);
                if (a1 > a0) {
                    Vec.addColumnSums(ws.dG, (s * b + a0) * np, a1 - a0, np, k0, k1, ws.dBiasX[p], tile);
                    if (gru) {
                        Vec.addColumnSums(ws.dGh, (s * b + a0) * np, a1 - a0, np, k0, k1, ws.dBiasH[p], tile);
                    }
                }
            }
            // 2. dG W_hh, by unit half: rows [kh0, kh1) of W_hh times the same columns of dG
            int parity = s & 1;
            for (int half = h0; half < h1; half++) {
                int kh0 = split ? halfStart(ws, half) * gates * V : 0;
                int kh1 = split ? halfEnd(ws, half) * gates * V : np;
                Panels whB = ws.whB[half];
                Gemm.multiply(0, rows, kh1 - kh0, 1f, dGh, actS + kh0, np, 1, whB, 0, whB.count, 0f, null, ws.part,
                        ((parity * 2 + half) * b + r0) * hp, hp, hp, tile);
            }
            if (team != null) {
                team.barrier();
            }
            // 3. carried dh of these units: valid rows take the product, padded rows keep theirs
            int pa = (parity * 2 * b + r0) * hp;
            int pb = split ? pa + bhp : -1;
            for (int r = 0; r < rows; r++) {
                if (ws.maskS[xs + r] != 0f) {
                    int hr = (r0 + r) * hp;
                    Cells.carry(ws.part, pa + r * hp, pb < 0 ? -1 : pb + r * hp, ws.dropout ? ws.drop : null, hr,
                            gru ? ws.direct : null, hr, ws.dh, hr, u0, u1);
                }
            }
        }
    }

    /**
     * {@code dW_ih += dGx^T X}, {@code dW_hh += dGh^T H}, bias gradients: products over all steps. Where one
     * gate gradient multiplies both (every cell but the GRU, whose {@code n} gate differs), the two are one
     * product {@code dG^T [X | H]}: the transposed {@code dG} is packed once for all panels of both.
     */
    private void weightGradients(Workspace ws, RecurrentWeights grads, Mode mode) {
        int rows = ws.t * ws.b;
        int np = ws.np;
        if (!gru) {
            int ld = ws.inp + ws.hp;
            ws.xDirect.packSideBySide(rows, ws.x, ws.inp, ws.hinArray(), ws.hp);
            runItems(mode, PRODUCT_ITEMS, (i, m) -> {
                int[] r = itemRows(np, i, PRODUCT_ITEMS);
                Gemm.multiply(r[0], r[1], rows, 1f, ws.dG, 0, 1, np, ws.xDirect, 0, ws.xDirect.count, 0f, null, ws.dW,
                        0, ld, ld, ws.tiles[m]);
            });
            addRows(ws, ws.dW, 0, ld, grads.wIh(), ws.in);
            addRows(ws, ws.dW, ws.inp, ld, grads.wHh(), ws.h);
        } else {
            stepRows(ws.xDirect, ws.x, ws.inp, rows);
            runItems(mode, PRODUCT_ITEMS, (i, m) -> {
                int[] r = itemRows(np, i, PRODUCT_ITEMS);
                Gemm.multiply(r[0], r[1], rows, 1f, ws.dG, 0, 1, np, ws.xDirect, 0, ws.xDirect.count, 0f, null, ws.dW,
                        0, ws.inp, ws.inp, ws.tiles[m]);
            });
            addRows(ws, ws.dW, 0, ws.inp, grads.wIh(), ws.in);
            stepRows(ws.hDirect, ws.hinArray(), ws.hp, rows);
            runItems(mode, PRODUCT_ITEMS, (i, m) -> {
                int[] r = itemRows(np, i, PRODUCT_ITEMS);
                Gemm.multiply(r[0], r[1], rows, 1f, ws.dGh, 0, 1, np, ws.hDirect, 0, ws.hDirect.count, 0f, null,
                        ws.dW, 0, ws.hp, ws.hp, ws.tiles[m]);
            });
            addRows(ws, ws.dW, 0, ws.hp, grads.wHh(), ws.h);
        }
        float[] gi = grads.bIh().data();
        int gio = grads.bIh().offset();
        float[] gh = grads.bHh().data();
        int gho = grads.bHh().offset();
        for (int pc = 0; pc < np; pc++) {
            int row = ws.fw.gateRow[pc];
            if (row >= 0) {
                double dx = ws.dBiasX[0][pc] + ws.dBiasX[1][pc];
                double dh = gru ? ws.dBiasH[0][pc] + ws.dBiasH[1][pc] : dx;
                gi[gio + row] = (float) (gi[gio + row] + dx);
                gh[gho + row] = (float) (gh[gho + row] + dh);
            }
        }
    }

    /**
     * The step inputs or states {@code [rows, width]} as the right-hand operand of a weight-gradient
     * product: described in place when one panel covers the width, else packed into contiguous panels
     * (rows {@code width} floats apart, a multiple of 128 for the usual sizes, map a panel's rows onto few L1
     * sets, so in place they run in half-length blocks and still miss; the copy costs about 1/(2m) of the
     * product).
     */
    private static void stepRows(Panels p, float[] src, int width, int rows) {
        if (width <= Gemm.PW) {
            p.direct(src, 0, width, rows, width, Panels.whole(width));
        } else {
            p.pack(rows, width, width, Panels.whole(width), src, 0, width, 1, null, null);
        }
    }

    /**
     * Adds columns {@code [srcCol, srcCol + cols)} of the rows of a packed-order {@code [np, ld]} product into a
     * gradient in PyTorch's row order.
     */
    private static void addRows(Workspace ws, float[] src, int srcCol, int ld, Tensor grad, int cols) {
        for (int pc = 0; pc < ws.np; pc++) {
            int row = ws.fw.gateRow[pc];
            if (row >= 0) {
                Vec.addInto(src, pc * ld + srcCol, grad.data(), grad.offset() + row * cols, cols);
            }
        }
    }

    /** {@code dX = dGx W_ih}, one product, then back to {@code [b, t, in]} time order. */
    private Tensor inputGradient(Workspace ws, RecurrentCall call, Mode mode) {
        int t = ws.t;
        int in = ws.in;
        runItems(mode, PRODUCT_ITEMS, (i, m) -> {
            int[] r = itemRows(t * ws.b, i, PRODUCT_ITEMS);
            Gemm.multiply(r[0], r[1], ws.np, 1f, ws.dG, 0, ws.np, 1, ws.wxB, 0, ws.wxB.count, 0f, null, ws.dx, 0,
                    ws.inp, ws.inp, ws.tiles[m]);
        });
        boolean reverse = call.direction() == Direction.REVERSE;
        float[] out = new float[ws.b * t * in];
        for (int r = 0; r < ws.b; r++) {
            for (int s = 0; s < t; s++) {
                int tt = reverse ? t - 1 - s : s;
                System.arraycopy(ws.dx, (s * ws.b + r) * ws.inp, out, (r * t + tt) * in, in);
            }
        }
        return Tensor.of(out, ws.b, t, in);
    }
}
