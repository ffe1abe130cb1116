package io.rnn4j.cli;

import io.rnn4j.runtime.OnnxImports;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j import MODEL.onnx --out MODEL.rnn4j [--experiment EXP.yaml]}: an ONNX model as rnn4j layers. */
@Command(name = "import", description = "Import a recurrent ONNX model (torch.onnx.export of nn.Embedding, nn.RNN/LSTM/GRU "
        + "and nn.Linear, or an rnn4j export) as an rnn4j model archive; the import is checked against the ONNX file in "
        + "ONNX Runtime.")
final class ImportCommand implements Callable<Integer> {
    private final OnnxImports imports;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file.")
    Path onnx;

    @Option(names = "--out", required = true, paramLabel = "MODEL.rnn4j", description = "The model archive to write.")
    Path out;

    @Option(names = "--experiment", paramLabel = "EXP.yaml", description = "An experiment that supplies the data (and "
            + "training) for the imported model; its model section is replaced by the imported one.")
    Path experiment;

    @Spec
    CommandSpec spec;

    @Inject
    ImportCommand(OnnxImports imports) {
        this.imports = imports;
    }

    @Override
    public Integer call() {
        Outputs.refuseOverwritingInput(out, "--out", onnx, "MODEL.onnx", "the ONNX model being imported");
        Outputs.refuseOverwritingInput(out, "--out", experiment, "--experiment", "the experiment file");
        OnnxImports.Result r = imports.importOnnx(onnx, out, experiment);
        PrintWriter w = spec.commandLine().getOut();
        w.print(r.summary());
        w.println(String.format(Locale.ROOT, "wrote %s (checked against %s in ONNX Runtime: max |diff| %.3g)", out, onnx,
                r.maxAbsDiff()));
        if (r.output() != io.rnn4j.onnx.ImportedModel.Output.LINEAR) {
            w.println("note: the ONNX graph ends with " + r.output().name().toLowerCase(Locale.ROOT) + "; rnn4j's head "
                    + "outputs the logits before it (predict gives the probabilities)");
        }
        if (r.inputLayout() == io.rnn4j.onnx.ImportedModel.Layout.TIME_MAJOR) {
            w.println("note: the ONNX graph takes [time, batch, ...] (batch_first=False); rnn4j's input is [batch, time, "
                    + "...]: feed it batch-major");
        }
        if (r.lengthsInput() != null) {
            w.println("note: the ONNX graph takes the sequence lengths as its input '" + r.lengthsInput() + "' "
                    + "(sequence_lens, e.g. PyTorch's pack_padded_sequence); rnn4j reads each sequence's own length "
                    + "from the data, as its mask");
        }
        w.println(r.withData() ? "the archive records " + experiment + ": inspect, evaluate, predict and export work on it"
                : "no --experiment: the archive holds the layers and weights; fine-tune with this model section in an "
                        + "experiment that has your data:");
        w.print(r.modelYaml());
        w.flush();
        return 0;
    }
}
