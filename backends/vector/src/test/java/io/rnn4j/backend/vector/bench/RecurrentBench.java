package io.rnn4j.backend.vector.bench;

import io.rnn4j.backend.cpu.CpuBackend;
import io.rnn4j.backend.vector.VectorBackend;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.CellKind;
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
 * A small side-by-side timing of the recurrent layer on the {@code vector} backend (one thread, two
 * threads always, two threads adaptive) and the {@code cpu} reference; a {@code main}, not a test, so
 * {@code mvn verify} never runs it. Not JMH. The configurations of a workload are timed interleaved,
 * one sample each in turn, so that a burst of load from elsewhere on the machine hits all of them
 * alike; each figure is the median (with min and max) of the samples after warm-up.
 *
 * <ul>
 *   <li>W1-like: one LSTM layer, batch 32, sequence 100, input 64, hidden 128, final state as output
 *       (many-to-one), forward with training=true plus backward (no head, loss or optimizer update);</li>
 *   <li>W2-like: the same with a GRU;</li>
 *   <li>W3-like: LSTM inference latency, batch 1, sequence 100, input 64, hidden 128;</li>
 *   <li>W4-like: LSTM inference, batch 256.</li>
 * </ul>
 *
 * Run from the repository root: {@code backends/vector/bench.sh [reps] [--no-cpu] [--configs=1,2f,2a]
 * [--predict-only]}.
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
        String configs = Arrays.stream(args).filter(a -> a.startsWith("--configs=")).findFirst()
                .map(a -> a.substring("--configs=".length())).orElse("1,2f,2a");
        System.out.printf(Locale.ROOT, "JVM %s, %d processors; median (min, max) of %d interleaved samples%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), reps);
        List<String> names = new ArrayList<>();
        List<Backend> backends = new ArrayList<>();
        for (String c : configs.split(",")) {
            int threads = Integer.parseInt(c.substring(0, 1));
            String threading = c.endsWith("f") ? "fixed" : "adaptive";
            backends.add(new VectorBackend(new BackendOptions(threads, Map.of(VectorBackend.THREADING, threading))));
            names.add(String.format(Locale.ROOT, "vector, %d thread%s %s", threads, threads > 1 ? "s" : "",
                    threads > 1 ? threading : ""));
        }
        boolean only = Arrays.asList(args).contains("--predict-only");
        try {
            if (only) {
                compare("predict-like bidirectional GRU inference, every step out, b64 t65 in48 h48", backends, names,
                        be -> inferBi(be, CellKind.GRU, 64, 65, 48, 48), reps);
                return;
            }
            compare("W1-like LSTM train fwd+bwd, b32 t100 in64 h128", backends, names,
                    be -> train(be, CellKind.LSTM, 32, 100, 64, 128), reps);
            compare("W2-like GRU train fwd+bwd, b32 t100 in64 h128", backends, names,
                    be -> train(be, CellKind.GRU, 32, 100, 64, 128), reps);
            compare("W3-like LSTM inference, b1 t100 in64 h128", backends, names,
                    be -> infer(be, CellKind.LSTM, 1, 100, 64, 128), reps);
            compare("W4-like LSTM inference, b256 t100 in64 h128", backends, names,
                    be -> infer(be, CellKind.LSTM, 256, 100, 64, 128), reps);
            compare("predict-like bidirectional GRU inference, every step out, b64 t65 in48 h48 (examples/sentiment)",
                    backends, names, be -> inferBi(be, CellKind.GRU, 64, 65, 48, 48), reps);
            if (cpu) {
                Backend ref = new CpuBackend();
                compare("W1-like LSTM train fwd+bwd, b32 t100 in64 h128", List.of(backends.get(0), ref),
                        List.of(names.get(0), "cpu (reference)"), be -> train(be, CellKind.LSTM, 32, 100, 64, 128), 5);
                compare("W3-like LSTM inference, b1 t100 in64 h128", List.of(backends.get(0), ref),
                        List.of(names.get(0), "cpu (reference)"), be -> infer(be, CellKind.LSTM, 1, 100, 64, 128), 5);
            }
        } finally {
            backends.forEach(Backend::close);
        }
    }

    private interface Workload {
        Runnable prepare(Backend be);
    }

    /** Times the workload on each backend, interleaved, and prints one line per backend. */
    private static void compare(String what, List<Backend> backends, List<String> names, Workload w, int reps) {
        int n = backends.size();
        Runnable[] runs = new Runnable[n];
        int[] inner = new int[n];
        for (int i = 0; i < n; i++) {
            runs[i] = w.prepare(backends.get(i));
            // warm up: C2 compiles the hot loops within a few hundred milliseconds of running them
            long until = System.nanoTime() + 1_500_000_000L;
            int calls = 0;
            long t0 = System.nanoTime();
            do {
                runs[i].run();
                calls++;
            } while (System.nanoTime() < until && calls < 200);
            double once = (System.nanoTime() - t0) / 1e6 / calls;
            inner[i] = (int) Math.max(1, Math.ceil(10 / once)); // each sample lasts >= 10 ms
        }
        double[][] samples = new double[n][reps];
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                for (int j = 0; j < inner[i]; j++) {
                    runs[i].run();
                }
                samples[i][rep] = (System.nanoTime() - t0) / 1e6 / inner[i];
            }
        }
        System.out.println(what);
        for (int i = 0; i < n; i++) {
            double[] s = samples[i].clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "  %-28s median %9.3f ms  (min %9.3f, max %9.3f)%n", names.get(i),
                    s[s.length / 2], s[0], s[s.length - 1]);
        }
    }

    private static RecurrentLayer layer(Backend be, CellKind cell, int in, int hidden) {
        RecurrentSpec spec = RecurrentSpec.of(cell, hidden).withReturnSequences(false);
        ParameterSet.Builder pb = ParameterSet.builder();
        RecurrentLayer.declare(pb, "rnn", spec, in);
        ParameterSet params = pb.build();
        RecurrentLayer layer = new RecurrentLayer("rnn", spec, in, params, be);
        layer.initialize(new RandomSource(42));
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

    private static Runnable train(Backend be, CellKind cell, int b, int t, int in, int hidden) {
        RecurrentLayer layer = layer(be, cell, in, hidden);
        Flow x = Flow.sequences(input(b, t, in));
        Tensor dh = Tensor.zeros(b, hidden);
        dh.fill(0.01f);
        LayerContext ctx = LayerContext.training(new RandomSource(1));
        return () -> {
            layer.forward(x, null, ctx);
            layer.backward(Flow.vectors(dh), null);
        };
    }

    /** A bidirectional layer that returns every step (concatenated), as the sentiment example's. */
    private static Runnable inferBi(Backend be, CellKind cell, int b, int t, int in, int hidden) {
        RecurrentSpec spec = RecurrentSpec.of(cell, hidden).withReturnSequences(true)
                .withBidirectional(io.rnn4j.layers.Merge.CONCAT);
        ParameterSet.Builder pb = ParameterSet.builder();
        RecurrentLayer.declare(pb, "rnn", spec, in);
        RecurrentLayer layer = new RecurrentLayer("rnn", spec, in, pb.build(), be);
        layer.initialize(new RandomSource(42));
        Flow x = Flow.sequences(input(b, t, in));
        LayerContext ctx = LayerContext.inference();
        return () -> layer.forward(x, null, ctx);
    }

    private static Runnable infer(Backend be, CellKind cell, int b, int t, int in, int hidden) {
        RecurrentLayer layer = layer(be, cell, in, hidden);
        Flow x = Flow.sequences(input(b, t, in));
        LayerContext ctx = LayerContext.inference();
        return () -> layer.forward(x, null, ctx);
    }
}
