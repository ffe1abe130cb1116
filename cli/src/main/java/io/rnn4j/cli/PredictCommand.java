package io.rnn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.RecordException;
import io.rnn4j.data.DataFiles;
import io.rnn4j.runtime.EngineRegistry;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.spi.DistributedEngine;
import io.rnn4j.runtime.spi.PredictionRequest;
import io.rnn4j.runtime.ModelService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
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

/**
 * {@code rnn4j predict MODEL --input FILE.jsonl}: one JSON line out per JSON line in, in input order.
 *
 * <p>Lines are read as a stream in windows of {@code 16 x --batch-size}; inside a window the records are
 * sorted by length and run in batches of {@code --batch-size} (less padding), and the window's outputs are
 * written in input order. While the model runs on one window, the next is read, parsed and encoded on a
 * second thread ({@link ReadAhead}, one window ahead at most), so memory does not grow with the input. A bad
 * line (not JSON, or a record the model's data pipeline refuses) is reported with its line number; with
 * {@code --on-error fail} (the default) nothing is left at {@code --output} (it is written to a temporary
 * file and moved into place on success), with {@code skip} the bad lines are listed on stderr, left out of
 * the output and counted.
 *
 * <p>With {@code --engine spark [--master URL]} (the rnn4j-spark plugin) the cluster's executors read and
 * predict the input; the lines written are the same, in the same order.
 */
@Command(name = "predict", description = "Predict for JSON Lines input ({\"text\": ...} or {\"x\": ...}); "
        + "writes {\"y\": ...} per line (with class probabilities for classifiers), in input order.")
final class PredictCommand implements Callable<Integer> {
    /** Batches per window of lines sorted by length. */
    private static final int WINDOW_BATCHES = 16;

    /** What to do with a line that cannot be predicted. */
    enum OnError {
        /** Stop with an error; no output file is left. */
        fail,
        /** Leave the line out, list it on stderr and count it. */
        skip
    }

