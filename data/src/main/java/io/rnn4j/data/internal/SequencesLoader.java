package io.rnn4j.data.internal;

import io.rnn4j.data.DataErrors;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.SequencesSpec;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.TargetType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads {@code type: sequences} (JSON Lines). */
public final class SequencesLoader {
    private SequencesLoader() {
    }

    /**
     * {@code file} read as the test split with a trained model's {@code schema}, in windows of lines so that
     * memory holds one window; no other file is read. Every line is checked as when loading, and its input
     * against the model's (features per step, token ids in its vocabulary).
     */
    public static final class TestWindows implements java.io.Closeable {
        private final Path file;
        private final TargetType requested;
        private final DataSchema schema;
        private final DataLines lines;
        private final SequenceInputs inputs;
        private SequenceTargets targets;
        private int read;

        private TestWindows(SequencesSpec spec, Path file, DataSchema schema) {
            this.file = file;
            this.requested = spec.target();
            this.schema = schema;
            this.inputs = new SequenceInputs(schema.inputKind() == InputKind.TOKENS ? schema.inputSize() : 0);
            this.lines = DataLines.open(file, "test");
        }

        /** The next (up to) {@code max} examples, or {@code null} after the last. */
        public List<Example> next(int max) {
            List<Example> out = new ArrayList<>();
            String text;
            while (out.size() < max && (text = lines.next()) != null) {
                if (text.isBlank()) {
                    continue;
                }
                JsonLines.Line l = new JsonLines.Line(file, lines.number(), JsonLines.parse(file, lines.number(), text,
                        SequenceInputs.EXAMPLE));
                Input in = inputs.read(l);
                if (in.kind() != schema.inputKind() || (in.kind() != InputKind.TOKENS && in.width() != schema.inputSize())) {
                    boolean tokens = schema.inputKind() == InputKind.TOKENS;
                    throw Problem.of(DataErrors.WRONG_TYPE, "input the model does not take").file(file).line(l.line())
                            .field(in.kind() == InputKind.TOKENS ? "tokens" : "x")
                            .found(in.kind() == InputKind.TOKENS ? "token ids (\"tokens\")"
                                    : in.width() + (in.width() == 1 ? " feature" : " features") + " per step")
                            .expected(tokens ? "token ids (\"tokens\"), as the model was trained on"
                                    : schema.inputSize() + " features per step (\"x\"), as the model was trained on")
                            .fix("give the model inputs of the shape it was trained on.").error();
                }
                if (targets == null) {
                    targets = SequenceTargets.fitted(requested, schema, l);
                }
                out.add(new Example(in, targets.read(l, in.steps()), l.line()));
            }
            if (out.isEmpty()) {
                if (read == 0) {
                    throw Problem.of(DataErrors.EMPTY, "empty file").file(file).found("no JSON lines")
                            .expected("one JSON object per line, such as " + SequenceInputs.EXAMPLE)
                            .fix("check that `test` names the right file.").error();
                }
                return null;
            }
            read += out.size();
            return out;
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    /** Opens {@code file} to be read as a test split in windows, with a trained model's schema. */
    public static TestWindows testWindows(SequencesSpec spec, Path file, DataSchema schema) {
        return new TestWindows(spec, file, schema);
    }

    /** Loads, validates and splits. */
    public static Dataset load(SequencesSpec spec) {
        return loadWithLines(spec).data();
    }

    /**
     * A loaded file and its training split as lines for executors.
     *
     * @param data  the examples
     * @param lines the training split as lines of the training file
     */
    public record Loaded(Dataset data, SequenceLines lines) {
    }

    /**
     * The training file streamed for a cluster whose executors read the training split themselves: every line is
     * read and checked as {@link #loadWithLines} checks it, the input type, the target reading (labels) and the
     * splits are fitted the same way, but no example of the training split is kept; only its lines' indices and
     * input lengths ({@link SequenceLines}, 12 bytes an example) and the class counts of its targets.
     *
     * @param heldOut  the validation and test examples (kept: the driver evaluates them) and the schema; the
     *                 training split of this data set is empty
     * @param lines    the training split as lines of the training file
     * @param majority the most frequent class of the training split (-1 for other targets)
     * @param majorityShare the share of that class in the training split (NaN for other targets)
     */
    public record Streamed(Dataset heldOut, SequenceLines lines, int majority, double majorityShare) {
    }

    /**
     * Streams the training file (up to four times: inputs, target type, labels, targets and held-out lines) instead
     * of holding it: memory holds the validation and test examples and a few numbers per training example. The
     * splits, labels, schema and the training lines are those of {@link #loadWithLines}; only when a file has
     * several errors may another one be reported first.
     */
    public static Streamed streamTrainingLines(SequencesSpec spec) {
        Path trainPath = spec.splits().train();
        Path valPath = Parts.file(spec.splits().validation());
        Path testPath = Parts.file(spec.splits().test());
        SequenceInputs inputs = new SequenceInputs(spec.vocabSize());
        // pass 1: every line's JSON and input (their kind and width agree, token ids in range); lines and lengths
        long[] lineAt = new long[1024];
        int[] lengths = new int[1024];
        int n = 0;
        JsonLines.Line first = null;
        try (DataLines lines = DataLines.open(trainPath, "train")) {
            String text;
            while ((text = lines.next()) != null) {
                if (text.isBlank()) {
                    continue;
                }
                JsonLines.Line l = new JsonLines.Line(trainPath, lines.number(), JsonLines.parse(trainPath, lines.number(),
                        text, SequenceInputs.EXAMPLE));
                if (first == null) {
                    first = l;
                }
                if (n == lineAt.length) {
                    lineAt = java.util.Arrays.copyOf(lineAt, n * 2);
                    lengths = java.util.Arrays.copyOf(lengths, n * 2);
                }
                lineAt[n] = l.line() - 1L;
                lengths[n] = inputs.read(l).steps();
                n++;
            }
        }
        if (first == null) {
            throw Problem.of(DataErrors.EMPTY, "empty file").file(trainPath).found("no JSON lines")
                    .expected("one JSON object per line, such as " + SequenceInputs.EXAMPLE)
                    .fix("check that `train` names the right file.").error();
        }
        List<JsonLines.Line> valFile = valPath == null ? List.of() : JsonLines.read(valPath, "validation", SequenceInputs.EXAMPLE);
        List<JsonLines.Line> testFile = testPath == null ? List.of() : JsonLines.read(testPath, "test", SequenceInputs.EXAMPLE);
        List<Input> valInputs = new ArrayList<>();
        for (JsonLines.Line l : valFile) {
            valInputs.add(inputs.read(l));
        }
        List<Input> testInputs = new ArrayList<>();
        for (JsonLines.Line l : testFile) {
            testInputs.add(inputs.read(l));
        }
        // the splits of the training file's lines, as Parts.shuffled cuts the examples
        int[][] parts = Parts.shuffledIndices(n, spec.splits(), "line");
        byte[] where = new byte[n]; // 0 train, 1 validation, 2 test
        for (int v : parts[1]) {
            where[v] = 1;
        }
        for (int t : parts[2]) {
            where[t] = 2;
        }
        // the target reading and the pass over every target read the training file again; a reading stopped by an
        // error (a bad target, here or inside SequenceTargets) leaves its file open, so every one opened is closed here
        List<DataLines> opened = new ArrayList<>();
        List<Example> val = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        int trainCount = 0;
        SequenceTargets targets;
        try {
            // the target reading, fitted on the training file as loadWithLines fits it (streamed again where it looks)
            Iterable<JsonLines.Line> trainFile = () -> stream(trainPath, opened);
            List<JsonLines.Line> others = new ArrayList<>(valFile);
            others.addAll(testFile);
            Iterable<JsonLines.Line> all = () -> concat(stream(trainPath, opened), others.iterator());
            targets = SequenceTargets.resolve(spec.target(), spec.classes(), first, trainFile, all);
            // pass: every target (checked as loading checks it), the training split's class counts, the held-out examples
            int i = 0;
            for (java.util.Iterator<JsonLines.Line> it = stream(trainPath, opened); it.hasNext(); i++) {
                JsonLines.Line l = it.next();
                io.rnn4j.data.Target y = targets.read(l, lengths[i]);
                if (where[i] == 0) {
                    trainCount++;
                    if (y instanceof io.rnn4j.data.Target.ClassIndex c) {
                        counts.merge(c.index(), 1, Integer::sum);
                    }
                } else {
                    (where[i] == 1 ? val : test).add(new Example(inputs.read(l), y, l.line()));
                }
            }
            for (int k = 0; k < valFile.size(); k++) {
                val.add(new Example(valInputs.get(k), targets.read(valFile.get(k), valInputs.get(k).steps()),
                        valFile.get(k).line()));
            }
            for (int k = 0; k < testFile.size(); k++) {
                test.add(new Example(testInputs.get(k), targets.read(testFile.get(k), testInputs.get(k).steps()),
                        testFile.get(k).line()));
            }
        } finally {
            opened.forEach(DataLines::close);
        }
        long[] trainLines = new long[trainCount];
        int[] trainLengths = new int[trainCount];
        for (int k = 0, j = 0; k < n; k++) {
            if (where[k] == 0) {
                trainLines[j] = lineAt[k];
                trainLengths[j++] = lengths[k];
            }
        }
        DataSchema schema = schema(spec, inputs, targets);
        int majority = -1;
        double share = Double.NaN;
        if (targets.kind() == TargetKind.CLASS) {
            majority = Tallies.mostFrequent(counts, -1);
            share = majority < 0 ? Double.NaN : (double) counts.get(majority) / trainCount;
        }
        return new Streamed(Dataset.of(spec.type(), List.of(), val, test, schema),
                new SequenceLines(trainPath, trainLines, trainLengths, spec.vocabSize(), targets), majority, share);
    }

    /**
     * The non-blank lines of {@code file}, parsed one at a time; the file is closed at its end, and is added to
     * {@code opened} so that a caller stopped before the end by an error closes it.
     */
    private static java.util.Iterator<JsonLines.Line> stream(Path file, List<DataLines> opened) {
        DataLines lines = DataLines.open(file, "train");
        opened.add(lines);
        return new java.util.Iterator<>() {
            private JsonLines.Line next = advance();

            private JsonLines.Line advance() {
                try {
                    String text;
                    while ((text = lines.next()) != null) {
                        if (!text.isBlank()) {
                            return new JsonLines.Line(file, lines.number(), JsonLines.parse(file, lines.number(), text,
                                    SequenceInputs.EXAMPLE));
                        }
                    }
                } catch (RuntimeException e) {
                    lines.close(); // a line that does not parse ends the reading: the file is not left open
                    throw e;
                }
                lines.close();
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public JsonLines.Line next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                JsonLines.Line l = next;
                next = advance();
                return l;
            }
        };
    }

    private static <T> java.util.Iterator<T> concat(java.util.Iterator<T> a, java.util.Iterator<T> b) {
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return a.hasNext() || b.hasNext();
            }

            @Override
            public T next() {
                return a.hasNext() ? a.next() : b.next();
            }
        };
    }

