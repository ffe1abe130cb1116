package io.rnn4j.backend.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The product kernel before and after a change, timed <b>interleaved in one process</b> on the shapes of
 * the W1 and W5 training steps: {@link GemmBaseline} (the frozen old kernel) and {@link Gemm} (the current
 * one) on the same operands, one sample each in turn (the order alternating by round), on one thread.
 * Prints per shape the GFLOP/s of each and the median of the per-round ratios old time / new time with
 * its min and max. Meant for a shared, noisy machine: a ratio of two kernels measured side by side
 * moves much less than either figure. Times are the thread's CPU time (descheduled slices do not count). A {@code main}, never run by {@code mvn verify}; under a minute:
 *
 * <pre>backends/vector/bench.sh io.rnn4j.backend.vector.GemmKernelBench [rounds] [ms per sample]</pre>
 */
public final class GemmKernelBench {
    /**
     * Samples are this thread's CPU time, not wall time: on a machine shared with other builds the thread
     * is descheduled for whole time slices, which wall time would count.
     */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory
            .getThreadMXBean();

    private GemmKernelBench() {
    }

    /**
     * One product shape as a training step runs it; with {@code n2 > 0}, the weight gradients
     * {@code dG^T X} ({@code n} wide) and {@code dG^T H} ({@code n2} wide): old as two products on the operands
     * in place, new as one product on {@code [X | H]} packed side by side.
     */
    private record Shape(String name, int m, int k, int n, boolean transA, boolean direct, float beta, int n2) {
        Shape(String name, int m, int k, int n, boolean transA, boolean direct, float beta) {
            this(name, m, k, n, transA, direct, beta, 0);
        }
    }

    /** Entry point. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        double sampleMs = args.length > 1 ? Double.parseDouble(args[1]) : 25;
        List<Shape> shapes = List.of(
                new Shape("W5 L2 fwd recurrent h W_hh^T (part of 16 rows)", 16, 256, 1024, false, false, 1f),
                new Shape("W5 L2 fwd input projection (8 steps)", 256, 256, 1024, false, false, 0f),
                new Shape("W5 L2 bwd recurrent dG W_hh (16 rows)", 16, 1024, 256, false, false, 0f),
                new Shape("W5 L2 weight gradient dG^T H", 1024, 2048, 256, true, true, 0f),
                new Shape("W5 L2 input gradient dG W_ih", 2048, 1024, 256, false, false, 0f),
                new Shape("W5 head fwd X W (n = 96)", 2048, 256, 96, false, false, 0f),
                new Shape("W5 head dW = X^T dY", 256, 2048, 96, true, false, 0f),
                new Shape("W1 fwd recurrent (16 rows)", 16, 128, 512, false, false, 1f),
                new Shape("W1 bwd recurrent (16 rows)", 16, 512, 128, false, false, 0f),
                new Shape("W1 weight gradient dG^T X", 512, 3200, 64, true, true, 0f),
                new Shape("W1 weight gradient dG^T H", 512, 3200, 128, true, true, 0f),
                new Shape("W5 L1 weight gradients dG^T [X|H]", 1024, 2048, 64, true, true, 0f, 256),
                new Shape("W5 L2 weight gradients dG^T [X|H]", 1024, 2048, 256, true, true, 0f, 256),
                new Shape("W1 weight gradients dG^T [X|H]", 512, 3200, 64, true, true, 0f, 128));
        List<Case> cases = new ArrayList<>();
        for (Shape s : shapes) {
            cases.add(new Case(s));
        }
        System.out.printf(Locale.ROOT, "JVM %s, vector %d lanes; old = GemmBaseline, new = Gemm; %d rounds of "
                + "~%.0f ms (thread CPU time) samples, interleaved, 1 thread%n", System.getProperty("java.vm.version"), Vec.V, rounds,
                sampleMs);
        for (Case c : cases) {
            c.check();
            c.calibrate(sampleMs);
        }
        for (int warm = 0; warm < 2; warm++) {
            for (Case c : cases) {
                c.sample(false);
                c.sample(true);
            }
        }
        double[][] ratio = new double[cases.size()][rounds];
        double[][] oldT = new double[cases.size()][rounds];
        double[][] newT = new double[cases.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                boolean newFirst = (r & 1) == 1;
                double a = c.sample(newFirst);
                double b = c.sample(!newFirst);
                oldT[i][r] = newFirst ? b : a;
                newT[i][r] = newFirst ? a : b;
                ratio[i][r] = oldT[i][r] / newT[i][r];
            }
        }
        System.out.printf(Locale.ROOT, "%-50s %9s %9s %8s %s%n", "shape (m x k . k x n)", "old GF/s", "new GF/s",
                "old/new", "(min, max)");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            double[] q = ratio[i].clone();
            Arrays.sort(q);
            System.out.printf(Locale.ROOT, "%-50s %9.1f %9.1f %7.2fx (%.2f, %.2f)%n",
                    c.s.name() + " " + c.s.m() + "x" + c.s.k() + (c.s.transA() ? "^T" : "") + "." + c.s.n(),
                    c.flop / median(oldT[i]) / 1e9, c.flop / median(newT[i]) / 1e9, q[q.length / 2], q[0],
                    q[q.length - 1]);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Operands of one shape and its timed calls. */
    private static final class Case {
        final Shape s;
        final float[] a;
        final float[] bSrc;
        final float[] c;
        final float[] bias;
        final Panels p = new Panels();
        /** B as the new code passes it: packed where the old code described it in place (weight gradients). */
        final Panels pNew = new Panels();
        /** The second operand H of a fused case, in place (old), and its product. */
        final Panels p2 = new Panels();
        float[] hSrc;
        float[] c2;
        float[] cf;
        final float[] tile = new float[Gemm.TILE];
        final double flop;
        final int nPad;
        int inner = 1;

