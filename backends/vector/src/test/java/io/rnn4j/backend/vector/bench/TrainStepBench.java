package io.rnn4j.backend.vector.bench;

import io.rnn4j.backend.cpu.CpuBackend;
import io.rnn4j.backend.vector.VectorBackend;
import io.rnn4j.core.Activation;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.layers.DenseLayer;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.layers.RecurrentLayer;
import io.rnn4j.layers.RecurrentSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * W1- and W2-like full training steps, as docs/BENCHMARKS.md defines them, on the layers of this branch:
 * one LSTM (or GRU) layer of 128 units over batch 32, sequence 100, 64 input features, its final state
 * into a dense layer of 2 classes, softmax cross-entropy, and an Adam update (lr 1e-3) of every
 * parameter. The trainer, losses and optimizers of rnn4j are not on this branch yet, so the loss
 * gradient and Adam are written here in plain Java (Adam over 100k parameters is a small part of a step).
 * A {@code main}, never run by {@code mvn verify}; configurations are timed interleaved, one sample each
 * in turn, median (min, max) after warm-up.
 *
 * <p>Run from the repository root: {@code backends/vector/bench.sh
 * io.rnn4j.backend.vector.bench.TrainStepBench [reps] [--configs=1,2f,2a] [--cpu]}.
 */
public final class TrainStepBench {
    private TrainStepBench() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int reps = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 20;
        String configs = Arrays.stream(args).filter(a -> a.startsWith("--configs=")).findFirst()
                .map(a -> a.substring("--configs=".length())).orElse("1,2f,2a");
        List<Backend> backends = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String c : configs.split(",")) {
            int threads = Integer.parseInt(c.substring(0, 1));
            String threading = c.endsWith("f") ? "fixed" : "adaptive";
            backends.add(new VectorBackend(new BackendOptions(threads, Map.of(VectorBackend.THREADING, threading))));
            names.add(String.format(Locale.ROOT, "vector, %d thread%s %s", threads, threads > 1 ? "s" : "",
                    threads > 1 ? threading : ""));
        }
        if (Arrays.asList(args).contains("--cpu")) {
            backends.add(new CpuBackend());
            names.add("cpu (reference)");
        }
        System.out.printf(Locale.ROOT, "JVM %s, %d processors; ms per train step, median (min, max) of %d "
                + "interleaved samples%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), reps);
        try {
            for (CellKind cell : new CellKind[] {CellKind.LSTM, CellKind.GRU}) {
                Step[] steps = new Step[backends.size()];
                for (int i = 0; i < steps.length; i++) {
                    steps[i] = new Step(backends.get(i), cell);
                }
                System.out.println((cell == CellKind.LSTM ? "W1" : "W2") + "-like " + cell
                        + " train step (fwd + bwd + Adam), b32 t100 in64 h128, 2 classes");
                time(steps, names, reps);
            }
        } finally {
            backends.forEach(Backend::close);
        }
    }

    /** One model and its training state on one backend. */
    private static final class Step implements Runnable {
        static final int B = 32;
        static final int T = 100;
        static final int IN = 64;
        static final int H = 128;
        final Backend be;
        final ParameterSet params;
        final RecurrentLayer rnn;
        final DenseLayer head;
        final Flow x;
        final int[] labels = new int[B];
        final LayerContext ctx = LayerContext.training(new RandomSource(1));
        final float[] m;
        final float[] v;
        int t;

        Step(Backend be, CellKind cell) {
            this.be = be;
            RecurrentSpec spec = RecurrentSpec.of(cell, H).withReturnSequences(false);
            DenseSpec dense = new DenseSpec(2, Activation.IDENTITY, true);
            ParameterSet.Builder pb = ParameterSet.builder();
            RecurrentLayer.declare(pb, "rnn", spec, IN);
            DenseLayer.declare(pb, "head", dense, H);
            params = pb.build();
            rnn = new RecurrentLayer("rnn", spec, IN, params, be);
            head = new DenseLayer("head", dense, H, params, be);
            rnn.initialize(new RandomSource(42));
            head.initialize(new RandomSource(43));
            RandomSource r = new RandomSource(7);
            Tensor xs = Tensor.zeros(B, T, IN);
            for (int i = 0; i < xs.size(); i++) {
                xs.setFlat(i, r.uniform(-1f, 1f));
            }
            x = Flow.sequences(xs);
            for (int i = 0; i < B; i++) {
                labels[i] = r.nextInt(2);
            }
            m = new float[params.count()];
            v = new float[params.count()];
        }

        @Override
        public void run() {
            params.zeroGrads();
            Flow h = rnn.forward(x, null, ctx).output();
            Flow logits = head.forward(h, ctx);
            // softmax cross-entropy: d loss / d logits = (softmax - onehot) / batch
            Tensor p = Tensor.zeros(B, 2);
            be.softmaxRows(MatrixView.of(logits.values()), MatrixView.of(p));
            for (int i = 0; i < B; i++) {
                p.setFlat(i * 2 + labels[i], p.getFlat(i * 2 + labels[i]) - 1f);
            }
            be.axpby(1f / B, MatrixView.of(p), 0f, MatrixView.of(p), MatrixView.of(p));
            rnn.backward(head.backward(logits.with(p)));
            adam();
        }

        /** Adam, lr 1e-3, betas (0.9, 0.999), eps 1e-8, bias-corrected, over the flat parameter buffer. */
        void adam() {
            t++;
            float[] w = params.values();
            float[] g = params.grads();
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            float lr = (float) (1e-3 * Math.sqrt(c2) / c1);
            for (int i = 0; i < w.length; i++) {
                m[i] = 0.9f * m[i] + 0.1f * g[i];
                v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
                w[i] -= lr * m[i] / ((float) Math.sqrt(v[i]) + 1e-8f);
            }
        }
    }

    private static void time(Step[] steps, List<String> names, int reps) {
        int n = steps.length;
        int[] samples = new int[n];
        for (int i = 0; i < n; i++) {
            long until = System.nanoTime() + 1_500_000_000L;
            int calls = 0;
            do {
                steps[i].run();
                calls++;
            } while (System.nanoTime() < until && calls < 150);
            samples[i] = names.get(i).startsWith("cpu") ? Math.min(reps, 5) : reps;
        }
        double[][] ms = new double[n][reps];
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < n; i++) {
                if (rep >= samples[i]) {
                    continue;
                }
                long t0 = System.nanoTime();
                steps[i].run();
                ms[i][rep] = (System.nanoTime() - t0) / 1e6;
            }
        }
        for (int i = 0; i < n; i++) {
            double[] s = Arrays.copyOf(ms[i], samples[i]);
            Arrays.sort(s);
            double med = s[s.length / 2];
            System.out.printf(Locale.ROOT, "  %-28s median %8.3f ms = %6.0f seq/s  (min %8.3f, max %8.3f)%n",
                    names.get(i), med, Step.B / med * 1000, s[0], s[s.length - 1]);
        }
    }
}
