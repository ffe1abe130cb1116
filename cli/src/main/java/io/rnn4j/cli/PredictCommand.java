package io.rnn4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.data.DataFiles;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.ModelService;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j predict MODEL --input FILE.jsonl}: one JSON line out per JSON line in. */
@Command(name = "predict", description = "Predict for JSON Lines input ({\"text\": ...} or {\"x\": ...}); "
        + "writes {\"y\": ...} per line (with class probabilities for classifiers).")
final class PredictCommand implements Callable<Integer> {
    private final ModelLoader loader;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model archive written by 'rnn4j train'.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON Lines input.")
    Path input;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of the standard output.")
    Path output;

    @Option(names = "--backend", paramLabel = "ID", description = "Backend id (e.g. onnxruntime).")
    String backend;

    @Spec
    CommandSpec spec;

    @Inject
    PredictCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // read as the training data is read: UTF-8 with located errors, a byte-order mark skipped, strict JSON
        List<DataFiles.JsonLine> lines = DataFiles.jsonLines(input, "--input",
                "{\"text\": \"...\"} or {\"x\": [[...], ...]}");
        StringBuilder sb = new StringBuilder();
        try (ModelLoader.Loaded m = loader.load(model, backend, List.of())) {
            for (DataFiles.JsonLine l : lines) {
                sb.append(json.writeValueAsString(ModelService.predict(m, l.object(), l.line()))).append('\n');
            }
        }
        if (output != null) {
            try {
                if (output.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(output.toAbsolutePath().getParent());
                }
                Files.writeString(output, sb.toString(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new Rnn4jException("RNN4J-RUN-016", "cannot write " + output + " (" + e + "); choose another --output");
            }
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(sb);
            out.flush();
        }
        return 0;
    }
}
