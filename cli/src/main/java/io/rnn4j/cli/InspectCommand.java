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
    private final io.rnn4j.runtime.ModelLoader models;

    @Parameters(index = "0", paramLabel = "EXPERIMENT|MODEL", description = "An experiment YAML file or a trained model archive.")
    Path file;

    @Spec
    CommandSpec spec;

    @Inject
    InspectCommand(ExperimentLoader loader, io.rnn4j.runtime.ModelLoader models) {
        this.loader = loader;
        this.models = models;
    }

    @Override
    public Integer call() {
        if (!file.toString().endsWith(".yaml") && !file.toString().endsWith(".yml")) {
            try (io.rnn4j.runtime.ModelLoader.Loaded m = models.load(file, "cpu")) {
                var out = spec.commandLine().getOut();
                var man = m.archive().manifest();
                out.println("model '" + m.prepared().spec().name() + "' (" + file + "), rnn4j " + man.rnn4jVersion()
                        + ", written " + man.created() + " on " + man.jvm());
                out.print(m.prepared().graph().summary());
                out.println("data: " + m.archive().dataNames());
                m.archive().provenance().dataFiles().forEach(d -> out.println("trained on " + d.path() + " (sha256 "
                        + d.sha256().substring(0, 12) + "...)"));
                out.flush();
                return 0;
            }
        }
        ExperimentLoader.Loaded l = loader.load(file);
        spec.commandLine().getOut().println("experiment '" + l.spec().name() + "' (" + file + ")");
        spec.commandLine().getOut().print(l.graph().summary());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
