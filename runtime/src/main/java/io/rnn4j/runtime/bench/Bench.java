package io.rnn4j.runtime.bench;

import io.rnn4j.backend.onnxruntime.OnnxRuntimeModel;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.optim.AdamSpec;
import io.rnn4j.core.optim.Optimizer;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import io.rnn4j.onnx.ExportOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the standard workloads on a backend: each training workload is a full step (forward, loss,
 * backpropagation through time, Adam update) on random inputs with the layers' normal initialisation,
 * timed step by step after warm-up; inference workloads time forward passes. ONNX Runtime runs W3 and W4
 * on the same model exported by rnn4j.
 */
public final class Bench {
    private final LayerKindRegistry kinds;
    private final Warmup warmup;
    private final int steps;

    /**
     * A bench.
     *
     * @param kinds  the layer kinds (to compile the workloads' graphs)
     * @param warmup how the workloads are warmed up before they are timed
     * @param steps  timed repetitions
     */
    public Bench(LayerKindRegistry kinds, Warmup warmup, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.kinds = kinds;
        this.warmup = warmup;
        this.steps = steps;
    }

    /** Warms {@code step} up, then times it {@code steps} times; each value in the workload's unit. */
    private Measurement measure(Workload w, String engine, Runnable step) {
        warmup.run(() -> {
            long t0 = System.nanoTime();
            step.run();
            return System.nanoTime() - t0;
        });
        double[] values = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            step.run();
            values[i] = figure(w, System.nanoTime() - t0);
        }
        return new Measurement(w, engine, values);
    }

    /**
     * The ONNX model rnn4j exports for an inference workload (W3, W4), weights initialised as {@link #run}
     * initialises them; other runtimes time the same file.
     */
    public byte[] exportedModel(Workload w, Backend reference) {
        Network net = new Network(graph(w), reference);
        net.initialize(new RandomSource(1));
        try (OnnxRuntimeModel m = OnnxRuntimeModel.of(net, ExportOptions.defaults(), batch(w), 1)) {
            return m.model();
        }
    }

    /** The graph of a workload. */
    LayerGraph graph(Workload w) {
        List<LayerGraph.Item> layers = new ArrayList<>();
        LayerSpec head;
        ValueType input;
        switch (w) {
            case W1, W3, W4 -> {
                input = ValueType.sequence(64);
                layers.add(new LayerGraph.Item("lstm", new LstmSpec(128, 1, false, Merge.CONCAT, 0, 0, false, 1f,
                        Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL), "lstm"));
                head = new ManyToOneSpec(Pooling.LAST, 2, null);
            }
            case W2 -> {
                input = ValueType.sequence(64);
                layers.add(new LayerGraph.Item("gru", new GruSpec(128, 1, false, Merge.CONCAT, 0, 0, false,
                        Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL), "gru"));
                head = new ManyToOneSpec(Pooling.LAST, 2, null);
            }
            case W5 -> {
                input = ValueType.tokens(96);
                layers.add(new LayerGraph.Item("embedding", new EmbeddingSpec(64, 96), "embedding"));
                layers.add(new LayerGraph.Item("lstm", new LstmSpec(256, 2, false, Merge.CONCAT, 0, 0, true, 1f,
                        Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL), "lstm"));
                head = new ManyToManySpec(96, null);
            }
            default -> throw new AssertionError(w);
        }
        String headKind = w == Workload.W5 ? "many_to_many" : "many_to_one";
        Diagnostics d = new Diagnostics();
        LayerGraph g = LayerGraph.compile(input, layers, new LayerGraph.Item(headKind, head, "head"), kinds, d,
                p -> SourceLocation.unknown("bench"));
        d.throwIfErrors("workload " + w);
        return g;
    }

    private static int batch(Workload w) {
        return switch (w) {
            case W3 -> 1;
            case W4 -> 256;
            default -> 32;
        };
    }

    private static int time(Workload w) {
        return w == Workload.W5 ? 64 : 100;
    }

    /** Random inputs of a workload, with a full mask. */
    static Flow input(Workload w, RandomSource r) {
        int b = batch(w);
        int t = time(w);
        if (w == Workload.W5) {
            float[] ids = new float[b * t];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.nextInt(96);
            }
            return Flow.sequences(Tensor.of(ids, b, t));
        }
        float[] x = new float[b * t * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.uniform(-1, 1);
        }
        return Flow.sequences(Tensor.of(x, b, t, 64));
    }

    private static Tensor targets(Workload w, RandomSource r) {
        int b = batch(w);
        if (w == Workload.W5) {
            float[] y = new float[b * time(w)];
            for (int i = 0; i < y.length; i++) {
                y[i] = r.nextInt(96);
            }
            return Tensor.of(y, b, time(w));
        }
        float[] y = new float[b];
        for (int i = 0; i < b; i++) {
            y[i] = r.nextInt(2);
        }
        return Tensor.of(y, b);
    }

    /** Times a workload on {@code backend}; {@code engine} names it in the results. */
    public Measurement run(Workload w, Backend backend, String engine) {
        Network net = new Network(graph(w), backend);
        RandomSource r = new RandomSource(1);
        net.initialize(r);
        Flow x = input(w, r);
        if (w == Workload.W3 || w == Workload.W4) {
            return measure(w, engine, () -> net.forward(x, LayerContext.inference()));
        }
        Tensor y = targets(w, r);
        Loss loss = Loss.of(LossKind.CROSS_ENTROPY);
        Optimizer adam = Optimizer.create(AdamSpec.of(1e-3));
        RandomSource dropout = new RandomSource(2);
        SequenceMask mask = w == Workload.W5 ? x.mask() : null;
        return measure(w, engine, () -> {
            net.parameters().zeroGrads();
            Flow out = net.forward(x, LayerContext.training(dropout));
            Tensor grad = Tensor.zeros(out.values().shape().dims());
            loss.forward(out.values(), y, mask, grad);
            net.backward(new Flow(grad, out.mask()));
            adam.step(net.parameters(), 1e-3f);
        });
    }

    /** W3/W4 in ONNX Runtime (Java) on the model rnn4j exports, with {@code threads} intra-op threads. */
    public Measurement runOnnxRuntime(Workload w, Backend reference, int threads) {
        Network net = new Network(graph(w), reference);
        RandomSource r = new RandomSource(1);
        net.initialize(r);
        Flow x = input(w, r);
        String engine = "onnxruntime java " + OnnxRuntimeModel.runtimeVersion() + " (" + threads + " thread"
                + (threads == 1 ? "" : "s") + ")";
        try (OnnxRuntimeModel m = OnnxRuntimeModel.of(net, ExportOptions.defaults(), 256, threads)) {
            return measure(w, engine, () -> m.predict(x));
        }
    }

    private static double figure(Workload w, long ns) {
        double s = ns / 1e9;
        return switch (w) {
            case W3 -> ns / 1e6;
            case W5 -> batch(w) * time(w) / s;
            default -> batch(w) / s;
        };
    }

    /**
     * The resident set's high-water mark of this JVM in bytes ({@code VmHWM} of {@code /proc/self/status}), or
     * -1 where the platform does not report it.
     */
    public static long peakResidentSet() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Peak heap (bytes) used while running {@code task}, from the JVM's heap pools' peak usage. */
    public static long peakHeap(Runnable task) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        task.run();
        return heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
