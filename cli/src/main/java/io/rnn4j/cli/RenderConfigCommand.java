package io.rnn4j.cli;

import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.dsl.SpecWriter;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j render-config EXPERIMENT [--set PATH=VALUE ...]}: the file with every default filled in. */
@Command(name = "render-config", description = "Print the experiment with every default filled in and the --set "
        + "overrides applied.")
final class RenderConfigCommand implements Callable<Integer> {
    private final ExperimentLoader loader;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment YAML file.")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override an option, as train does, e.g. --set training.epochs=2.")
    List<String> sets = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Inject
    RenderConfigCommand(ExperimentLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(SpecWriter.toYaml(loader.load(file, sets).spec()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
