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
    private static final List<String> TEXT_OPTIONS = List.of("--prompt", "--length", "--temperature", "--top-k", "--seed");

    private final ModelLoader loader;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model archive written by 'rnn4j train'.")
    Path model;

    @Option(names = "--prompt", defaultValue = "It is", description = "Text to continue (default: ${DEFAULT-VALUE}).")
    String prompt;

    @Option(names = "--length", defaultValue = "200", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--json", description = "With --horizon: one JSON object per step, {\"step\": ..., TARGET: value, ...}; "
            + "otherwise one object {\"text\": ...}.")
    boolean json;

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
        if (length < 1) {
            throw new ParameterException(spec.commandLine(), "--length must be >= 1, was " + length);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ModelLoader.Loaded m = loader.load(model, null)) {
            if (horizon != null) {
                printForecast(out, ModelService.forecast(m, horizon));
            } else if (ModelService.forecasts(m)) {
                throw new Rnn4jException("RNN4J-RUN-015", model + " forecasts a time series and does not take "
                        + (textOptions.isEmpty() ? "a prompt" : String.join(", ", textOptions))
                        + "; use 'rnn4j generate " + model + " --horizon N' to forecast the next N steps");
            } else if (json) {
                StringBuilder text = new StringBuilder();
                ModelService.generate(m, prompt, length, temperature, topK, seed, text::append);
                out.println(new ObjectMapper().writeValueAsString(new ObjectMapper().createObjectNode().put("text",
                        text.toString())));
            } else {
                // streamed: each token is written as soon as it is chosen
                ModelService.generate(m, prompt, length, temperature, topK, seed, piece -> {
                    out.print(piece);
                    out.flush();
                });
                out.println();
            }
        }
        out.flush();
        return 0;
    }

    /** A table (step, then one column per target) or, with --json, one JSON object per step. */
    private void printForecast(PrintWriter out, List<ForecastStep> steps) throws Exception {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            for (ForecastStep s : steps) {
                ObjectNode o = mapper.createObjectNode();
                o.put("step", s.step());
                s.values().forEach(o::put);
                out.println(mapper.writeValueAsString(o));
            }
            return;
        }
        List<String> targets = List.copyOf(steps.get(0).values().keySet());
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[targets.size() + 1];
        header[0] = "step";
        for (int j = 0; j < targets.size(); j++) {
            header[j + 1] = targets.get(j);
        }
        rows.add(header);
        for (ForecastStep s : steps) {
            String[] row = new String[targets.size() + 1];
            row[0] = s.step();
            int j = 1;
            for (Map.Entry<String, Float> v : s.values().entrySet()) {
                row[j++] = String.format(Locale.ROOT, "%.3f", v.getValue());
            }
            rows.add(row);
        }
        int[] width = new int[header.length];
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
