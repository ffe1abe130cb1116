package io.rnn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.data.ForecastStep;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.ModelService;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j generate MODEL --prompt TEXT}: text from a language model; {@code rnn4j generate MODEL
 * --horizon N}: the next N steps of a time series from a forecasting model.
 */
@Command(name = "generate", description = {
    "Generate text from a language model (greedy, temperature or top-k sampling), or, with --horizon N, "
            + "forecast the next N steps after the end of the data of a model trained on time_series data."})
final class GenerateCommand implements Callable<Integer> {
    /** The options that only text generation takes. */
    private static final List<String> TEXT_OPTIONS = List.of("--prompt", "--length", "--temperature", "--top-k", "--seed", "--timing",
            "--warmup");

    private final ModelLoader loader;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model archive written by 'rnn4j train'.")
    Path model;

    @Option(names = "--prompt", defaultValue = "It is", description = "Text to continue (default: ${DEFAULT-VALUE}).")
    String prompt;

    /** The most tokens one call generates: more is a mistake (hours of output), not a wish. */
    static final int MAX_LENGTH = 1_000_000;

    @Option(names = "--length", defaultValue = "200", description = "Tokens to generate, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature; 0 is greedy (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample among the k most likely tokens; 0 for all.")
    int topK;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sampling.")
    long seed;

    @Option(names = "--horizon", paramLabel = "N", description = "Forecasting models: forecast the next N steps after "
            + "the end of the data (beyond the model's own horizon by rolling its forecasts forward). Not with the text "
            + "options.")
    Integer horizon;

    @Option(names = "--covariates", paramLabel = "FILE", description = "With --horizon: a CSV with the model's future "
            + "covariates (weather forecasts, planned events) for the rows after the end of the data, one row per step, "
            + "in order; columns named as in the experiment's future_covariates.")
    Path covariates;

    @Option(names = "--json", description = "With --horizon: one JSON object per step, {\"step\": ..., TARGET: value, ...}; "
            + "otherwise one object {\"text\": ...}.")
    boolean json;

    @Option(names = "--timing", description = "Text generation: print on stderr how long the tokens took once the model "
            + "was loaded (milliseconds per token; per token after the first, which includes running the prompt; and "
            + "per token over tokens 101-200, 1001-1100, 2001-2100, 4001-4100, ... when generated).")
    boolean timing;

    @Option(names = "--warmup", paramLabel = "N", description = "Text generation, for benchmarks: first generate N tokens "
            + "from the same prompt and seed, untimed and not printed, so that --timing shows the cost per token once the "
            + "JIT has compiled the kernels (default: 0).")
    int warmup;

    @Spec
    CommandSpec spec;

