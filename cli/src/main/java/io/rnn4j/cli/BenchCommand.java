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
import io.rnn4j.runtime.bench.Warmup;
import io.rnn4j.runtime.bench.Workload;
import jakarta.inject.Inject;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j bench}: the standard workloads W1–W5 on a backend, side by side with ONNX Runtime Java (W3, W4,
 * in this JVM, on the model rnn4j exports) and, when a Python with them is found, PyTorch (W1–W5) and ONNX
 * Runtime Python (W3, W4, same model file), each in a fresh process. Every engine is warmed up until its step
 * time is stable, and the engines are interleaved round by round, so each ratio compares runs made minutes
 * apart on one machine; the ratio printed is the median over rounds with its spread. Figures from other days
 * are never used as ratios.
 */
@Command(name = "bench", description = "Time the standard workloads W1-W5 (docs/BENCHMARKS.md) on a backend, "
        + "side by side with ONNX Runtime and PyTorch, each competitor in a fresh process, interleaved in rounds.")
final class BenchCommand implements Callable<Integer> {

    /** The targets of docs/BENCHMARKS.md: the ratio rnn4j must reach against an engine family. */
    private record Target(String engine, double ratio) {
    }

    private static final Map<Workload, List<Target>> TARGETS = Map.of(
            Workload.W1, List.of(new Target("pytorch", 1.25)),
            Workload.W2, List.of(new Target("pytorch", 2.0)),
            Workload.W3, List.of(new Target("onnxruntime python", 1.0), new Target("onnxruntime java", 1.0)),
            Workload.W4, List.of(new Target("onnxruntime python", 1.0), new Target("onnxruntime java", 1.0)),
            Workload.W5, List.of(new Target("pytorch", 1.25)));

    private final BackendRegistry backends;
    private final LayerKindRegistry kinds;

    @Option(names = "--workload", split = ",", description = "Workloads to run (default: all).")
    List<Workload> workloads = List.of(Workload.values());

    @Option(names = "--backend", paramLabel = "ID", description = "Backend id (default: the fastest available).")
    String backend;

    @Option(names = "--threads", description = "Threads for the backend, ONNX Runtime (W4) and PyTorch (default: 2).")
    int threads = 2;

    @Option(names = "--warmup", description = "Untimed repetitions at least, before the stability warm-up "
            + "(default: 10; W3, whose calls are short, runs 10x as many).")
    int warmup = 10;

    @Option(names = "--warmup-seconds", description = "Longest warm-up per engine and round: after --warmup "
            + "repetitions, blocks of 5 run until the block median moves by less than 3 %% (default: 20).")
    double warmupSeconds = 20;

    @Option(names = "--steps", description = "Timed repetitions per round (default: 20; W3 runs 5x as many).")
    int steps = 20;

    @Option(names = "--rounds", description = "Rounds per workload; each round times every engine once, "
            + "in turn (default: 3).")
    int rounds = 3;

    @Option(names = "--python", paramLabel = "EXE", description = "Python with torch (and onnxruntime, numpy) "
            + "for the other side (default: $RNN4J_BENCH_PYTHON, else python3 on the PATH).")
    String python;