    /** Loads, validates and splits; with the training split as lines for executors ({@link SequenceLines}). */
    public static Loaded loadWithLines(SequencesSpec spec) {
        List<JsonLines.Line> trainFile = JsonLines.read(spec.splits().train(), "train", SequenceInputs.EXAMPLE);
        Path valPath = Parts.file(spec.splits().validation());
        Path testPath = Parts.file(spec.splits().test());
        List<JsonLines.Line> valFile = valPath == null ? List.of() : JsonLines.read(valPath, "validation", SequenceInputs.EXAMPLE);
        List<JsonLines.Line> testFile = testPath == null ? List.of() : JsonLines.read(testPath, "test", SequenceInputs.EXAMPLE);
        List<JsonLines.Line> all = new ArrayList<>(trainFile);
        all.addAll(valFile);
        all.addAll(testFile);

        SequenceInputs inputs = new SequenceInputs(spec.vocabSize());
        List<Input> parsed = new ArrayList<>(all.size());
        for (JsonLines.Line l : all) {
            parsed.add(inputs.read(l));
        }
        SequenceTargets targets = SequenceTargets.resolve(spec.target(), spec.classes(), trainFile.get(0), trainFile, all);
        List<Example> examples = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            JsonLines.Line l = all.get(i);
            examples.add(new Example(parsed.get(i), targets.read(l, parsed.get(i).steps()), l.line()));
        }
        List<Example> fromTrain = examples.subList(0, trainFile.size());
        Parts<Example> parts = Parts.shuffled(fromTrain, spec.splits(), "line");
        int n = trainFile.size();
        List<Example> val = valPath == null ? parts.validation() : examples.subList(n, n + valFile.size());
        List<Example> test = testPath == null ? parts.test() : examples.subList(n + valFile.size(), examples.size());

        DataSchema schema = schema(spec, inputs, targets);
        return new Loaded(Dataset.of(spec.type(), parts.train(), val, test, schema),
                new SequenceLines(spec.splits().train(), parts.train(), spec.vocabSize(), targets));
    }

    /** The schema of a sequences data set: the input's kind and size, the target reading's kind, width and labels. */
    private static DataSchema schema(SequencesSpec spec, SequenceInputs inputs, SequenceTargets targets) {
        int inputSize = inputs.kind() == InputKind.TOKENS
                ? (spec.vocabSize() > 0 ? spec.vocabSize() : inputs.maxToken() + 1) : inputs.width();
        return new DataSchema(inputs.kind(), inputSize, targets.kind(), targets.width(), List.of(), List.of(),
                Optional.empty(), Optional.empty(), Optional.ofNullable(targets.labels()), Optional.empty());
    }
}
