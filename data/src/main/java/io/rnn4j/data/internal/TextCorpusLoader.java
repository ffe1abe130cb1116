package io.rnn4j.data.internal;

import io.rnn4j.data.DataErrors;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.Holdout;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.Target;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.TextCorpusSpec;
import io.rnn4j.data.Tokenizer;
import io.rnn4j.data.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads {@code type: text}: next-token windows over a text file, for language models. */
public final class TextCorpusLoader {
    private TextCorpusLoader() {
    }

    /** Loads, tokenizes, splits by position, builds the vocabulary from the training part, and cuts windows. */
    public static Dataset load(TextCorpusSpec spec) {
        Tokenizer tokenizer = spec.tokenizer().tokenizer();
        Path trainPath = spec.splits().train();
        List<String> all = tokenizer.tokenize(TextFiles.readAll(trainPath, "train"));
        Parts<String> parts = Parts.ordered(all, spec.splits(), "token");
        Path valPath = Parts.file(spec.splits().validation());
        Path testPath = Parts.file(spec.splits().test());
        List<String> val = valPath == null ? parts.validation() : tokenizer.tokenize(TextFiles.readAll(valPath, "validation"));
        List<String> test = testPath == null ? parts.test() : tokenizer.tokenize(TextFiles.readAll(testPath, "test"));
        int valStart = parts.train().size();
        int testStart = valStart + parts.validation().size();

        Vocabulary vocab = Vocabulary.build(List.of(parts.train()), spec.tokenizer().vocabulary(true));
        DataSchema schema = new DataSchema(InputKind.TOKENS, vocab.size(), TargetKind.STEP_CLASSES, vocab.size(),
                List.of(), List.of(), Optional.of(vocab), Optional.empty(), Optional.empty(), Optional.empty());
        return Dataset.of(spec.type(),
                windows(parts.train(), vocab, spec, trainPath, "training part", 0, true),
                windows(val, vocab, spec, valPath == null ? trainPath : valPath, "validation part", valPath == null ? valStart : 0,
                        !(spec.splits().validation() instanceof Holdout.None)),
                windows(test, vocab, spec, testPath == null ? trainPath : testPath, "test part", testPath == null ? testStart : 0,
                        !(spec.splits().test() instanceof Holdout.None)),
                schema);
    }

    /**
     * {@code file} read as the test split with a trained model's vocabulary ({@code schema}): its windows, as
     * {@link #load} cuts a test file's; nothing is fitted and no other file is read.
     */
    public static Dataset test(TextCorpusSpec spec, Path file, DataSchema schema) {
        List<String> tokens = spec.tokenizer().tokenizer().tokenize(TextFiles.readAll(file, "test"));
        return Dataset.of(spec.type(), List.of(), List.of(),
                windows(tokens, schema.vocabulary().orElseThrow(), spec, file, "test part", 0, true), schema);
    }

    private static List<Example> windows(List<String> tokens, Vocabulary vocab, TextCorpusSpec spec, Path file, String part,
                                         int offset, boolean required) {
        int len = spec.sequenceLength();
        if (!required) {
            return List.of();
        }
        if (tokens.size() < len + 1) {
            throw Problem.of(DataErrors.TOO_SHORT, "text too short").file(file)
                    .found("a " + part + " of " + tokens.size() + (tokens.size() == 1 ? " token" : " tokens"))
                    .expected("at least sequence_length + 1 = " + (len + 1) + " tokens (a window and the token after it)")
                    .fix("lower `sequence_length`, give a smaller validation/test fraction, or use more text.").error();
        }
        int[] ids = vocab.encode(tokens);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i + len + 1 <= ids.length; i += spec.stride()) {
            int[] in = new int[len];
            int[] next = new int[len];
            System.arraycopy(ids, i, in, 0, len);
            System.arraycopy(ids, i + 1, next, 0, len);
            out.add(new Example(new Input.Tokens(in), new Target.StepClasses(next), offset + i));
        }
        return out;
    }
}
