package io.rnn4j.data.internal;

import io.rnn4j.data.DataErrors;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.LabelSet;
import io.rnn4j.data.Target;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.TextClassificationSpec;
import io.rnn4j.data.Tokenizer;
import io.rnn4j.data.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads {@code type: text_classification} (CSV). */
public final class TextClassificationLoader {
    private TextClassificationLoader() {
    }

    /** One row: its location, tokens (truncated) and label cell. */
    private record Row(CsvTable table, int row, List<String> tokens, String label, int labelColumn) {
    }

    /** Loads, tokenizes, builds the vocabulary and labels, and splits. */
    public static Dataset load(TextClassificationSpec spec) {
        Tokenizer tokenizer = spec.tokenizer().tokenizer();
        List<Row> trainFile = rows(spec.splits().train(), "train", spec, tokenizer);
        Parts<Row> parts = Parts.shuffled(trainFile, spec.splits(), "row");
        Path valPath = Parts.file(spec.splits().validation());
        Path testPath = Parts.file(spec.splits().test());
        List<Row> val = valPath == null ? parts.validation() : rows(valPath, "validation", spec, tokenizer);
        List<Row> test = testPath == null ? parts.test() : rows(testPath, "test", spec, tokenizer);

        LabelSet labels = LabelSet.fromObserved(trainFile.stream().map(Row::label).toList());
        Vocabulary vocab = Vocabulary.build(parts.train().stream().map(Row::tokens).toList(), spec.tokenizer().vocabulary(false));
        DataSchema schema = new DataSchema(InputKind.TOKENS, vocab.size(), TargetKind.CLASS, labels.size(),
                List.of(spec.text()), List.of(spec.label()), Optional.of(vocab), Optional.empty(), Optional.of(labels),
                Optional.empty());
        return Dataset.of(spec.type(), examples(parts.train(), vocab, labels), examples(val, vocab, labels),
                examples(test, vocab, labels), schema);
    }

    /**
     * Reads {@code file} as a test split encoded with a trained model's vocabulary and labels: nothing is
     * fitted and no other file is read; an unknown label is an error with its location.
     */
    public static Dataset test(TextClassificationSpec spec, Path file, DataSchema schema) {
        List<Row> rows = rows(file, "test", spec, spec.tokenizer().tokenizer());
        return Dataset.of(spec.type(), List.of(), List.of(), examples(rows, schema.vocabulary().orElseThrow(),
                schema.labels().orElseThrow()), schema);
    }

    /**
     * {@link #test} read in windows of rows, so that memory holds one window: the same examples, in the same
     * order, with the same errors.
     */
    public static CsvTestWindows testWindows(TextClassificationSpec spec, Path file, DataSchema schema) {
        Tokenizer tokenizer = spec.tokenizer().tokenizer();
        Vocabulary vocabulary = schema.vocabulary().orElseThrow();
        LabelSet labels = schema.labels().orElseThrow();
        return CsvTestWindows.open(file, header -> {
            int text = header.column(spec.text(), "text");
            int label = header.column(spec.label(), "label");
            return t -> examples(rows(t, spec, tokenizer, text, label), vocabulary, labels);
        }, () -> noExamples(file, "test"));
    }

    private static List<Row> rows(Path file, String option, TextClassificationSpec spec, Tokenizer tokenizer) {
        CsvTable t = CsvTable.read(file, option);
        int text = t.column(spec.text(), "text");
        int label = t.column(spec.label(), "label");
        List<Row> rows = rows(t, spec, tokenizer, text, label);
        if (rows.isEmpty()) {
            throw noExamples(file, option);
        }
        return rows;
    }

    private static List<Row> rows(CsvTable t, TextClassificationSpec spec, Tokenizer tokenizer, int text, int label) {
        List<Row> rows = new ArrayList<>(t.rows());
        for (int r = 0; r < t.rows(); r++) {
            String l = t.cell(r, label).strip();
            if (l.isEmpty()) {
                throw Problem.of(DataErrors.EMPTY, "missing label").file(t.file()).line(t.line(r)).column(label + 1, spec.label())
                        .found("an empty cell").expected("a class label")
                        .fix("fill in the label or delete the row.").error();
            }
            rows.add(new Row(t, r, truncate(tokenizer.tokenize(t.cell(r, text)), spec.maxLength()), l, label));
        }
        return rows;
    }

    private static RuntimeException noExamples(Path file, String option) {
        return Problem.of(DataErrors.EMPTY, "no examples").file(file).found("a header row and no data rows")
                .expected("at least one row").fix("check that `" + option + "` names the right file.").error();
    }

    static List<String> truncate(List<String> tokens, int maxLength) {
        return maxLength > 0 && tokens.size() > maxLength ? List.copyOf(tokens.subList(0, maxLength)) : tokens;
    }

    private static List<Example> examples(List<Row> rows, Vocabulary vocab, LabelSet labels) {
        List<Example> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            int c = labels.index(r.label());
            if (c < 0) {
                throw Problem.of(DataErrors.UNKNOWN_LABEL, "unknown label").file(r.table().file()).line(r.table().line(r.row()))
                        .column(r.labelColumn() + 1, r.table().header().get(r.labelColumn()))
                        .found(Problem.quote(r.label()))
                        .expected("one of the training file's labels: "
                                + String.join(", ", labels.labels().stream().map(Problem::quote).toList()))
                        .fix("correct the label, or add examples of it to the training file.").error();
            }
            out.add(new Example(new Input.Tokens(ids(vocab, r.tokens())), new Target.ClassIndex(c), r.table().line(r.row())));
        }
        return out;
    }

    /** Token ids; an empty text becomes {@code [<unk>]} so that every sequence has a step. */
    static int[] ids(Vocabulary vocab, List<String> tokens) {
        return tokens.isEmpty() ? new int[] {Vocabulary.UNK} : vocab.encode(tokens);
    }
}
