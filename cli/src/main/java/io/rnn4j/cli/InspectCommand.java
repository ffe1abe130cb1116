package io.rnn4j.cli;

import io.rnn4j.dsl.ExperimentLoader;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j inspect EXPERIMENT}: a Keras-like summary of the model. */
@Command(name = "inspect", description = "Summarise a model: layers, output shapes, parameter counts.")
final class InspectCommand implements Callable<Integer> {
    private final ExperimentLoader loader;

    @Parameters(index = "0", paramLabel = "EXPERIMENT|MODEL", description = "An experiment YAML file or a trained model archive.")
    Path file;

    @Spec
    CommandSpec spec;

    @Inject
    InspectCommand(ExperimentLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() {
        ExperimentLoader.Loaded l = loader.load(file);
        spec.commandLine().getOut().println("experiment '" + l.spec().name() + "' (" + file + ")");
        spec.commandLine().getOut().print(l.graph().summary());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
