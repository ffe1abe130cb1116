package io.rnn4j.cli;

import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.ModelService;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j generate MODEL --prompt TEXT}: text from a language model. */
@Command(name = "generate", description = "Generate text from a language model (greedy, temperature or top-k sampling).")
final class GenerateCommand implements Callable<Integer> {
    private final ModelLoader loader;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model archive written by 'rnn4j train'.")
    Path model;

    @Option(names = "--prompt", defaultValue = "It is", description = "Text to continue (default: ${DEFAULT-VALUE}).")
    String prompt;

    @Option(names = "--length", defaultValue = "200", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature; 0 is greedy (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample among the k most likely tokens; 0 for all.")
    int topK;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sampling.")
    long seed;

    @Spec
    CommandSpec spec;

    @Inject
    GenerateCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() {
        try (ModelLoader.Loaded m = loader.load(model, null, List.of())) {
            spec.commandLine().getOut().println(ModelService.generate(m, prompt, length, temperature, topK, seed));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