        Case(Shape s) {
            this.s = s;
            SplittableRandom r = new SplittableRandom(s.m() * 31L + s.k() * 7L + s.n());
            a = fill(r, s.m() * s.k());
            nPad = Vec.roundUp(s.n());
            bSrc = fill(r, s.k() * nPad);
            c = fill(r, s.m() * nPad);
            bias = null;
            if (s.direct()) {
                p.direct(bSrc, 0, nPad, s.k(), nPad, Panels.whole(nPad));
            } else {
                p.pack(s.k(), s.n(), nPad, Panels.whole(nPad), bSrc, 0, nPad, 1, null, null);
            }
            pNew.pack(s.k(), s.n(), nPad, Panels.whole(nPad), bSrc, 0, nPad, 1, null, null);
            flop = 2.0 * s.m() * s.k() * (s.n() + s.n2());
            if (s.n2() > 0) {
                hSrc = fill(r, s.k() * s.n2());
                c2 = new float[s.m() * s.n2()];
                cf = new float[s.m() * (nPad + s.n2())];
                p.direct(bSrc, 0, nPad, s.k(), nPad, Panels.whole(nPad));
                p2.direct(hSrc, 0, s.n2(), s.k(), s.n2(), Panels.whole(s.n2()));
            }
        }

        /** The fused case: two products in place (old, as the kernel ran them) or one on [X | H] (new). */
        void runFused(boolean fresh) {
            int m = s.m();
            int k = s.k();
            if (fresh) {
                pNew.packSideBySide(k, bSrc, nPad, hSrc, s.n2());
                int ld = nPad + s.n2();
                Gemm.multiply(0, m, k, 1f, a, 0, 1, m, pNew, 0, pNew.count, 0f, null, cf, 0, ld, ld, tile);
            } else {
                GemmBaseline.multiply(0, m, k, 1f, a, 0, 1, m, p, 0, p.count, 0f, null, c, 0, nPad, nPad, tile);
                GemmBaseline.multiply(0, m, k, 1f, a, 0, 1, m, p2, 0, p2.count, 0f, null, c2, 0, s.n2(), s.n2(), tile);
            }
        }

        private static float[] fill(SplittableRandom r, int n) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (r.nextDouble() - 0.5);
            }
            return x;
        }

        void run(boolean fresh) {
            if (s.n2() > 0) {
                runFused(fresh);
                return;
            }
            int aRs = s.transA() ? 1 : s.k();
            int aCs = s.transA() ? s.m() : 1;
            if (fresh) {
                boolean packB = s.direct() && nPad > Gemm.PW;
                if (packB) {
                    // the new weight-gradient path packs B (the step inputs or states) first when it is wider
                    // than a panel (FusedRecurrentKernel.stepRows)
                    pNew.pack(s.k(), s.n(), nPad, Panels.whole(nPad), bSrc, 0, nPad, 1, null, null);
                }
                Panels q = packB ? pNew : p;
                Gemm.multiply(0, s.m(), s.k(), 1f, a, 0, aRs, aCs, q, 0, q.count, s.beta(), bias, c, 0, nPad, s.n(),
                        tile);
            } else {
                GemmBaseline.multiply(0, s.m(), s.k(), 1f, a, 0, aRs, aCs, p, 0, p.count, s.beta(), bias, c, 0, nPad,
                        s.n(), tile);
            }
        }

        /**
         * Old and new give the same bits (with beta 0, from the same C; not where the new code packs B, whose
         * blocks over k are longer than a direct B's).
         */
        void check() {
            if (s.beta() != 0f || s.n2() > 0 || s.direct() && nPad > Gemm.PW) {
                return;
            }
            run(false);
            float[] old = c.clone();
            Arrays.fill(c, Float.NaN);
            run(true);
            for (int i = 0; i < s.m(); i++) {
                for (int j = 0; j < s.n(); j++) {
                    int x = i * nPad + j;
                    if (Float.floatToIntBits(old[x]) != Float.floatToIntBits(c[x])) {
                        throw new AssertionError(s + ": new kernel differs at (" + i + ", " + j + "): " + old[x]
                                + " vs " + c[x]);
                    }
                }
            }
        }

        void calibrate(double ms) {
            for (int i = 0; i < 20; i++) {
                run(false);
                run(true);
            }
            long t0 = CPU.getCurrentThreadCpuTime();
            int n = 0;
            while (CPU.getCurrentThreadCpuTime() - t0 < 5_000_000L) {
                run(false);
                n++;
            }
            double per = (CPU.getCurrentThreadCpuTime() - t0) / (double) n;
            inner = (int) Math.max(1, ms * 1e6 / per);
        }

        /** CPU seconds of this thread per call, over {@code inner} calls. */
        double sample(boolean fresh) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < inner; i++) {
                run(fresh);
            }
            return (CPU.getCurrentThreadCpuTime() - t0) / 1e9 / inner;
        }
    }
}
