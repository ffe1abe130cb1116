package io.rnn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.ModelService;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j evaluate MODEL}: loss, metrics and baselines on the test split or another file. */
@Command(name = "evaluate", description = "Evaluate a trained model on its test split (or --data FILE).")
final class EvaluateCommand implements Callable<Integer> {
    private final ModelLoader loader;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model archive written by 'rnn4j train'.")
    Path model;

    @Option(names = "--data", paramLabel = "FILE", description = "Evaluate on this file (same format as the training data).")
    Path data;

    @Option(names = "--split", paramLabel = "SPLIT", description = "validation or test (default: test, else validation); "
            + "always prepared with the model's stored normalisation and transforms.")
    String split;

    @Option(names = "--backend", paramLabel = "ID", description = "Backend id.")
    String backend;

    @Option(names = "--json", description = "One JSON object whose keys are the metric names.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Inject
    EvaluateCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() throws Exception {
        List<String> sets = new ArrayList<>();
        if (data != null) {
            sets.add("data.test=" + data.toAbsolutePath());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ModelLoader.Loaded m = loader.loadWithData(model, backend, sets)) {
            ModelService.Evaluation e = ModelService.evaluate(m, which());
            Map<String, Object> r = new LinkedHashMap<>();
            // a forecaster's loss and metrics are on normalized values: named so, next to its figures in original units
            boolean normalized = e.report() != null && e.report().normalizedMetrics();
            e.metrics().forEach((k, v) -> r.put(normalized ? k + "_normalized" : k, v));
            r.put("split", e.split().toString());
            r.putAll(Figures.of(e.report()));
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(r));
            } else {
                r.forEach((k, v) -> out.println(k + ": " + (v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v)));
            }
        }
        out.flush();
        return 0;
    }

    private io.rnn4j.core.train.Split which() {
        if (split == null) {
            return null;
        }
        return switch (split.toLowerCase(Locale.ROOT)) {
            case "validation", "val" -> io.rnn4j.core.train.Split.VALIDATION;
            case "test" -> io.rnn4j.core.train.Split.TEST;
            case "train", "training" -> io.rnn4j.core.train.Split.TRAIN;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--split must be validation, test "
                    + "or train, was '" + split + "'");
        };
    }
}