    @Inject
    GenerateCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() throws Exception {
        List<String> textOptions = new ArrayList<>();
        for (String o : TEXT_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                textOptions.add(o);
            }
        }
        if (horizon != null && !textOptions.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--horizon (forecast a time series) cannot be combined with "
                    + String.join(", ", textOptions) + " (generate text)");
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new ParameterException(spec.commandLine(), "--temperature must be a finite number >= 0 (0 is greedy), was "
                    + temperature);
        }
        if (topK < 0) {
            throw new ParameterException(spec.commandLine(), "--top-k must be >= 0 (0 samples among all tokens), was " + topK);
        }
        if (length < 1 || length > MAX_LENGTH) {
            throw new ParameterException(spec.commandLine(), "--length must be between 1 and " + MAX_LENGTH + " tokens, was "
                    + length + (length > MAX_LENGTH ? "; generate in several calls, each continuing the last with --prompt"
                    : ""));
        }
        if (warmup < 0 || warmup > MAX_LENGTH) {
            throw new ParameterException(spec.commandLine(), "--warmup must be between 0 and " + MAX_LENGTH + " tokens, was "
                    + warmup);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ModelLoader.Loaded m = loader.load(model, null)) {
            if (horizon != null) {
                printForecast(out, ModelService.forecast(m, horizon, future(ModelService.futureCovariates(m))));
            } else if (ModelService.forecasts(m)) {
                throw new Rnn4jException("RNN4J-RUN-015", model + " forecasts a time series and does not take "
                        + (textOptions.isEmpty() ? "a prompt" : String.join(", ", textOptions))
                        + "; use 'rnn4j generate " + model + " --horizon N' to forecast the next N steps");
            } else {
                if (warmup > 0) {
                    ModelService.generate(m, prompt, warmup, temperature, topK, seed, piece -> { });
                }
                generateText(m, out);
            }
        }
        out.flush();
        return 0;
    }

    /** Text generation, streamed or (with --json) as one object; --timing reports on stderr. */
    private void generateText(ModelLoader.Loaded m, PrintWriter out) throws Exception {
        Clock clock = new Clock();
        if (json) {
            StringBuilder text = new StringBuilder();
            ModelService.generate(m, prompt, length, temperature, topK, seed, clock.counting(text::append));
            clock.stop();
            out.println(new ObjectMapper().writeValueAsString(new ObjectMapper().createObjectNode().put("text",
                    text.toString())));
        } else {
            // streamed: each token is written as soon as it is chosen
            ModelService.generate(m, prompt, length, temperature, topK, seed, clock.counting(piece -> {
                out.print(piece);
                out.flush();
            }));
            clock.stop();
            out.println();
        }
        report(clock);
    }

    /** With --timing, the time per token on stderr. */
    private void report(Clock clock) {
        if (!timing) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(clock.summary());
        err.flush();
    }

    /**
     * Times a generation from after the model was loaded: the sink's first call is the prompt, every later
     * call one generated token, whose time is kept (8 bytes a token, only with --timing).
     */
    static final class Clock {
        private final long start = System.nanoTime();
        private long[] at = new long[1024];
        private long end;
        private int calls;

        java.util.function.Consumer<String> counting(java.util.function.Consumer<String> sink) {
            return piece -> {
                sink.accept(piece);
                if (calls == at.length) {
                    at = java.util.Arrays.copyOf(at, 2 * at.length);
                }
                at[calls++] = System.nanoTime(); // at[k]: token k written (at[0]: the prompt)
            };
        }

        void stop() {
            end = System.nanoTime();
        }

        /** Milliseconds per token over tokens {@code from..to} (1-based, inclusive). */
        private double window(int from, int to) {
            return (at[to] - at[from - 1]) / 1e6 / (to - from + 1);
        }

        String summary() {
            int tokens = Math.max(0, calls - 1);
            double all = (end - start) / 1e6;
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "timing: %d tokens in %.1f ms after loading "
                    + "the model (%.3f ms per token, the prompt included", tokens, all, all / Math.max(1, tokens)));
            if (tokens >= 2) {
                sb.append(String.format(Locale.ROOT, "; after the first token %.3f ms per token", window(2, tokens)));
            }
            sb.append(')');
            // the cost of 100 tokens after 100, 1,000, 2,000, 4,000, ... generated, in one run: stepping keeps
            // them equal once the JIT has warmed up, re-reading a growing context would not
            for (int w = 100; w + 100 <= tokens; w = w == 100 ? 1000 : 2 * w) {
                sb.append(String.format(Locale.ROOT, "; tokens %d-%d: %.3f ms per token", w + 1, w + 100,
                        window(w + 1, w + 100)));
            }
            return sb.toString();
        }
    }

    /** The future covariates' columns of the --covariates file, by name. */
    private Map<String, double[]> future(List<String> names) throws Exception {
        if (covariates == null) {
            if (!names.isEmpty()) {
                throw new Rnn4jException("RNN4J-RUN-033", model + " reads the future covariates " + names + " for the "
                        + "forecast's rows; give their values after the end of the data with --covariates FILE (a CSV with "
                        + "those columns, one row per step)");
            }
            return Map.of();
        }
        List<String> lines = java.nio.file.Files.readAllLines(covariates);
        if (lines.isEmpty()) {
            throw new Rnn4jException("RNN4J-RUN-033", covariates + " is empty; expected a header row with " + names);
        }
        List<String> header = java.util.Arrays.stream(lines.get(0).split(",", -1)).map(h -> h.strip().replace("\"", ""))
                .toList();
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (String n : names) {
            int c = header.indexOf(n);
            if (c < 0) {
                throw new Rnn4jException("RNN4J-RUN-033", covariates + ", line 1: no column \"" + n + "\" (the columns are "
                        + header + "); add the future covariate " + n + ", one value per forecast step");
            }
            double[] v = new double[lines.size() - 1];
            for (int r = 1; r < lines.size(); r++) {
                String[] cells = lines.get(r).split(",", -1);
                String cell = c < cells.length ? cells[c].strip().replace("\"", "") : "";
                try {
                    v[r - 1] = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new Rnn4jException("RNN4J-RUN-033", covariates + ", line " + (r + 1) + ", column " + (c + 1) + " ("
                            + n + "): found \"" + cell + "\"; expected a number such as 71.5. Fix the cell.");
                }
            }
            out.put(n, v);
        }
        return out;
    }

    /** A table (step, then one column per target) or, with --json, one JSON object per step. */
    private void printForecast(PrintWriter out, List<ForecastStep> steps) throws Exception {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            for (ForecastStep s : steps) {
                ObjectNode o = mapper.createObjectNode();
                o.put("step", s.step());
                s.values().forEach(o::put);
                if (!s.lower().isEmpty()) {
                    o.put("level", s.level());
                    s.lower().forEach((k, v) -> o.put(k + "_lower", v));
                    s.upper().forEach((k, v) -> o.put(k + "_upper", v));
                }
                out.println(mapper.writeValueAsString(o));
            }
            return;
        }
        List<String> targets = List.copyOf(steps.get(0).values().keySet());
        boolean interval = !steps.get(0).lower().isEmpty();
        String pct = interval ? Math.round(steps.get(0).level() * 100) + "%" : "";
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("step"));
        for (String t : targets) {
            header.add(t);
            if (interval) {
                header.add(t + " " + pct + " lower");
                header.add(t + " " + pct + " upper");
            }
        }
        rows.add(header.toArray(String[]::new));
        for (ForecastStep s : steps) {
            List<String> row = new ArrayList<>(List.of(s.step()));
            for (String t : targets) {
                row.add(String.format(Locale.ROOT, "%.3f", s.values().get(t)));
                if (interval) {
                    row.add(String.format(Locale.ROOT, "%.3f", s.lower().get(t)));
                    row.add(String.format(Locale.ROOT, "%.3f", s.upper().get(t)));
                }
            }
            rows.add(row.toArray(String[]::new));
        }
        String[] head = rows.get(0);
        int[] width = new int[head.length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width[0] + "s", r[0]));
            for (int c = 1; c < r.length; c++) {
                line.append("  ").append(String.format(Locale.ROOT, "%" + width[c] + "s", r[c]));
            }
            out.println(line);
        }
    }
}
