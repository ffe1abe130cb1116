package io.rnn4j.cli;

import io.rnn4j.runtime.Exports;
import io.rnn4j.runtime.ModelLoader;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j export MODEL --onnx FILE}: ONNX with native RNN/LSTM/GRU operators, checked in ONNX Runtime. */
@Command(name = "export", description = "Export a trained model to ONNX; the file is run in ONNX Runtime and compared "
        + "with the reference backend before it is accepted.")
final class ExportCommand implements Callable<Integer> {
    private final ModelLoader loader;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model archive written by 'rnn4j train'.")
    Path model;

    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The ONNX file to write.")
    Path onnx;

    @Spec
    CommandSpec spec;

    @Inject
    ExportCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() {
        Outputs.refuseOverwritingInput(onnx, "--onnx", model, "MODEL", "the trained model archive");
        try (ModelLoader.Loaded m = loader.load(model, "cpu")) {
            double diff = Exports.onnx(m.prepared(), m.network(), onnx, true);
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "wrote %s (checked in ONNX Runtime: max |diff| %.3g against the reference backend)", onnx, diff));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
