package io.rnn4j.data.internal;

import io.rnn4j.data.DataErrors;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.PairsSpec;
import io.rnn4j.data.Target;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.Tokenizer;
import io.rnn4j.data.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads {@code type: pairs} (CSV source/target columns) for sequence-to-sequence models. */
public final class PairsLoader {
    private PairsLoader() {
    }

    private record Row(int line, List<String> source, List<String> target) {
    }

    /** Loads, tokenizes both sides, builds both vocabularies from the training split, and splits. */
    public static Dataset load(PairsSpec spec) {
        Tokenizer src = spec.sourceTokenizer().tokenizer();
        Tokenizer tgt = spec.targetTokenizer().tokenizer();
        List<Row> trainFile = rows(spec.splits().train(), "train", spec, src, tgt);
        Parts<Row> parts = Parts.shuffled(trainFile, spec.splits(), "row");
        Path valPath = Parts.file(spec.splits().validation());
        Path testPath = Parts.file(spec.splits().test());
        List<Row> val = valPath == null ? parts.validation() : rows(valPath, "validation", spec, src, tgt);
        List<Row> test = testPath == null ? parts.test() : rows(testPath, "test", spec, src, tgt);

        Vocabulary sv = Vocabulary.build(parts.train().stream().map(Row::source).toList(), spec.sourceTokenizer().vocabulary(false));
        Vocabulary tv = Vocabulary.build(parts.train().stream().map(Row::target).toList(), spec.targetTokenizer().vocabulary(true));
        DataSchema schema = new DataSchema(InputKind.TOKENS, sv.size(), TargetKind.SEQUENCE, tv.size(),
                List.of(spec.source()), List.of(spec.target()), Optional.of(sv), Optional.of(tv), Optional.empty(),
                Optional.empty());
        return Dataset.of(spec.type(), examples(parts.train(), sv, tv), examples(val, sv, tv), examples(test, sv, tv), schema);
    }

    private static List<Row> rows(Path file, String option, PairsSpec spec, Tokenizer src, Tokenizer tgt) {
        CsvTable t = CsvTable.read(file, option);
        int s = t.column(spec.source(), "source");
        int g = t.column(spec.target(), "target");
        List<Row> rows = rows(t, spec, src, tgt, s, g);
        if (rows.isEmpty()) {
            throw noExamples(file, option);
        }
        return rows;
    }

    private static List<Row> rows(CsvTable t, PairsSpec spec, Tokenizer src, Tokenizer tgt, int s, int g) {
        List<Row> rows = new ArrayList<>(t.rows());
        for (int r = 0; r < t.rows(); r++) {
            rows.add(new Row(t.line(r), TextClassificationLoader.truncate(tokens(t, r, s, "source", src), spec.maxSourceLength()),
                    TextClassificationLoader.truncate(tokens(t, r, g, "target", tgt), spec.maxTargetLength())));
        }
        return rows;
    }

    /**
     * The tokens of a source or target cell; a cell with none (empty, or only characters the tokenizer drops) is
     * missing data, not an empty sequence to learn: it is refused with its line.
     */
    private static List<String> tokens(CsvTable t, int r, int column, String key, Tokenizer tokenizer) {
        String cell = t.cell(r, column);
        List<String> tokens = tokenizer.tokenize(cell);
        if (tokens.isEmpty()) {
            throw Problem.of(DataErrors.EMPTY, "missing " + key).file(t.file()).line(t.line(r))
                    .column(column + 1, t.header().get(column))
                    .found(cell.isBlank() ? "an empty cell" : Problem.quote(cell) + ", which has no tokens for the "
                            + key + "_tokenizer")
                    .expected("a " + key + " text of at least one token")
                    .fix("fill in the " + key + " or delete the row.").error();
        }
        return tokens;
    }

    private static RuntimeException noExamples(Path file, String option) {
        return Problem.of(DataErrors.EMPTY, "no examples").file(file).found("a header row and no data rows")
                .expected("at least one row").fix("check that `" + option + "` names the right file.").error();
    }

    /**
     * {@code file} read as the test split is read, encoded with a trained model's vocabularies ({@code schema}),
     * in windows of rows so that memory holds one window; no other file is read.
     */
    public static CsvTestWindows testWindows(PairsSpec spec, Path file, DataSchema schema) {
        Tokenizer src = spec.sourceTokenizer().tokenizer();
        Tokenizer tgt = spec.targetTokenizer().tokenizer();
        Vocabulary sv = schema.vocabulary().orElseThrow();
        Vocabulary tv = schema.targetVocabulary().orElseThrow();
        return CsvTestWindows.open(file, header -> {
            int s = header.column(spec.source(), "source");
            int g = header.column(spec.target(), "target");
            return t -> examples(rows(t, spec, src, tgt, s, g), sv, tv);
        }, () -> noExamples(file, "test"));
    }

    private static List<Example> examples(List<Row> rows, Vocabulary sv, Vocabulary tv) {
        List<Example> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            int[] body = tv.encode(r.target());
            int[] wrapped = new int[body.length + 2];
            wrapped[0] = Vocabulary.BOS;
            System.arraycopy(body, 0, wrapped, 1, body.length);
            wrapped[wrapped.length - 1] = Vocabulary.EOS;
            out.add(new Example(new Input.Tokens(TextClassificationLoader.ids(sv, r.source())), new Target.TokenSequence(wrapped),
                    r.line()));
        }
        return out;
    }
}
