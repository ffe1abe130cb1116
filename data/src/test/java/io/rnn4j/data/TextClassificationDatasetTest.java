package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rnn4j.core.Rnn4jException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextClassificationDatasetTest {
    @TempDir
    Path dir;

    private static TextClassificationSpec spec(SplitSpec splits, int maxLength) {
        return new TextClassificationSpec(splits, "review", "score", TokenizerOptions.words(), maxLength);
    }

    @Test
    void tokenizesBuildsTheVocabularyAndLabelsAndTruncates() {
        Path f = Files2.write(dir, "t.csv", "review,score", "\"Great, great tea!\",great", "Bad tea,other", "\"It's tea, I guess\",other");
        Dataset d = Datasets.load(spec(SplitSpec.trainOnly(f), 3));
        Vocabulary v = d.schema().vocabulary().orElseThrow();
        // tea:3, great:2, then bad, guess, i, it's (once each, alphabetical); "guess" is cut by max_length 3
        assertThat(v.tokens()).containsExactly("<pad>", "<unk>", "tea", "great", "bad", "i", "it's");
        assertThat(d.schema().labels().orElseThrow().labels()).containsExactly("great", "other");
        assertThat(d.train().get(0)).isEqualTo(new Example(new Input.Tokens(new int[] {3, 3, 2}), new Target.ClassIndex(0), 2));
        assertThat(d.train().get(2).input()).isEqualTo(new Input.Tokens(new int[] {6, 2, 5}));
        assertThat(d.schema().inputKind()).isEqualTo(InputKind.TOKENS);
        assertThat(d.schema().inputSize()).isEqualTo(7);
        assertThat(d.schema().outputSize()).isEqualTo(2);
    }

    @Test
    void theVocabularyComesFromTheTrainingSplitOnlyAndUnseenWordsAreUnknown() {
        Path train = Files2.write(dir, "t.csv", "review,score", "good,pos", "bad,neg");
        Path test = Files2.write(dir, "test.csv", "review,score", "good but new,pos", "\"\",neg");
        Dataset d = Datasets.load(spec(new SplitSpec(train, Holdout.none(), Holdout.file(test), 0), 0));
        assertThat(d.test().get(0).input()).isEqualTo(new Input.Tokens(new int[] {3, Vocabulary.UNK, Vocabulary.UNK}));
        // an empty text is one <unk> step, so that every sequence has a step
        assertThat(d.test().get(1).input()).isEqualTo(new Input.Tokens(new int[] {Vocabulary.UNK}));
    }

    @Test
    void aValidationFractionIsTakenBeforeTheVocabularyIsBuilt() {
        String[] rows = new String[11];
        rows[0] = "review,score";
        for (int i = 1; i < rows.length; i++) {
            rows[i] = "word" + i + ",x";
        }
        Dataset d = Datasets.load(spec(new SplitSpec(Files2.write(dir, "t.csv", rows), Holdout.fraction(0.3), Holdout.none(), 3), 0));
        assertThat(d.train()).hasSize(7);
        assertThat(d.validation()).hasSize(3);
        assertThat(d.schema().vocabulary().orElseThrow().size()).isEqualTo(2 + 7);
        assertThat(d.validation()).allSatisfy(e -> assertThat(e.input()).isEqualTo(new Input.Tokens(new int[] {Vocabulary.UNK})));
    }

    @Test
    void aLabelOnlyInTheTestFileIsUnknown() {
        Path train = Files2.write(dir, "t.csv", "review,score", "good,great", "bad,other");
        Path test = Files2.write(dir, "test.csv", "review,score", "meh,neutral");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(new SplitSpec(train, Holdout.none(),
                Holdout.file(test), 0), 0))))
                .hasMessage("RNN4J-DATA-013: unknown label in " + test + ", line 2, column 2 (score): found \"neutral\"; expected "
                        + "one of the training file's labels: \"great\", \"other\". Fix: correct the label, or add examples of it "
                        + "to the training file.");
    }

    @Test
    void lineNumbersCountTheLineBreaksInsideQuotedCells() {
        Path f = Files2.write(dir, "t.csv", "review,score", "\"two", "lines\",great", "", "\"fine\",");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(SplitSpec.trainOnly(f), 0))))
                .hasMessage("RNN4J-DATA-011: missing label in " + f + ", line 5, column 2 (score): found an empty cell; expected "
                        + "a class label. Fix: fill in the label or delete the row.");
    }

    @Test
    void aMissingTextColumnSuggestsTheClosestName() {
        Path f = Files2.write(dir, "t.csv", "Review,score", "x,y");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(SplitSpec.trainOnly(f), 0))))
                .hasMessage("RNN4J-DATA-003: missing column \"review\" (from `text`) in " + f + ", line 1: found the columns "
                        + "\"Review\", \"score\"; expected a column named \"review\". Fix: did you mean \"Review\"? Change `text` "
                        + "or the file's header row.");
    }

    @Test
    void anUnclosedQuoteIsAMalformedRow() {
        Path f = Files2.write(dir, "t.csv", "review,score", "ok,great", "\"never closed,great", "more,other");
        Rnn4jException e = catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(SplitSpec.trainOnly(f), 0)));
        assertThat(e.id()).isEqualTo(DataErrors.MALFORMED_CSV);
        assertThat(e.getMessage()).startsWith("RNN4J-DATA-005: malformed row in " + f + ", line 3: found text the CSV reader cannot "
                + "parse (").endsWith("); expected RFC 4180 CSV: cells separated by commas, a quoted cell closed by a double "
                + "quote before the next comma or line end. Fix: close every opened double quote, and double the quotes inside a "
                + "quoted cell (\"say \"\"hi\"\"\").");
    }

    @Test
    void aDuplicateHeaderNameIsMalformed() {
        Path f = Files2.write(dir, "t.csv", "review,score,review", "a,b,c");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(SplitSpec.trainOnly(f), 0))))
                .hasMessage("RNN4J-DATA-005: duplicate column name in " + f + ", line 1, column 3 (review): found the name "
                        + "\"review\" a second time; expected distinct column names. Fix: rename one of the columns in the header row.");
    }

    @Test
    void aFileThatIsNotUtf8CannotBeRead() throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'r', 'e', 'v', 'i', 'e', 'w', ',', 's', 'c', 'o', 'r', 'e', '\n', 'c', 'a', 'f', (byte) 0xE9, ',', 'x', '\n'});
        Rnn4jException e = catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(SplitSpec.trainOnly(f), 0)));
        assertThat(e.getMessage()).isEqualTo("RNN4J-DATA-002: not UTF-8 text in " + f + ", line 2, column 4: found the byte "
                + "0xE9, which is not UTF-8 (byte 17 of the file); expected UTF-8 text (a byte-order mark at the start is "
                + "allowed). Fix: convert the file to UTF-8, for example: iconv -f latin1 -t utf-8 in.csv > out.csv.");
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() {
        Path f = Files2.write(dir, "t.csv", "\uFEFFreview,score", "a,b");
        assertThat(Datasets.load(spec(SplitSpec.trainOnly(f), 0)).train()).hasSize(1);
    }

    @Test
    void aDirectoryIsNotADataFile() {
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(SplitSpec.trainOnly(dir), 0))))
                .hasMessage("RNN4J-DATA-001: data file not found (from `train`) in " + dir + ": found a directory; expected an "
                        + "existing file. Fix: check the path in `train`; a relative path is resolved against the experiment "
                        + "file's folder. The example data sets are under examples/data/.");
    }

    @Test
    void headerOnlyFilesHaveNoExamples() {
        Path f = Files2.write(dir, "t.csv", "review,score");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(SplitSpec.trainOnly(f), 0))))
                .hasMessage("RNN4J-DATA-011: no examples in " + f + ": found a header row and no data rows; expected at least one "
                        + "row. Fix: check that `train` names the right file.");
        assertThat(List.of(DataErrors.EMPTY)).containsExactly("RNN4J-DATA-011");
    }
}
