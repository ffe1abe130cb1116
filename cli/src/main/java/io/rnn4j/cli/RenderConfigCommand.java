package io.rnn4j.cli;

import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.dsl.SpecWriter;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j render-config EXPERIMENT}: the file with every default filled in. */
@Command(name = "render-config", description = "Print the experiment with every default filled in.")
final class RenderConfigCommand implements Callable<Integer> {
    private final ExperimentLoader loader;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment YAML file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Inject
    RenderConfigCommand(ExperimentLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(SpecWriter.toYaml(loader.load(file).spec()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
