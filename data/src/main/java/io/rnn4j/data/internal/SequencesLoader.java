package io.rnn4j.data.internal;

import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.SequencesSpec;
import io.rnn4j.data.TargetKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads {@code type: sequences} (JSON Lines). */
public final class SequencesLoader {
    private SequencesLoader() {
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
