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
        SequenceTargets targets = SequenceTargets.resolve(spec.target(), spec.classes(), trainFile, all);
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

        int inputSize = inputs.kind() == InputKind.TOKENS
                ? (spec.vocabSize() > 0 ? spec.vocabSize() : inputs.maxToken() + 1) : inputs.width();
        TargetKind kind = targets.kind();
        DataSchema schema = new DataSchema(inputs.kind(), inputSize, kind, targets.width(), List.of(), List.of(),
                Optional.empty(), Optional.empty(), Optional.ofNullable(targets.labels()), Optional.empty());
        return new Loaded(Dataset.of(spec.type(), parts.train(), val, test, schema),
                new SequenceLines(spec.splits().train(), parts.train(), spec.vocabSize(), targets));
    }
}
