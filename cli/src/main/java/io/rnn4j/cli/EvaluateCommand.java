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
            ModelService.Evaluation e = ModelService.evaluate(m);
            Map<String, Object> r = new LinkedHashMap<>(e.metrics());
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
}
