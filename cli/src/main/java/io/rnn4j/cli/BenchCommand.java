package io.rnn4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.DiscoveredBackend;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.runtime.bench.Bench;
import io.rnn4j.runtime.bench.Measurement;
import io.rnn4j.runtime.bench.Workload;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j bench}: the standard workloads W1–W5 on a backend, with ONNX Runtime (W3, W4) and
 * PyTorch (when a Python with torch is present) timed in the same run, and the ratios.
 */
@Command(name = "bench", description = "Time the standard workloads W1-W5 (defined in docs/BENCHMARKS.md) on a backend, "
        + "side by side with ONNX Runtime (W3, W4) and PyTorch (when installed).")
final class BenchCommand implements Callable<Integer> {
    /** Anchors measured once on a 2-core AMD EPYC machine on 2026-11-23, medians (docs/BENCHMARKS.md). */
    private static final Map<Workload, Map<String, Double>> ANCHORS = Map.of(
            Workload.W1, Map.of("pytorch 2.13 (anchor)", 1737.0, "dl4j 1.0.0-M2.1 (anchor)", 137.0),
            Workload.W2, Map.of("pytorch 2.13 (anchor)", 807.0),
            Workload.W3, Map.of("pytorch 2.13 (anchor)", 0.593, "onnxruntime 1.30 (anchor)", 0.347),
            Workload.W4, Map.of("pytorch 2.13 (anchor)", 6920.0, "onnxruntime 1.30 (anchor)", 7563.0),
            Workload.W5, Map.of("pytorch 2.13 (anchor)", 23003.0, "dl4j 1.0.0-M2.1 (anchor)", 3281.0));

    private final BackendRegistry backends;
    private final LayerKindRegistry kinds;

    @Option(names = "--workload", split = ",", description = "Workloads to run (default: all).")
    List<Workload> workloads = List.of(Workload.values());

    @Option(names = "--backend", paramLabel = "ID", description = "Backend id (default: the fastest available).")
    String backend;

    @Option(names = "--threads", description = "Threads for the backend, ONNX Runtime (W4) and PyTorch (default: 2).")
    int threads = 2;

    @Option(names = "--warmup", description = "Untimed repetitions (default: 10; W3, whose calls are short, runs 10x as many).")
    int warmup = 10;

    @Option(names = "--steps", description = "Timed repetitions (default: 20).")
    int steps = 20;

    @Option(names = "--python", description = "Python with torch (default: /usr/bin/python3).")
    String python = "/usr/bin/python3";

    @Option(names = "--no-pytorch", description = "Do not run the PyTorch side.")
    boolean noPytorch;

