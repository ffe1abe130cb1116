package io.rnn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.core.spi.StreamedSplit;
import io.rnn4j.core.train.Split;
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
import java.util.Optional;
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

    @Option(names = "--split", paramLabel = "SPLIT", converter = SplitOption.class, description = "validation, test or "
            + "train (default: test, else validation); always prepared with the model's stored normalisation and transforms.")
    Split split;

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
        PrintWriter out = spec.commandLine().getOut();
        try (ModelLoader.Loaded m = open()) {
            ModelService.Evaluation e = evaluation(m);
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

    /**
     * The model: from its archive alone when a file is given (the file is read by {@link #evaluation}), else
     * with its experiment's data.
     */
    private ModelLoader.Loaded open() {
        if (data != null) {
            io.rnn4j.data.DataFiles.requireFile(data, "--data"); // named as the user gave it, not as the split it becomes
        }
        if (data != null && (split == null || split == Split.TEST)) {
            return loader.load(model, backend);
        }
        List<String> sets = new ArrayList<>();
        if (data != null) {
            sets.add("data.test=" + data.toAbsolutePath());
        }
        return loader.loadWithData(model, backend, sets);
    }

    /**
     * A file given with {@code --data} is read in windows when the data kind can ({@code evaluate} then needs
     * memory for one window, whatever the file's size), else whole with the model's pipeline.
     */
    private ModelService.Evaluation evaluation(ModelLoader.Loaded m) {
        if (m.prepared().data() != null) {
            return ModelService.evaluate(m, split);
        }
        Optional<StreamedSplit> streamed = loader.stream(m, data, ModelService.evaluationWindow(m));
        if (streamed.isPresent()) {
            try (StreamedSplit s = streamed.get()) {
                return ModelService.evaluateInWindows(m, s);
            }
        }
        try (ModelLoader.Loaded whole = loader.loadWithData(model, backend, List.of("data.test=" + data.toAbsolutePath()))) {
            return ModelService.evaluate(whole, split);
        }
    }
}
