package io.rnn4j.cli;

import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.dsl.SpecWriter;
import io.rnn4j.runtime.ArchiveExperiments;
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

/**
 * {@code rnn4j render-config EXPERIMENT [--set PATH=VALUE ...]}: the file with every default filled in; for a model
 * archive ({@code model.rnn4j}, trained or imported), its experiment with {@code model.init_from} the archive, to
 * continue training from it ({@link ArchiveExperiments}).
 */
@Command(name = "render-config", description = "Print the experiment with every default filled in and the --set "
        + "overrides applied. Given a model archive (trained, or written by 'rnn4j import'), print its experiment with "
        + "model.init_from set to it: save it, edit it, and 'rnn4j train' it to continue from the model's weights "
        + "(an archive imported without data takes its data section from --set data='{type: ..., train: ...}').")
final class RenderConfigCommand implements Callable<Integer> {
    private final ExperimentLoader loader;
    private final ArchiveExperiments archives;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment YAML file, or a model archive.")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override an option, as train does, e.g. --set training.epochs=2.")
    List<String> sets = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Inject
    RenderConfigCommand(ExperimentLoader loader, ArchiveExperiments archives) {
        this.loader = loader;
        this.archives = archives;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ArchiveExperiments.isArchive(file) ? archives.render(file, sets).yaml()
                : SpecWriter.toYaml(loader.load(file, sets).spec()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