    @Option(names = "--json", description = "One JSON object per workload.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Inject
    BenchCommand(BackendRegistry backends, LayerKindRegistry kinds) {
        this.backends = backends;
        this.kinds = kinds;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (steps < 1 || warmup < 0 || threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--steps and --threads must be >= 1 and --warmup >= 0");
        }
        DiscoveredBackend d = backends.choose(backend);
        Bench bench = new Bench(kinds, warmup, steps);
        Bench latency = new Bench(kinds, warmup * 10, steps * 5); // W3: short calls need more JIT warm-up and samples
        String torch = noPytorch ? null : torchAvailable();
        if (!json) {
            out.printf(Locale.ROOT, "rnn4j bench on backend %s (%d threads), %d warm-up + %d timed repetitions; PyTorch: %s%n",
                    d.id(), threads, warmup, steps, torch == null ? "not run (" + (noPytorch ? "--no-pytorch"
                            : "no torch for " + python + "; apt-get install python3-torch") + ")" : torch);
            out.printf(Locale.ROOT, "%-4s %-30s %12s %12s %12s  %-12s %s%n", "id", "engine", "median", "min", "max", "unit",
                    "rnn4j / this");
        }
        try (Backend be = d.provider().create(BackendOptions.threads(threads));
                Backend reference = backends.get("cpu").provider().create(BackendOptions.threads(1))) {
            for (Workload w : workloads) {
                List<Measurement> others = new ArrayList<>();
                Measurement[] mine = new Measurement[1];
                long peak = w == Workload.W1 ? Bench.peakHeap(() -> mine[0] = bench.run(w, be, "rnn4j " + d.id()))
                        : -1;
                if (mine[0] == null) {
                    mine[0] = (w == Workload.W3 ? latency : bench).run(w, be, "rnn4j " + d.id());
                }
                if (w == Workload.W3) {
                    others.add(latency.runOnnxRuntime(w, reference, 1));
                } else if (w == Workload.W4) {
                    others.add(bench.runOnnxRuntime(w, reference, threads));
                }
                if (torch != null) {
                    Measurement t = runTorch(w);
                    if (t != null) {
                        others.add(t);
                    }
                }
                report(out, mine[0], others, peak);
            }
        }
        out.flush();
        return 0;
    }

    private void report(PrintWriter out, Measurement m, List<Measurement> others, long peak) {
        Map<String, Double> anchors = ANCHORS.getOrDefault(m.workload(), Map.of());
        if (json) {
            ObjectMapper om = new ObjectMapper();
            ObjectNode o = om.createObjectNode();
            o.put("id", m.workload().name()).put("unit", m.workload().unit()).put("engine", m.engine())
                    .put("median", m.median()).put("min", m.min()).put("max", m.max());
            if (peak >= 0) {
                o.put("peak_heap_mib", peak / (1024.0 * 1024.0));
            }
            ObjectNode side = o.putObject("side_by_side");
            for (Measurement x : others) {
                side.putObject(x.engine()).put("median", x.median()).put("min", x.min()).put("max", x.max())
                        .put("ratio", m.ratioTo(x));
            }
            ObjectNode an = o.putObject("anchors");
            anchors.forEach((k, v) -> an.putObject(k).put("figure", v).put("ratio",
                    m.workload().higherIsBetter() ? m.median() / v : v / m.median()));
            out.println(o);
            return;
        }
        line(out, m, null);
        for (Measurement x : others) {
            line(out, x, m.ratioTo(x));
        }
        anchors.forEach((k, v) -> out.printf(Locale.ROOT, "%-4s %-30s %12.4g %12s %12s  %-12s %.2fx%n", m.workload().name(),
                k, v, "", "", m.workload().unit(), m.workload().higherIsBetter() ? m.median() / v : v / m.median()));
        if (peak >= 0) {
            out.printf(Locale.ROOT, "%-4s peak heap while training: %.0f MiB%n", m.workload().name(), peak / 1048576.0);
        }
        out.flush();
    }

    private static void line(PrintWriter out, Measurement m, Double ratio) {
        out.printf(Locale.ROOT, "%-4s %-30s %12.4g %12.4g %12.4g  %-12s %s%n", m.workload().name(), m.engine(), m.median(),
                m.min(), m.max(), m.workload().unit(), ratio == null ? "" : String.format(Locale.ROOT, "%.2fx", ratio));
    }

    /** The torch version of the configured Python, or {@code null}. */
    private String torchAvailable() {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)").redirectErrorStream(true)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 ? "torch " + v : null;
        } catch (Exception e) {
            return null;
        }
    }

    private Measurement runTorch(Workload w) throws Exception {
        // the launcher passes the repository root; from elsewhere, the working directory
        Path script = Path.of(System.getProperty("rnn4j.home", ".")).resolve("tools/bench/torch_bench.py");
        if (!Files.exists(script)) {
            return null;
        }
        Process p = new ProcessBuilder(python, script.toString(), "--workload", w.name(), "--warmup",
                Integer.toString(warmup), "--steps", Integer.toString(steps), "--threads", Integer.toString(threads))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            if (line == null) {
                return null;
            }
            JsonNode j = new ObjectMapper().readTree(line);
            double[] values = new double[j.get("values").size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = j.get("values").get(i).asDouble();
            }
            return new Measurement(w, j.get("engine").asText() + " (" + threads + " threads)", values);
        }
    }
}
