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
import java.util.function.Supplier;

/**
 * A fused whole-sequence kernel for one cell kind: the semantics of {@code ComposedRecurrentKernel}
 * (rnn4j-layers), computed in a few large products and one tight loop over the time steps.
 *
 * <h2>Forward</h2>
 * <ol>
 *   <li>The input is copied once, in processing order (reversed for {@link Direction#REVERSE}), with
 *       padded steps zeroed so that NaN in padding never reaches anything.</li>
 *   <li>The input projections of all steps, {@code X W_ih^T + b_ih (+ b_hh)}, are one product.</li>
 *   <li>Per step only the recurrent product {@code h W_hh^T} runs, accumulated straight into that step's
 *       slice of the projections (GRU: into a separate slice, since {@code r} multiplies its n part),
 *       followed by the gate pass: one sigmoid pass over all gates, one pass for the cell.</li>
 * </ol>
 * Weights are packed once per call into panels of four vectors (see {@link Gemm}) with their gate rows
 * reordered so that each 4-vector group of columns holds the gates of {@link Vec#V} whole hidden units
 * (chunk {@code c}: LSTM {@code [i f g o]}, GRU {@code [r z n]}, units {@code [cV, cV+V)}). Cell
 * equations then read one chunk's gates from adjacent vectors, and threads can own whole units.
 *
 * <h2>Backward</h2>
 * The step loop runs in reverse with only the product {@code dG W_hh} per step; the weight gradients
 * ({@code dG^T X}, {@code dG^T H}), the bias gradients and the input gradient ({@code dG W_ih}) are
 * each one product over all steps afterwards.
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
        boolean done = false;
        long start = System.nanoTime();
        long key = ThreadChooser.key(call.training() ? 0 : 1, b, t, w.inputSize(), hid);
        try {
            ws.prepare(b, t, w.inputSize(), hid, gates, lstm, gru, call.recurrentDropoutMask() != null);
            Team team = pickTeam(ws, key);
            int threads = team == null ? 1 : team.size();
            layout(ws, w, threads);
            copyInput(ws, call);
            copyState(ws, call);
            // all input projections: one product (rows split between threads)
            run(team, tid -> {
                int[] r = rowRange(t * b, tid, threads);
                Gemm.multiply(r[0], r[1], ws.in, 1f, ws.x, 0, ws.inp, 1, ws.wxT, 0, ws.wxT.count, 0f, ws.biasX,
                        ws.act, 0, ws.np, ws.np, ws.tiles[tid]);
            });
            run(team, tid -> steps(ws, tid, threads, team));
            Tensor out = output(ws, call);
            Tensor hN = unpad(ws.hs, t * b * ws.hp, ws);
            Tensor cN = lstm ? unpad(ws.cs, t * b * ws.hp, ws) : null;
            Object saved = null;
            if (call.training()) {
                saved = new Saved(ws, ws.generation, this);
                done = true;
            }
            chooser.record(key, threads, System.nanoTime() - start);
            return new RecurrentPass(call, out, hN, cN, saved);
        } finally {
            if (!done) {
                pool.release(ws);
            }
        }
    }

    /**
     * The team for a call, or null for one thread: never with fewer than two chunks of units to share,
     * else as measured ({@link ThreadChooser}) or always, per the backend's setting.
     */
    private Team pickTeam(Workspace ws, long key) {
        Team team = teamSupplier.get();
        if (team == null || ws.hp / V < 2) {
            return null;
        }
        return !adaptive || chooser.choose(key) == 2 ? team : null;
    }

    private static void run(Team team, Team.Task task) {
        if (team == null) {
            task.run(0);
        } else {
            team.run(task);
        }
    }

    /** Rows {@code [from, to)} of {@code n} for thread {@code tid}: halves split at a multiple of 4. */
    static int[] rowRange(int n, int tid, int threads) {
        if (threads == 1) {
            return new int[] {0, n};
        }
        int mid = (n / 2) & ~3;
        return tid == 0 ? new int[] {0, mid} : new int[] {mid, n};
    }

    /** Chunks {@code [c0, c1)} owned by thread {@code tid}. */
    private static int chunkStart(Workspace ws, int tid, int threads) {
        int chunks = ws.hp / V;
        return tid == 0 ? 0 : (threads == 1 ? chunks : chunks / 2);
    }

    private static int chunkEnd(Workspace ws, int tid, int threads) {
        int chunks = ws.hp / V;
        return tid == 0 && threads > 1 ? chunks / 2 : chunks;
    }

    /** Gate permutation, biases and the packed forward weights. */
    private void layout(Workspace ws, RecurrentWeights w, int threads) {
        int hid = ws.h;
        int np = ws.np;
        float[] bi = w.bIh().data();
        int bio = w.bIh().offset();
        float[] bh = w.bHh().data();
        int bho = w.bHh().offset();
        for (int pc = 0; pc < np; pc++) {
            int chunk = pc / (gates * V);
            int q = (pc % (gates * V)) / V;
            int u = chunk * V + pc % V;
            int row = u < hid ? q * hid + u : -1;
            ws.gateRow[pc] = row;
            float x = row < 0 ? 0f : bi[bio + row];
            float hb = row < 0 ? 0f : bh[bho + row];
            // b_hh folds into the projections except GRU's n gate, where r multiplies it
            boolean fold = !gru || q < 2;
            ws.biasX[pc] = fold ? x + hb : x;
            ws.biasH[pc] = gru && q == 2 ? hb : 0f;
            ws.gateScale[pc] = lstm && q == 2 ? -2f : -1f;
        }
        int[] splits = threads == 1 ? Panels.whole(np)
                : new int[] {0, chunkEnd(ws, 0, 2) * gates * V, np};
        ws.wxT.pack(ws.in, np, np, Panels.whole(np), w.wIh().data(), w.wIh().offset(), 1, ws.in, null, ws.gateRow);
        ws.whT.pack(hid, np, np, splits, w.wHh().data(), w.wHh().offset(), 1, hid, null, ws.gateRow);
    }

    private static void copyInput(Workspace ws, RecurrentCall call) {
        int b = ws.b;
        int t = ws.t;
        int in = ws.in;
        int inp = ws.inp;
        SequenceMask mask = call.mask();
        float[] src = call.input().data();
        int so = call.input().offset();
        boolean reverse = call.direction() == Direction.REVERSE;
        for (int s = 0; s < t; s++) {
            int tt = reverse ? t - 1 - s : s;
            for (int r = 0; r < b; r++) {
                int dst = (s * b + r) * inp;
                boolean valid = tt < mask.length(r);
                ws.maskS[s * b + r] = valid ? 1f : 0f;
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
        pad(call.h0(), ws.hs, 0, ws);
        if (lstm) {
            pad(call.c0(), ws.cs, 0, ws);
        }
        if (ws.dropout) {
            pad(call.recurrentDropoutMask(), ws.drop, 0, ws);
            Cells.mulRange(ws.hs, 0, ws.drop, 0, ws.hin, 0, 0, ws.b * ws.hp);
        }
    }

    /** {@code [b, h]} tensor into a {@code [b, hp]} buffer at {@code off}, padding zeroed. */
    private static void pad(Tensor src, float[] dst, int off, Workspace ws) {
        for (int r = 0; r < ws.b; r++) {
            int d = off + r * ws.hp;
            System.arraycopy(src.data(), src.offset() + r * ws.h, dst, d, ws.h);
            Arrays.fill(dst, d + ws.h, d + ws.hp, 0f);
        }
    }

    private static Tensor unpad(float[] src, int off, Workspace ws) {
        float[] out = new float[ws.b * ws.h];
        for (int r = 0; r < ws.b; r++) {
            System.arraycopy(src, off + r * ws.hp, out, r * ws.h, ws.h);
        }
        return Tensor.of(out, ws.b, ws.h);
    }

    /** The step loop of one thread: its panels of the recurrent product, its chunks of the cell. */
    private void steps(Workspace ws, int tid, int threads, Team team) {
        int b = ws.b;
        int hp = ws.hp;
        int np = ws.np;
        int c0 = chunkStart(ws, tid, threads);
        int c1 = chunkEnd(ws, tid, threads);
        int u0 = c0 * V;
        int u1 = c1 * V;
        int p0 = ws.whT.segStart[threads == 1 ? 0 : tid];
        int p1 = ws.whT.segStart[threads == 1 ? 1 : tid + 1];
        float[] hin = ws.hinArray();
        float[] tile = ws.tiles[tid];
        for (int s = 0; s < ws.t; s++) {
            int hsPrev = s * b * hp;
            int hsNew = hsPrev + b * hp;
            int actS = s * b * np;
            if (gru) {
                Gemm.multiply(0, b, ws.h, 1f, hin, hsPrev, hp, 1, ws.whT, p0, p1, 0f, null, ws.hh, actS, np, np, tile);
            } else {
                Gemm.multiply(0, b, ws.h, 1f, hin, hsPrev, hp, 1, ws.whT, p0, p1, 1f, null, ws.act, actS, np, np,
                        tile);
            }
            for (int r = 0; r < b; r++) {
                int hp0 = hsPrev + r * hp;
                int hn0 = hsNew + r * hp;
                int a = actS + r * np;
                if (ws.maskS[s * b + r] == 0f) {
                    // padded: the state passes through unchanged
                    System.arraycopy(ws.hs, hp0 + u0, ws.hs, hn0 + u0, u1 - u0);
                    if (lstm) {
                        System.arraycopy(ws.cs, hp0 + u0, ws.cs, hn0 + u0, u1 - u0);
                    }
                } else if (lstm) {
                    Cells.lstmGates(ws.act, a, ws.gateScale, c0 * 4 * V, c1 * 4 * V);
                    Cells.lstmCell(ws.act, a, ws.cs, hp0, ws.cs, hn0, ws.tc, s * b * hp + r * hp, ws.hs, hn0, c0, c1);
                } else if (gru) {
                    Cells.gruGates(ws.act, a, ws.hh, a, ws.biasH, c0, c1);
                    Cells.gruCell(ws.act, a, ws.hh, a, ws.biasH, ws.hs, hp0, ws.hs, hn0, c0, c1);
                } else {
                    if (relu) {
                        Vec.relu(ws.act, a + u0, ws.act, a + u0, u1 - u0);
                    } else {
                        Vec.tanh(ws.act, a + u0, ws.act, a + u0, u1 - u0);
                    }
                    System.arraycopy(ws.act, a + u0, ws.hs, hn0 + u0, u1 - u0);
                }
                if (ws.dropout) {
                    Cells.mulRange(ws.hs, hn0, ws.drop, r * hp, ws.hin, hn0, u0, u1);
                }
            }
            if (team != null) {
                team.barrier();
            }
        }
    }

    /** {@code [b, t, h]} output in time order: the new state at valid steps, zero at padded ones. */
    private static Tensor output(Workspace ws, RecurrentCall call) {
        int b = ws.b;
        int t = ws.t;
        int h = ws.h;
        boolean reverse = call.direction() == Direction.REVERSE;
        float[] out = new float[b * t * h];
        for (int s = 0; s < t; s++) {
            int tt = reverse ? t - 1 - s : s;
            for (int r = 0; r < b; r++) {
                if (ws.maskS[s * b + r] != 0f) {
                    System.arraycopy(ws.hs, ((s + 1) * b + r) * ws.hp, out, (r * t + tt) * h, h);
                }
            }
        }
        return Tensor.of(out, b, t, h);
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
        long key = ThreadChooser.key(2, ws.b, ws.t, ws.in, ws.h);
        Team team = pickTeam(ws, key);
        int threads = team == null ? 1 : team.size();
        ws.prepareBackward(lstm, gru, threads);
        packBackward(ws, w, threads);
        copyGradients(ws, call, dOutput, dhN, dcN);
        run(team, tid -> backSteps(ws, tid, threads, team));
        weightGradients(ws, grads, team, threads);
        Tensor dx = inputGradient(ws, call, team, threads);
        Tensor dh0 = unpad(ws.dh, 0, ws);
        Tensor dc0 = lstm ? unpad(ws.dc, 0, ws) : null;
        pool.release(ws);
        chooser.record(key, threads, System.nanoTime() - start);
        return new RecurrentGradients(dx, dh0, dc0);
    }

    /**
     * {@code W_hh} and {@code W_ih} with their gate rows in packed order, as the right-hand operands of
     * {@code dG W}. With two threads, each packs the rows of its own chunks: thread {@code t} multiplies
     * only its own columns of {@code dG}, and the two partial products are summed per unit.
     */
    private void packBackward(Workspace ws, RecurrentWeights w, int threads) {
        int np = ws.np;
        int[] rows = ws.gateRow;
        ws.wxB.pack(np, ws.in, ws.inp, Panels.whole(ws.inp), w.wIh().data(), w.wIh().offset(), ws.in, 1, rows, null);
        if (threads == 1) {
            ws.whB[0].pack(np, ws.h, ws.hp, Panels.whole(ws.hp), w.wHh().data(), w.wHh().offset(), ws.h, 1, rows,
                    null);
        } else {
            for (int tid = 0; tid < 2; tid++) {
                int k0 = chunkStart(ws, tid, 2) * gates * V;
                int k1 = chunkEnd(ws, tid, 2) * gates * V;
                ws.whB[tid].pack(k1 - k0, ws.h, ws.hp, Panels.whole(ws.hp), w.wHh().data(), w.wHh().offset(), ws.h, 1,
                        Arrays.copyOfRange(rows, k0, k1), null);
            }
        }
    }

    /** dOutput into processing order with padded rows zeroed; the carried gradients from dhN, dcN. */
    private void copyGradients(Workspace ws, RecurrentCall call, Tensor dOutput, Tensor dhN, Tensor dcN) {
        int b = ws.b;
        int t = ws.t;
        int h = ws.h;
        int hp = ws.hp;
        boolean reverse = call.direction() == Direction.REVERSE;
        if (dOutput == null) {
            Arrays.fill(ws.dOut, 0, t * b * hp, 0f);
        } else {
            float[] src = dOutput.data();
            int so = dOutput.offset();
            for (int s = 0; s < t; s++) {
                int tt = reverse ? t - 1 - s : s;
                for (int r = 0; r < b; r++) {
                    int d = (s * b + r) * hp;
                    if (ws.maskS[s * b + r] != 0f) {
                        System.arraycopy(src, so + (r * t + tt) * h, ws.dOut, d, h);
                        Arrays.fill(ws.dOut, d + h, d + hp, 0f);
                    } else {
                        Arrays.fill(ws.dOut, d, d + hp, 0f);
                    }
                }
            }
        }
        if (dhN == null) {
            Arrays.fill(ws.dh, 0, b * hp, 0f);
        } else {
            pad(dhN, ws.dh, 0, ws);
        }
        if (lstm) {
            if (dcN == null) {
                Arrays.fill(ws.dc, 0, b * hp, 0f);
            } else {
                pad(dcN, ws.dc, 0, ws);
            }
        }
    }

    /** The reverse step loop of one thread. */
    private void backSteps(Workspace ws, int tid, int threads, Team team) {
        int b = ws.b;
        int hp = ws.hp;
        int np = ws.np;
        int c0 = chunkStart(ws, tid, threads);
        int c1 = chunkEnd(ws, tid, threads);
        int u0 = c0 * V;
        int u1 = c1 * V;
        int k0 = c0 * gates * V;
        int k1 = c1 * gates * V;
        float[] tile = ws.tiles[tid];
        float[] dGh = gru ? ws.dGh : ws.dG;
        Panels whB = ws.whB[threads == 1 ? 0 : tid];
        int bhp = b * hp;
        for (int s = ws.t - 1; s >= 0; s--) {
            int actS = s * b * np;
            int hsPrev = s * bhp;
            // 1. gate gradients of this thread's chunks
            for (int r = 0; r < b; r++) {
                int a = actS + r * np;
                int hr = r * hp;
                if (ws.maskS[s * b + r] == 0f) {
                    Arrays.fill(ws.dG, a + k0, a + k1, 0f);
                    if (gru) {
                        Arrays.fill(ws.dGh, a + k0, a + k1, 0f);
                    }
                } else if (lstm) {
                    Cells.lstmBackward(ws.act, a, ws.tc, hsPrev + hr, ws.cs, hsPrev + hr, ws.dh, hr, ws.dOut,
                            hsPrev + hr, ws.dc, hr, ws.dG, a, c0, c1);
                } else if (gru) {
                    Cells.gruBackward(ws.act, a, ws.hh, a, ws.hs, hsPrev + hr, ws.dh, hr, ws.dOut, hsPrev + hr,
                            ws.direct, hr, ws.dG, ws.dGh, a, c0, c1);
                } else {
                    Cells.rnnBackward(relu, ws.act, a, ws.dh, hr, ws.dOut, hsPrev + hr, ws.dG, a, u0, u1);
                }
            }
            // 2. this thread's share of dG W_hh (its own columns of dG, all units)
            int parity = s & 1;
            int partOff = (parity * threads + tid) * bhp;
            Gemm.multiply(0, b, k1 - k0, 1f, dGh, actS + k0, np, 1, whB, 0, whB.count, 0f, null, ws.part, partOff, hp,
                    hp, tile);
            if (team != null) {
                team.barrier();
            }
            // 3. carried dh of this thread's units: valid rows take the product, padded rows keep theirs
            int pa = parity * threads * bhp;
            int pb = threads == 1 ? -1 : pa + bhp;
            for (int r = 0; r < b; r++) {
                if (ws.maskS[s * b + r] != 0f) {
                    int hr = r * hp;
                    Cells.carry(ws.part, pa + hr, pb < 0 ? -1 : pb + hr, ws.dropout ? ws.drop : null, hr,
                            gru ? ws.direct : null, hr, ws.dh, hr, u0, u1);
                }
            }
        }
    }

    /** {@code dW_ih += dGx^T X}, {@code dW_hh += dGh^T H}, bias gradients: products over all steps. */
    private void weightGradients(Workspace ws, RecurrentWeights grads, Team team, int threads) {
        int rows = ws.t * ws.b;
        int np = ws.np;
        float[] dGh = gru ? ws.dGh : ws.dG;
        ws.xDirect.direct(ws.x, 0, ws.inp, rows, ws.inp, Panels.whole(ws.inp));
        ws.hDirect.direct(ws.hinArray(), 0, ws.hp, rows, ws.hp, Panels.whole(ws.hp));
        run(team, tid -> {
            int[] r = rowRange(np, tid, threads);
            Gemm.multiply(r[0], r[1], rows, 1f, ws.dG, 0, 1, np, ws.xDirect, 0, ws.xDirect.count, 0f, null, ws.dW, 0,
                    ws.inp, ws.inp, ws.tiles[tid]);
        });
        addRows(ws, ws.dW, ws.inp, grads.wIh(), ws.in);
        run(team, tid -> {
            int[] r = rowRange(np, tid, threads);
            Gemm.multiply(r[0], r[1], rows, 1f, dGh, 0, 1, np, ws.hDirect, 0, ws.hDirect.count, 0f, null, ws.dW, 0,
                    ws.hp, ws.hp, ws.tiles[tid]);
        });
        addRows(ws, ws.dW, ws.hp, grads.wHh(), ws.h);
        columnSums(ws, ws.dG, ws.dBiasX);
        if (gru) {
            columnSums(ws, ws.dGh, ws.dBiasH);
        }
        double[] dbh = gru ? ws.dBiasH : ws.dBiasX;
        float[] gi = grads.bIh().data();
        int gio = grads.bIh().offset();
        float[] gh = grads.bHh().data();
        int gho = grads.bHh().offset();
        for (int pc = 0; pc < np; pc++) {
            int row = ws.gateRow[pc];
            if (row >= 0) {
                gi[gio + row] = (float) (gi[gio + row] + ws.dBiasX[pc]);
                gh[gho + row] = (float) (gh[gho + row] + dbh[pc]);
            }
        }
    }

    /** Adds the rows of a packed-order {@code [np, ld]} product into a gradient in PyTorch's row order. */
    private static void addRows(Workspace ws, float[] src, int ld, Tensor grad, int cols) {
        for (int pc = 0; pc < ws.np; pc++) {
            int row = ws.gateRow[pc];
            if (row >= 0) {
                Vec.addInto(src, pc * ld, grad.data(), grad.offset() + row * cols, cols);
            }
        }
    }

    /** Column sums over all steps: float within a step's rows, double across steps (thousands of rows). */
    private static void columnSums(Workspace ws, float[] g, double[] out) {
        int np = ws.np;
        Arrays.fill(out, 0, np, 0.0);
        float[] step = ws.dBiasStep(np);
        for (int s = 0; s < ws.t; s++) {
            int base = s * ws.b * np;
            System.arraycopy(g, base, step, 0, np);
            for (int r = 1; r < ws.b; r++) {
                Vec.addInto(g, base + r * np, step, 0, np);
            }
            for (int j = 0; j < np; j++) {
                out[j] += step[j];
            }
        }
    }

    /** {@code dX = dGx W_ih}, one product, then back to {@code [b, t, in]} time order. */
    private Tensor inputGradient(Workspace ws, RecurrentCall call, Team team, int threads) {
        int b = ws.b;
        int t = ws.t;
        int in = ws.in;
        run(team, tid -> {
            int[] r = rowRange(t * b, tid, threads);
            Gemm.multiply(r[0], r[1], ws.np, 1f, ws.dG, 0, ws.np, 1, ws.wxB, 0, ws.wxB.count, 0f, null, ws.dx, 0,
                    ws.inp, ws.inp, ws.tiles[tid]);
        });
        boolean reverse = call.direction() == Direction.REVERSE;
        float[] out = new float[b * t * in];
        for (int s = 0; s < t; s++) {
            int tt = reverse ? t - 1 - s : s;
            for (int r = 0; r < b; r++) {
                System.arraycopy(ws.dx, (s * b + r) * ws.inp, out, (r * t + tt) * in, in);
            }
        }
        return Tensor.of(out, b, t, in);
    }
}
