package io.rnn4j.backend.vector;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * GFLOP/s of the {@link Gemm} kernel on the shapes a recurrent layer needs (a {@code main}, never run by
 * {@code mvn verify}). Run like {@code bench.RecurrentBench}, with class {@code io.rnn4j.backend.vector.GemmBench}; arguments
 * {@code m,k,n} or {@code m,k,n,t} (A transposed) choose the shapes.
 */
public final class GemmBench {
    private GemmBench() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        if (args.length > 0) {
            // shapes given as m,k,n or m,k,n,t (t: A transposed), e.g. 64,48,144 256,256,1024 1024,2048,512,t
            for (String arg : args) {
                String[] f = arg.split(",");
                bench(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), f.length > 3);
            }
            return;
        }
        int[][] shapes = {{32, 128, 512}, {32, 192, 512}, {1, 128, 512}, {3200, 64, 512}, {512, 3200, 64},
            {512, 3200, 128}, {3200, 512, 64}, {32, 512, 128}};
        for (int[] s : shapes) {
            bench(s[0], s[1], s[2], false);
        }
        // the weight-gradient shapes, dG^T X, with A transposed as the fused backward uses it
        bench(512, 3200, 64, true);
        bench(512, 3200, 128, true);
    }

    static void bench(int m, int k, int n, boolean transA) {
        SplittableRandom r = new SplittableRandom(1);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble();
        }
        Panels p = new Panels();
        int nPad = Vec.roundUp(n);
        p.pack(k, n, nPad, Panels.whole(nPad), b, 0, n, 1, null, null);
        float[] tile = new float[Gemm.TILE];
        double flop = 2.0 * m * n * k;
        int inner = (int) Math.max(1, 2e8 / flop);
        double[] gf = new double[9];
        for (int rep = 0; rep < 12 + gf.length; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                Gemm.multiply(0, m, k, 1f, a, 0, transA ? 1 : k, transA ? m : 1, p, 0, p.count, 0f, null, c, 0, n, n,
                        tile);
            }
            long dt = System.nanoTime() - t0;
            if (rep >= 12) {
                gf[rep - 12] = flop * inner / dt;
            }
        }
        Arrays.sort(gf);
        System.out.printf(Locale.ROOT, "%5d x %5d%s . %5d x %4d: median %6.1f GFLOP/s (min %6.1f, max %6.1f)%n",
                m, k, transA ? "^T" : "  ", k,
                n, gf[gf.length / 2], gf[0], gf[gf.length - 1]);
    }
}