    @Option(names = {"--no-python", "--no-pytorch"}, description = "Do not run PyTorch or ONNX Runtime Python.")
    boolean noPython;

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
        if (steps < 1 || warmup < 0 || threads < 1 || rounds < 1 || !(warmupSeconds >= 0)) {
            throw new ParameterException(spec.commandLine(), "--steps, --threads and --rounds must be >= 1, "
                    + "--warmup and --warmup-seconds >= 0");
        }
        DiscoveredBackend d = backends.choose(backend);
        Bench bench = new Bench(kinds, Warmup.untilStable(warmup, warmupSeconds), steps);
        Bench latency = new Bench(kinds, Warmup.untilStable(warmup * 10, warmupSeconds), steps * 5);
        PythonSide py = noPython ? PythonSide.NONE : PythonSide.probe(pythonCommand());
        if (!json) {
            out.printf(Locale.ROOT, "rnn4j bench: backend %s, %d threads, %d rounds of %d timed repetitions "
                    + "(W3: %d) after a warm-up until stable; %s%n", d.id(), threads, rounds, steps, steps * 5,
                    noPython ? "PyTorch and ONNX Runtime Python not run (--no-python)" : py.describe());
            out.printf(Locale.ROOT, "%-4s %-34s %12s %12s %12s  %-12s %s%n", "id", "engine", "median", "min", "max",
                    "unit", "rnn4j / this (median ratio over rounds, min-max)");
        }
        Path tmp = Files.createTempDirectory("rnn4j-bench");
        try (Backend be = d.provider().create(BackendOptions.threads(threads));
                Backend reference = backends.get("cpu").provider().create(BackendOptions.threads(1))) {
            for (Workload w : workloads) {
                Bench b = w == Workload.W3 ? latency : bench;
                int pyWarmup = w == Workload.W3 ? warmup * 10 : warmup;
                int pySteps = w == Workload.W3 ? steps * 5 : steps;
                Path model = null;
                if ((w == Workload.W3 || w == Workload.W4) && py.onnxruntime() != null) {
                    model = tmp.resolve(w.id() + ".onnx");
                    Files.write(model, b.exportedModel(w, reference));
                }
                String mine = "rnn4j " + d.id();
                Map<String, List<Measurement>> byEngine = new LinkedHashMap<>();
                Map<String, Double> pythonRss = new LinkedHashMap<>();
                long peakHeap = -1;
                for (int r = 0; r < rounds; r++) {
                    if (r == 0 && (w == Workload.W1 || w == Workload.W5)) {
                        Measurement[] m = new Measurement[1];
                        peakHeap = Bench.peakHeap(() -> m[0] = b.run(w, be, mine));
                        add(byEngine, m[0]);
                    } else {
                        add(byEngine, b.run(w, be, mine));
                    }
                    if (w == Workload.W3 || w == Workload.W4) {
                        add(byEngine, b.runOnnxRuntime(w, reference, w == Workload.W3 ? 1 : threads));
                    }
                    if (py.torch() != null) {
                        add(byEngine, runPython(py, w, pythonRss, "tools/bench/torch_bench.py", "--workload", w.name(),
                                "--warmup", Integer.toString(pyWarmup), "--warmup-seconds", Double.toString(warmupSeconds),
                                "--steps", Integer.toString(pySteps), "--threads", Integer.toString(threads)));
                    }
                    if (model != null) {
                        add(byEngine, runPython(py, w, pythonRss, "tools/bench/ort_bench.py", "--model", model.toString(),
                                "--workload", w.name(), "--threads", Integer.toString(w == Workload.W3 ? 1 : threads),
                                "--warmup", Integer.toString(pyWarmup), "--warmup-seconds", Double.toString(warmupSeconds),
                                "--steps", Integer.toString(pySteps)));
                    }
                }
                report(out, w, mine, byEngine, peakHeap, pythonRss);
            }
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
        long rss = Bench.peakResidentSet();
        if (!json && rss > 0) {
            out.printf(Locale.ROOT, "peak resident set of this JVM over the whole run (rnn4j and ONNX Runtime Java): "
                    + "%.0f MiB%n", rss / 1048576.0);
        }
        out.flush();
        return 0;
    }

    private static void add(Map<String, List<Measurement>> byEngine, Measurement m) {
        if (m != null) {
            byEngine.computeIfAbsent(m.engine(), k -> new ArrayList<>()).add(m);
        }
    }

    /** The median over rounds of rnn4j's ratio to {@code engine}, and the smallest and largest, or null. */
    private static double[] ratios(List<Measurement> mine, List<Measurement> theirs) {
        int n = Math.min(mine.size(), theirs.size());
        if (n == 0) {
            return null;
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = mine.get(i).ratioTo(theirs.get(i));
        }
        double[] s = r.clone();
        java.util.Arrays.sort(s);
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new double[] {median, s[0], s[n - 1]};
    }

    private static Measurement pooled(List<Measurement> rounds) {
        return new Measurement(rounds.get(0).workload(), rounds.get(0).engine(),
                rounds.stream().flatMapToDouble(m -> java.util.Arrays.stream(m.values())).toArray());
    }

