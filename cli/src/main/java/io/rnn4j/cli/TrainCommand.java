package io.rnn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnn4j.core.data.Artifact;
import io.rnn4j.core.data.Plot;
import io.rnn4j.core.train.EpochResult;
import io.rnn4j.runtime.ExperimentRunner;
import io.rnn4j.runtime.OutputFolder;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j train EXPERIMENT}: train, evaluate, and write the model archive, metrics, plots and report. */
@Command(name = "train", description = "Train an experiment; write model.rnn4j, metrics.csv, resolved.yaml, "
        + "report.json and PNG plots to the output directory.")
final class TrainCommand implements Callable<Integer> {
    private final ExperimentRunner runner;
    private final io.rnn4j.dsl.ExperimentLoader loader;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment YAML file.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: out/<the experiment's name:>).")
    Path out;

    @Option(names = "--backend", paramLabel = "ID", description = "Backend id; overrides the file's 'backend:'.")
    String backend;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override an option, e.g. --set training.epochs=2.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--resume", description = "Continue from the checkpoint in the output directory (written after every epoch).")
    boolean resume;

    @Option(names = "--overwrite", description = "Replace the run already in the output directory (its files are "
            + "removed first); without it, or --resume, a directory that holds a run is refused.")
    boolean overwrite;

    @Option(names = "--threads", description = "Threads the backend may use, at least 1 (default: all processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Spec
    CommandSpec spec;

    @Inject
    TrainCommand(ExperimentRunner runner, io.rnn4j.dsl.ExperimentLoader loader) {
        this.runner = runner;
        this.loader = loader;
    }

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, was " + threads
                    + "; leave it out to use all " + Runtime.getRuntime().availableProcessors() + " processors");
        }
        if (resume && overwrite) {
            throw new ParameterException(spec.commandLine(), "--resume (continue the run in the output directory) and "
                    + "--overwrite (replace it) cannot be combined; choose one");
        }
        if (io.rnn4j.runtime.ArchiveExperiments.isArchive(file)) {
            throw new io.rnn4j.core.Rnn4jException("RNN4J-RUN-024", file + " is a model archive, not an experiment. To "
                    + "continue training from it, render its experiment (model.init_from set to it) and train that: "
                    + "rnn4j render-config " + file + " > fine-tune.yaml (add --set data='{type: ..., train: ...}' if it "
                    + "was imported without data), edit it, then rnn4j train fine-tune.yaml.");
        }
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = out != null ? out : Path.of("out", loader.load(file, sets).spec().name());
        ProgressListener progress = new ProgressListener(o, System.console() != null);
        OutputFolder.ExistingRun existing = resume ? OutputFolder.ExistingRun.RESUME
                : overwrite ? OutputFolder.ExistingRun.OVERWRITE : OutputFolder.ExistingRun.REFUSE;
        return runner.train(file, new ExperimentRunner.TrainOptions(dir, backend, sets, threads, List.of(progress), existing,
                notice -> {
                    err.println("note: " + notice);
                    err.flush();
                }), r -> {
                    try {
                        return finish(o, dir, r);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    private Integer finish(PrintWriter o, Path dir, ExperimentRunner.TrainOutcome r) throws java.io.IOException {
        o.printf(Locale.ROOT, "backend %s; %,d parameters%n", r.backend().id(), r.network().parameters().count());
        // a forecaster's loss and metrics are on normalized values: named so, next to its figures in original units
        boolean normalized = r.report() != null && r.report().normalizedMetrics();
        Map<String, Double> test = new LinkedHashMap<>();
        r.test().forEach((k, v) -> test.put(normalized ? k + "_normalized" : k, v));
        if (!test.isEmpty()) {
            StringBuilder sb = new StringBuilder("test:");
            test.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
            o.println(sb);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("experiment", r.prepared().spec().name());
        report.put("backend", r.backend().id());
        report.put("parameters", r.network().parameters().count());
        report.put("epochs_trained", r.result().history().size());
        report.put("best_epoch", r.result().bestEpoch());
        report.put("stopped", r.result().reason());
        report.put("test", test);
        Map<String, Object> figures = Figures.of(r.report());
        if (r.onnx() != null) {
            figures.put("onnx", r.onnx().toString());
            figures.put("onnx_parity_max_abs_diff", r.onnxParity());
        }
        report.put("figures", figures);
        figures.forEach((k, v) -> o.println(k + ": " + Figures.format(v)));
        List<String> artifacts = writeArtifacts(dir, r, o);
        if (!artifacts.isEmpty()) {
            report.put("artifacts", artifacts);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(), report);
        plot(dir, r);
        o.println("wrote " + r.archive() + ", " + dir.resolve("metrics.csv") + ", " + dir.resolve("report.json")
                + " and plots in " + dir);
        o.flush();
        return 0;
    }

    /**
     * Writes the files the task report asks for ({@link Artifact}) into the output folder; a name that would
     * replace one of the run's own files is the data kind's bug and is refused rather than written.
     */
    private static List<String> writeArtifacts(Path dir, ExperimentRunner.TrainOutcome r, PrintWriter o)
            throws java.io.IOException {
        List<String> written = new ArrayList<>();
        if (r.report() == null) {
            return written;
        }
        for (Artifact a : r.report().artifacts()) {
            boolean taken = OutputFolder.isRunFile(a.file()) || a.file().equals(OutputFolder.LOCK)
                    || (r.onnx() != null && r.onnx().getFileName().toString().equals(a.file())) || written.contains(a.file());
            if (taken) {
                throw new IllegalStateException("the task report " + r.report().getClass().getName()
                        + " asks to write " + a.file() + ", which is already one of this run's files in " + dir
                        + "; the data kind must name its artifacts apart from model.rnn4j, metrics.csv, report.json and "
                        + "the other run files");
            }
            java.nio.file.Files.write(dir.resolve(a.file()), a.content());
            written.add(a.file());
            o.printf(Locale.ROOT, "wrote %s (%s, %,d bytes)%n", dir.resolve(a.file()), a.description(), a.size());
        }
        return written;
    }

    private static void plot(Path dir, ExperimentRunner.TrainOutcome r) throws java.io.IOException {
        List<EpochResult> h = r.result().history();
        List<Integer> epochs = new ArrayList<>();
        Map<String, List<Double>> columns = new LinkedHashMap<>();
        columns.put("loss", new ArrayList<>());
        for (EpochResult e : h) {
            epochs.add(e.epoch());
            columns.get("loss").add(e.trainLoss());
            e.metrics().forEach((k, v) -> columns.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        Plots.history(dir, epochs, columns);
        if (r.report() == null) {
            return;
        }
        for (Plot plot : r.report().plots()) {
            if (!plot.panels().isEmpty()) {
                Plots.panels(dir.resolve(plot.file()), plot.title(), plot.panels());
                continue;
            }
            int n = plot.series().values().stream().mapToInt(a -> a.length).max().orElse(0);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i;
            }
            Plots.lines(dir.resolve(plot.file()), plot.title(), "window step", "value", x, plot.series());
        }
    }
}
