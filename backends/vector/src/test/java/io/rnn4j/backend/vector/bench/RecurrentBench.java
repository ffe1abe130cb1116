package io.rnn4j.backend.vector.bench;

import io.rnn4j.backend.cpu.CpuBackend;
import io.rnn4j.backend.vector.VectorBackend;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.layers.Flow;
import io.rnn4j.layers.LayerContext;
import io.rnn4j.layers.RecurrentLayer;
import io.rnn4j.layers.RecurrentSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small side-by-side timing of the recurrent layer on the {@code vector} and {@code cpu} backends; a
 * {@code main}, not a test, so {@code mvn verify} never runs it. Not JMH: each figure is the median
 * (with min and max) of repeated timed runs after warm-up, in one JVM, so ratios between backends
 * measured here are meaningful and absolute figures move with the machine's load.
 *
 * <ul>
 *   <li>W1-like: one LSTM layer, batch 32, sequence 100, input 64, hidden 128, final state as output
 *       (many-to-one), forward with training=true plus backward (no head, no optimizer update);</li>
 *   <li>W2-like: the same with a GRU;</li>
 *   <li>W3-like: LSTM inference latency, batch 1, sequence 100, input 64, hidden 128.</li>
 * </ul>
 *
 * Run (from the repository root, after {@code mvn -o -q install -DskipTests}):
 * <pre>
 * mvn -o -q -pl backends/vector test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --add-modules jdk.incubator.vector -cp backends/vector/target/test-classes:backends/vector/target/classes:$(cat backends/vector/target/cp.txt) \
 *      io.rnn4j.backend.vector.bench.RecurrentBench [reps] [--no-cpu] [--configs=1,2f,2a]
 * </pre>
 */
public final class RecurrentBench {
    private RecurrentBench() {
    }

    /**
     * Entry point: {@code [reps] [--no-cpu] [--configs=1,2f,2a]}; a config is a thread budget, {@code f}
     * for {@code vector.threading=fixed} or {@code a} for adaptive.
     */
    public static void main(String[] args) {
        int reps = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 15;
        boolean cpu = !Arrays.asList(args).contains("--no-cpu");
        System.out.printf(Locale.ROOT, "JVM %s, %d processors%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());
        String configs = Arrays.stream(args).filter(a -> a.startsWith("--configs=")).findFirst()
                .map(a -> a.substring("--configs=".length())).orElse("1,2f,2a");
        List<String> names = new ArrayList<>();
        List<VectorBackend> backends = new ArrayList<>();
        for (String c : configs.split(",")) {
            int threads = Integer.parseInt(c.substring(0, 1));
            String threading = c.endsWith("f") ? "fixed" : "adaptive";
            backends.add(new VectorBackend(new BackendOptions(threads, Map.of(VectorBackend.THREADING, threading))));
            names.add(String.format(Locale.ROOT, "vector %d thread%s %-8s", threads, threads > 1 ? "s" : " ",
                    threads > 1 ? threading : ""));
        }
        try {
            for (CellKind cell : new CellKind[] {CellKind.LSTM, CellKind.GRU}) {
                String w = cell == CellKind.LSTM ? "W1" : "W2";
                for (int i = 0; i < backends.size(); i++) {
                    report(w + "-like " + cell + " train fwd+bwd b32 t100 in64 h128, " + names.get(i),
                            train(backends.get(i), cell, 32, 100, 64, 128, reps));
                }
            }
            for (int i = 0; i < backends.size(); i++) {
                report("W3-like LSTM inference b1 t100 in64 h128,     " + names.get(i),
                        infer(backends.get(i), CellKind.LSTM, 1, 100, 64, 128, reps * 4));
            }
            for (int i = 0; i < backends.size(); i++) {
                report("W4-like LSTM inference b256 t100 in64 h128,   " + names.get(i),
                        infer(backends.get(i), CellKind.LSTM, 256, 100, 64, 128, reps));
            }
        } finally {
            backends.forEach(VectorBackend::close);
        }
        if (cpu) {
            Backend ref = new CpuBackend();
            report("W1-like LSTM train fwd+bwd b32 t100 in64 h128, cpu (reference)    ",
                    train(ref, CellKind.LSTM, 32, 100, 64, 128, 5));
            report("W3-like LSTM inference b1 t100 in64 h128,     cpu (reference)    ",
                    infer(ref, CellKind.LSTM, 1, 100, 64, 128, 5));
        }
    }

    private static RecurrentLayer layer(Backend be, CellKind cell, int in, int hidden, ParameterSet[] out) {
        RecurrentSpec spec = RecurrentSpec.of(cell, hidden).withReturnSequences(false);
        ParameterSet.Builder pb = ParameterSet.builder();
        RecurrentLayer.declare(pb, "rnn", spec, in);
        ParameterSet params = pb.build();
        RecurrentLayer layer = new RecurrentLayer("rnn", spec, in, params, be);
        layer.initialize(new RandomSource(42));
        out[0] = params;
        return layer;
    }

    private static Tensor input(int b, int t, int in) {
        RandomSource r = new RandomSource(7);
        Tensor x = Tensor.zeros(b, t, in);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, r.uniform(-1f, 1f));
        }
        return x;
    }

    private static double[] train(Backend be, CellKind cell, int b, int t, int in, int hidden, int reps) {
        ParameterSet[] ps = new ParameterSet[1];
        RecurrentLayer layer = layer(be, cell, in, hidden, ps);
        Flow x = Flow.sequences(input(b, t, in));
        Tensor dh = Tensor.zeros(b, hidden);
        dh.fill(0.01f);
        LayerContext ctx = LayerContext.training(new RandomSource(1));
        Runnable step = () -> {
            layer.forward(x, null, ctx);
            layer.backward(Flow.vectors(dh), null);
        };
        return time(step, reps, Math.max(3, reps / 3));
    }

    private static double[] infer(Backend be, CellKind cell, int b, int t, int in, int hidden, int reps) {
        ParameterSet[] ps = new ParameterSet[1];
        RecurrentLayer layer = layer(be, cell, in, hidden, ps);
        Flow x = Flow.sequences(input(b, t, in));
        LayerContext ctx = LayerContext.inference();
        return time(() -> layer.forward(x, null, ctx), reps, Math.max(3, reps / 3));
    }

    /** Median, min and max in milliseconds; each sample times a batch of runs lasting >= 20 ms. */
    private static double[] time(Runnable r, int reps, int warmups) {
        long w0 = System.nanoTime();
        for (int i = 0; i < warmups; i++) {
            r.run();
        }
        double once = (System.nanoTime() - w0) / 1e6 / warmups;
        // more warm-up for fast workloads, so that C2 has compiled the hot loops
        long until = System.nanoTime() + 2_000_000_000L;
        while (once < 50 && System.nanoTime() < until) {
            r.run();
        }
        int inner = (int) Math.max(1, Math.ceil(20 / Math.max(once, 1e-3)));
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            for (int j = 0; j < inner; j++) {
                r.run();
            }
            samples.add((System.nanoTime() - t0) / 1e6 / inner);
        }
        samples.sort(null);
        return new double[] {samples.get(samples.size() / 2), samples.get(0), samples.get(samples.size() - 1)};
    }

    private static void report(String what, double[] t) {
        System.out.printf(Locale.ROOT, "%s  median %8.3f ms  (min %8.3f, max %8.3f)%n", what, t[0], t[1], t[2]);
    }
}