    private void report(PrintWriter out, Workload w, String mine, Map<String, List<Measurement>> byEngine,
            long peakHeap, Map<String, Double> pythonRss) {
        List<Measurement> own = byEngine.get(mine);
        ObjectNode o = new ObjectMapper().createObjectNode();
        Measurement m = pooled(own);
        o.put("id", w.name()).put("unit", w.unit()).put("engine", mine).put("median", m.median()).put("min", m.min())
                .put("max", m.max()).put("rounds", own.size());
        if (!json) {
            line(out, m, "");
        }
        ObjectNode side = o.putObject("side_by_side");
        Map<String, double[]> ratioByEngine = new LinkedHashMap<>();
        Map<String, Double> judgedBy = new LinkedHashMap<>();
        byEngine.forEach((engine, list) -> {
            if (engine.equals(mine)) {
                return;
            }
            Measurement x = pooled(list);
            double[] r = ratios(own, list);
            ratioByEngine.put(engine, r);
            ObjectNode e = side.putObject(engine).put("median", x.median()).put("min", x.min()).put("max", x.max())
                    .put("ratio", r[0]).put("ratio_min", r[1]).put("ratio_max", r[2]);
            if (pythonRss.containsKey(engine)) {
                e.put("peak_rss_mib", pythonRss.get(engine));
            }
            if (!json) {
                line(out, x, String.format(Locale.ROOT, "%.2fx (%.2f-%.2f)", r[0], r[1], r[2]));
            }
            // an engine with a slow mode in some processes is judged against its fastest round
            double fastest = m.ratioToFastestIfSlowMode(list);
            if (!Double.isNaN(fastest) && fastest < r[0]) {
                judgedBy.put(engine, fastest);
                e.put("ratio_to_fastest_round", fastest);
                if (!json) {
                    out.printf(Locale.ROOT, "%-4s %s's rounds differ by more than %.1fx (a slow mode in some of its "
                            + "processes): against its fastest round rnn4j is at %.2fx%n", w.name(), engine,
                            Measurement.SLOW_MODE_SPREAD, fastest);
                }
            }
        });
        ObjectNode targets = o.putObject("targets");
        for (Target t : TARGETS.getOrDefault(w, List.of())) {
            ratioByEngine.forEach((engine, r) -> {
                if (!engine.startsWith(t.engine())) {
                    return;
                }
                double judged = judgedBy.getOrDefault(engine, r[0]);
                boolean reached = judged >= t.ratio();
                targets.putObject(engine).put("target", t.ratio()).put("ratio", judged).put("reached", reached);
                if (!json) {
                    String basis = judgedBy.containsKey(engine) ? ", against its fastest round" : "";
                    out.printf(Locale.ROOT, "%-4s target >= %.2fx %s: %s%n", w.name(), t.ratio(), engine,
                            reached ? String.format(Locale.ROOT, "reached (%.2fx%s)", judged, basis)
                                    : String.format(Locale.ROOT, "NOT reached (%.2fx%s, %.0f %% short)", judged, basis,
                                            100 * (1 - judged / t.ratio())));
                }
            });
        }
        if (peakHeap >= 0) {
            o.put("peak_heap_mib", peakHeap / 1048576.0);
            if (!json) {
                out.printf(Locale.ROOT, "%-4s peak heap while rnn4j trains: %.0f MiB%n", w.name(), peakHeap / 1048576.0);
            }
        }
        if (!json) {
            pythonRss.forEach((engine, rss) -> out.printf(Locale.ROOT, "%-4s peak RSS of the %s process: %.0f MiB%n",
                    w.name(), engine, rss));
        } else {
            out.println(o);
        }
        out.flush();
    }

    private static void line(PrintWriter out, Measurement m, String ratio) {
        out.printf(Locale.ROOT, "%-4s %-34s %12.4g %12.4g %12.4g  %-12s %s%n", m.workload().name(), m.engine(), m.median(),
                m.min(), m.max(), m.workload().unit(), ratio);
    }

    private String pythonCommand() {
        if (python != null) {
            return python;
        }
        String env = System.getenv("RNN4J_BENCH_PYTHON");
        return env != null && !env.isBlank() ? env : "python3";
    }

    /** What a Python offers: torch and onnxruntime versions, {@code null} where missing. */
    record PythonSide(String exe, String torch, String onnxruntime, String problem) {
        static final PythonSide NONE = new PythonSide(null, null, null, "not run");

        static PythonSide probe(String exe) {
            String torch = version(exe, "torch");
            String ort = version(exe, "onnxruntime");
            return new PythonSide(exe, torch, ort, null);
        }

        private static String version(String exe, String module) {
            try {
                Process p = new ProcessBuilder(exe, "-c", "import " + module + ", numpy; print(" + module
                        + ".__version__)").redirectErrorStream(true).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return p.exitValue() == 0 ? v : null;
            } catch (Exception e) {
                return null;
            }
        }

        String describe() {
            if (torch == null && onnxruntime == null) {
                return "no torch or onnxruntime in '" + exe + "' (set --python or RNN4J_BENCH_PYTHON to a Python "
                        + "with them; see docs/BENCHMARKS.md), so only ONNX Runtime Java runs beside rnn4j";
            }
            return exe + ": torch " + (torch == null ? "missing" : torch) + ", onnxruntime "
                    + (onnxruntime == null ? "missing" : onnxruntime);
        }
    }

    private Measurement runPython(PythonSide py, Workload w, Map<String, Double> rss, String script, String... args)
            throws Exception {
        // the launcher passes the repository root; from elsewhere, the working directory
        Path file = Path.of(System.getProperty("rnn4j.home", ".")).resolve(script);
        if (!Files.exists(file)) {
            throw new IllegalStateException("the benchmark script " + file + " is missing; run bench from the "
                    + "rnn4j repository or distribution, or pass --no-python");
        }
        List<String> cmd = new ArrayList<>(List.of(py.exe(), file.toString()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("rnn4j-bench", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            if (p.exitValue() != 0 || stdout.isEmpty()) {
                List<String> lines = Files.readAllLines(err);
                throw new IllegalStateException(file.getFileName() + " " + w + " failed (exit " + p.exitValue() + "): "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
            }
            String[] lines = stdout.split("\n");
            JsonNode j = new ObjectMapper().readTree(lines[lines.length - 1]);
            double[] values = new double[j.get("values").size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = j.get("values").get(i).asDouble();
            }
            String threadsUsed = script.contains("ort_") && w == Workload.W3 ? "1 thread" : threads + " threads";
            String engine = j.get("engine").asText() + " (" + threadsUsed + ")";
            if (j.has("peak_rss_mib")) {
                rss.merge(engine, j.get("peak_rss_mib").asDouble(), Math::max);
            }
            return new Measurement(w, engine, values);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