    private final ModelLoader loader;
    private final EngineRegistry engines;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model archive written by 'rnn4j train'.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON Lines input.")
    Path input;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of the standard output "
            + "(through a temporary file, moved into place when every line succeeded).")
    Path output;

    @Option(names = "--backend", paramLabel = "ID", description = "Backend id (e.g. onnxruntime).")
    String backend;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
            description = "Records per batch (default: ${DEFAULT-VALUE}); records of similar length are batched "
                    + "together inside windows of 16 batches.")
    int batchSize;

    @Option(names = "--on-error", defaultValue = "fail", paramLabel = "fail|skip",
            description = "A line that cannot be predicted stops the run (fail, the default) or is left out and "
                    + "listed on stderr (skip).")
    OnError onError;

    @Spec
    CommandSpec spec;

    @Option(names = "--engine", paramLabel = "ID", description = "Predict on a cluster engine (spark, from the "
            + "rnn4j-spark plugin jar): the same lines, computed by the cluster's executors.")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: the Spark master, e.g. "
            + "local[4] or spark://host:7077 (default: the spark.master property that spark-submit sets).")
    String master;

    @Inject
    PredictCommand(ModelLoader loader, EngineRegistry engines) {
        this.loader = loader;
        this.engines = engines;
    }

    /** A valid input line, for messages. */
    private static final String EXAMPLE = "{\"text\": \"great coffee\"} or {\"x\": [[0.1, 0.2], [0.3, 0.4]]}";

    /** One record read from the input. */
    private record Line(int number, Map<String, Object> record, Tensor encoded) {
    }

    /** A window of records, the number of input lines read up to its end, and whether it is the last. */
    private record Window(List<Line> lines, int read, boolean last) {
    }

    /**
     * Reads, parses and encodes the input on its own thread, one window ahead of the model: while the model
     * runs on window {@code k}, window {@code k + 1} is read (at most one window waits, so memory does not
     * grow with the input). Lines keep their order: one thread reads them all, and windows are taken in the
     * order they were put. A failure (a bad line with {@code --on-error fail}, an unreadable file) is handed
     * over in the window's place and thrown by {@link #take()} on the model's thread.
     */
    private final class ReadAhead implements Runnable {
        private final java.util.concurrent.BlockingQueue<Object> ready = new java.util.concurrent.ArrayBlockingQueue<>(1);
        private final ModelLoader.Loaded m;
        private final DataFiles.Lines in;
        private final List<String> skipped;
        private final PrintWriter err;

        ReadAhead(ModelLoader.Loaded m, DataFiles.Lines in, List<String> skipped, PrintWriter err) {
            this.m = m;
            this.in = in;
            this.skipped = skipped;
            this.err = err;
        }

        @Override
        public void run() {
            try {
                int number = 0;
                List<Line> window = new ArrayList<>();
                String text;
                // read as every data file is: strict UTF-8 naming the line of a bad byte, a byte-order mark skipped
                while ((text = in.next()) != null) {
                    number++;
                    if (text.isBlank()) {
                        continue;
                    }
                    Line l = parse(m, text, number, skipped, err);
                    if (l != null) {
                        window.add(l);
                    }
                    if (window.size() >= batchSize * WINDOW_BATCHES) {
                        ready.put(new Window(window, number, false));
                        window = new ArrayList<>();
                    }
                }
                ready.put(new Window(window, number, true));
            } catch (InterruptedException e) {
                // the model's side stopped (it failed): nobody takes what is read
            } catch (RuntimeException | Error e) {
                try {
                    ready.put(e); // after the windows before it, which are still predicted and written
                } catch (InterruptedException stopped) {
                    // the model's side stopped first
                }
            }
        }

        /** The next window, in input order; rethrows a failure of the reading. */
        Window take() throws InterruptedException {
            Object o = ready.take();
            if (o instanceof RuntimeException e) {
                throw e;
            }
            if (o instanceof Error e) {
                throw e;
            }
            return (Window) o;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be >= 1, was " + batchSize);
        }
        if (master != null && engine == null) {
            throw new ParameterException(spec.commandLine(), "--master " + master + " names a cluster master, but no "
                    + "--engine was given; add --engine spark, or drop --master to predict in this JVM");
        }
        Outputs.refuseOverwritingInput(output, "--output", input, "--input", "the lines the predictions are made from");
        if (engine != null) {
            return onEngine();
        }
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper json = new ObjectMapper(); // writes the outputs; the input is parsed by DataFiles
        Path temp = null;
        int predicted = 0;
        List<String> skipped = new ArrayList<>();
        int lines;
        long begun = System.nanoTime();
        long loaded;
        long done;
        long cpuLoaded;
        long cpuDone;
        try (ModelLoader.Loaded m = loader.load(model, backend);
                DataFiles.Lines in = DataFiles.lines(input, "--input")) {
            loaded = System.nanoTime();
            cpuLoaded = processCpu();
            ReadAhead ahead = new ReadAhead(m, in, skipped, err);
            Thread reader = new Thread(ahead, "rnn4j-predict-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                Writer sink;
                if (output != null) {
                    temp = temporaryOutput();
                    sink = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                } else {
                    sink = spec.commandLine().getOut();
                }
                try (Writer close = output != null ? sink : null) {
                    Window w;
                    do {
                        w = ahead.take();
                        predicted += flush(m, w.lines(), sink, json);
                    } while (!w.last());
                    lines = w.read();
                    sink.flush();
                }
            } finally {
                reader.interrupt(); // a no-op when it has read everything; else it stops at its next wait
                reader.join();
            }
            done = System.nanoTime();
            cpuDone = processCpu();
            if (output != null) {
                move(temp, output);
                temp = null;
            }
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
        if (predicted == 0 && skipped.isEmpty()) {
            err.println("note: " + input + " holds no JSON records (" + (lines == 0 ? "it is empty" : lines
                    + " blank lines") + "); nothing was predicted. Give one JSON object per line.");
        } else if (!skipped.isEmpty() || output != null) {
            err.println("predicted " + predicted + (predicted == 1 ? " line" : " lines")
                    + (skipped.isEmpty() ? "" : ", skipped " + skipped.size() + " (lines " + String.join(", ", skipped)
                    + ")") + (output != null ? "; wrote " + output : ""));
            err.println(timing(predicted, begun, loaded, done, cpuLoaded < 0 ? -1 : cpuDone - cpuLoaded));
        }
        err.flush();
        return 0;
    }

    /**
     * {@code --engine}: the engine's executors read and predict the input; its lines come back in input order
     * and are written like a local run's (to --output through a temporary file, or to the standard output).
     */
    private Integer onEngine() throws IOException {
        if (onError == OnError.skip) {
            throw new ParameterException(spec.commandLine(), "--on-error skip is not supported with --engine " + engine
                    + " (a bad line fails the run, naming its line); fix or remove the bad lines, or predict without "
                    + "--engine");
        }
        if (!Files.isRegularFile(model)) {
            throw new Rnn4jException("RNN4J-RUN-016", "no model archive at " + model + "; give the model.rnn4j that "
                    + "'rnn4j train' wrote");
        }
        if (!Files.isRegularFile(input)) {
            throw new Rnn4jException("RNN4J-RUN-016", "--input " + input + " is not a file; give a JSON Lines file");
        }
        DistributedEngine e = engines.choose(engine, "--engine");
        PrintWriter err = spec.commandLine().getErr();
        PredictionRequest request = new PredictionRequest(model.toAbsolutePath(), input.toAbsolutePath(), backend,
                master, batchSize);
        long predicted;
        Path temp = output != null ? temporaryOutput() : null;
        try {
            try (Writer sink = temp != null ? Files.newBufferedWriter(temp, StandardCharsets.UTF_8) : null) {
                Writer to = sink != null ? sink : spec.commandLine().getOut();
                predicted = e.predict(request, line -> {
                    try {
                        to.write(line);
                        to.write('\n');
                    } catch (IOException x) {
                        throw new java.io.UncheckedIOException(x);
                    }
                });
                to.flush();
            }
            if (temp != null) {
                move(temp, output);
                temp = null;
            }
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
        err.println("predicted " + predicted + (predicted == 1 ? " line" : " lines") + " on " + engine
                + (output != null ? "; wrote " + output : ""));
        err.flush();
        return 0;
    }

    /**
     * How long the lines took once the model was loaded (the rate predict runs at on a long input), how long
     * loading took, and the whole run from the start of the JVM (what one short call costs).
     */
    static String timing(int predicted, long begun, long loaded, long done, long cpuNanos) {
        double steady = (done - loaded) / 1e9;
        double load = (loaded - begun) / 1e9;
        double whole = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
        return String.format(Locale.ROOT, "timing: %d lines in %.3f s after loading the model (%,.0f lines/s%s); "
                + "loading %.3f s; %.3f s from the start of the JVM (%,.0f lines/s end to end)", predicted, steady,
                predicted / Math.max(steady, 1e-9), cpuNanos < 0 ? "" : String.format(Locale.ROOT, ", %.3f s of CPU",
                cpuNanos / 1e9), load, whole, predicted / Math.max(whole, 1e-9));
    }

    /** The CPU time of this process so far (all threads, in nanoseconds), or -1 where the JVM does not tell. */
    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The record on a line, encoded; {@code null} for a line skipped with {@code --on-error skip}. */
    @SuppressWarnings("unchecked")
    private Line parse(ModelLoader.Loaded m, String text, int number, List<String> skipped, PrintWriter err) {
        Rnn4jException problem;
        try {
            Object value = DataFiles.jsonValue(input, number, text, EXAMPLE);
            if (!(value instanceof Map<?, ?> map)) {
                throw new RecordException("RNN4J-RUN-014", "expected a JSON object, found " + (value instanceof List<?>
                        ? "a list" : "the value " + text.strip()) + ". Each line is one object such as " + EXAMPLE + ".");
            }
            Map<String, Object> record = (Map<String, Object>) map;
            return new Line(number, record, m.prepared().pipeline().encode(record));
        } catch (RecordException e) {
            problem = new Rnn4jException(e.id(), input + ":" + number + ": " + e.detail());
        } catch (Rnn4jException e) {
            problem = e; // bad JSON, located by the data module's reader
        }
        if (onError == OnError.fail) {
            throw problem;
        }
        err.println("skipped " + problem.getMessage());
        skipped.add(Integer.toString(number));
        return null;
    }

    /** Predicts a window of lines in batches of similar length and writes the outputs in input order. */
    private int flush(ModelLoader.Loaded m, List<Line> window, Writer sink, ObjectMapper json) throws IOException {
        if (window.isEmpty()) {
            return 0;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < window.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> window.get(i).encoded().dim(0)));
        String[] out = new String[window.size()];
        for (int from = 0; from < order.size(); from += batchSize) {
            List<Integer> idx = order.subList(from, Math.min(order.size(), from + batchSize));
            List<Map<String, Object>> records = new ArrayList<>(idx.size());
            List<Tensor> inputs = new ArrayList<>(idx.size());
            for (int i : idx) {
                records.add(window.get(i).record());
                inputs.add(window.get(i).encoded());
            }
            List<Map<String, Object>> results = ModelService.predictEncoded(m, records, inputs);
            for (int j = 0; j < idx.size(); j++) {
                out[idx.get(j)] = json.writeValueAsString(results.get(j));
            }
        }
        for (String s : out) {
            sink.write(s);
            sink.write('\n');
        }
        sink.flush();
        int n = window.size();
        window.clear();
        return n;
    }

    private Path temporaryOutput() {
        Path dir = output.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            return io.rnn4j.core.io.TempFiles.sibling(output); // the umask's mode, not createTempFile's 0600
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-RUN-016", "cannot write " + output + " (" + e + "); choose another --output");
        }
    }

    private void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-RUN-016", "cannot write " + output + " (" + e + "); choose another --output");
        }
    }
}
