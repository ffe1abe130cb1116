package io.rnn4j.cli;

import io.rnn4j.dsl.ExperimentLoader;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j validate EXPERIMENT}: every problem of the file, with its location, or OK. */
@Command(name = "validate", description = "Check an experiment file; report every problem with its line and column.")
final class ValidateCommand implements Callable<Integer> {
    private final ExperimentLoader loader;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment YAML file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Inject
    ValidateCommand(ExperimentLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() {
        ExperimentLoader.Loaded l = loader.load(file);
        spec.commandLine().getOut().println("OK: " + file + " is a valid experiment ('" + l.spec().name() + "', "
                + l.graph().nodes().size() + " layers ending in " + l.spec().model().head().kind() + ")");
        return 0;
    }
}
