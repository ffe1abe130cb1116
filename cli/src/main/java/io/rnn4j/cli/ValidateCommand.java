package io.rnn4j.cli;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.dsl.ExperimentLoader;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j validate EXPERIMENT [--set PATH=VALUE ...]}: every problem of the file (with the
 * overrides applied), with its location, and every data file it names that does not exist; or OK.
 */
@Command(name = "validate", description = "Check an experiment file (with --set overrides applied) and that its data "
        + "files exist; report every problem with its line and column.")
final class ValidateCommand implements Callable<Integer> {
    private final ExperimentLoader loader;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment YAML file.")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override an option, as train does, e.g. --set training.epochs=2.")
    List<String> sets = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Inject
    ValidateCommand(ExperimentLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() {
        ExperimentLoader.Loaded l = loader.load(file, sets);
        List<String> missing = new ArrayList<>();
        Path base = file.toAbsolutePath().getParent();
        io.rnn4j.core.spec.DataSpec data = l.spec().data();
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        files.put("train", base.resolve(data.train()).normalize());
        if (data.validation() != null && data.validation().file() != null) {
            files.put("validation", base.resolve(data.validation().file()).normalize());
        }
        if (data.test() != null && data.test().file() != null) {
            files.put("test", base.resolve(data.test().file()).normalize());
        }
        for (Map.Entry<String, Path> e : files.entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                missing.add("data." + e.getKey() + ": " + e.getValue() + " ("
                        + (Files.isDirectory(e.getValue()) ? "a directory" : "no such file") + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new Rnn4jException("RNN4J-DATA-001", file + " is valid, but " + (missing.size() == 1
                    ? "a data file it names does not exist: " : missing.size() + " data files it names do not exist: ")
                    + String.join("; ", missing) + ". Check the paths; a relative path is resolved against the "
                    + "experiment file's folder.");
        }
        spec.commandLine().getOut().println("OK: " + file + " is a valid experiment ('" + l.spec().name() + "', "
                + l.graph().nodes().size() + " layers ending in " + l.spec().model().head().kind() + ")");
        return 0;
    }
}
