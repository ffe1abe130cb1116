package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Rnn4jException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencesDatasetTest {
    private static final String FIX_EXAMPLE = "a valid line looks like {\"x\": [[0.5, 1.0], [0.25, 2.0]], \"y\": 1}.";

    @TempDir
    Path dir;

    private Dataset load(String... lines) {
        return Datasets.load(SequencesSpec.of(SplitSpec.trainOnly(Files2.write(dir, "train.jsonl", lines))));
    }

    private Dataset load(TargetType target, String... lines) {
        return Datasets.load(new SequencesSpec(SplitSpec.trainOnly(Files2.write(dir, "train.jsonl", lines)), target, 0, 0));
    }

    private Rnn4jException error(String... lines) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(Rnn4jException.class, () -> load(lines));
    }

    private String file() {
        return dir.resolve("train.jsonl").toString();
    }

    @Test
    void readsFeatureSequencesWithStringLabels() {
        Dataset d = load(
                "{\"x\": [[0.5, 1.0], [0.25, 2.0]], \"y\": \"up\"}",
                "",
                "{\"x\": [[1, 2]], \"y\": \"down\"}");
        assertThat(d.train()).hasSize(2);
        Example e = d.train().get(0);
        assertThat(e.input()).isEqualTo(new Input.Features(new float[] {0.5f, 1f, 0.25f, 2f}, 2, 2));
        assertThat(e.target()).isEqualTo(new Target.ClassIndex(1));
        assertThat(e.origin()).isEqualTo(1);
        assertThat(d.train().get(1).origin()).isEqualTo(3);
        DataSchema s = d.schema();
        assertThat(s.inputKind()).isEqualTo(InputKind.FEATURES);
        assertThat(s.inputSize()).isEqualTo(2);
        assertThat(s.targetKind()).isEqualTo(TargetKind.CLASS);
        assertThat(s.outputSize()).isEqualTo(2);
        assertThat(s.labels()).contains(LabelSet.of(List.of("down", "up")));
        assertThat(d.validation()).isEmpty();
        assertThat(d.test()).isEmpty();
    }

    @Test
    void aFlatListOfNumbersIsOneFeaturePerStep() {
        Dataset d = load("{\"x\": [1, 2, 3], \"y\": 0.5}");
        assertThat(d.train().get(0).input()).isEqualTo(new Input.Features(new float[] {1, 2, 3}, 3, 1));
        assertThat(d.train().get(0).target()).isEqualTo(new Target.Values(new float[] {0.5f}));
        assertThat(d.schema().targetKind()).isEqualTo(TargetKind.VALUES);
    }

    @Test
    void tokenInputsInferTheVocabularySizeFromTheLargestId() {
        Dataset d = load("{\"tokens\": [5, 9, 2], \"y\": 1}", "{\"tokens\": [3], \"y\": 0}");
        assertThat(d.train().get(0).input()).isEqualTo(new Input.Tokens(new int[] {5, 9, 2}));
        assertThat(d.schema().inputKind()).isEqualTo(InputKind.TOKENS);
        assertThat(d.schema().inputSize()).isEqualTo(10);
    }

    @Test
    void wholeNumberTargetsAreClassIdsUnlessAnyHasAFraction() {
        Dataset classes = load("{\"x\": [1], \"y\": 0}", "{\"x\": [1], \"y\": 2}");
        assertThat(classes.schema().targetKind()).isEqualTo(TargetKind.CLASS);
        assertThat(classes.schema().outputSize()).isEqualTo(3);
        assertThat(classes.train().get(1).target()).isEqualTo(new Target.ClassIndex(2));

        Dataset values = load("{\"x\": [1], \"y\": 3}", "{\"x\": [1], \"y\": 2.5}");
        assertThat(values.schema().targetKind()).isEqualTo(TargetKind.VALUES);
        assertThat(values.train().get(0).target()).isEqualTo(new Target.Values(new float[] {3}));

        Dataset explicit = load(TargetType.VALUE, "{\"x\": [1], \"y\": 3}");
        assertThat(explicit.schema().targetKind()).isEqualTo(TargetKind.VALUES);
    }

    @Test
    void aFewFractionsAmongFewWholeNumbersAreRefusedNotGuessed() {
        String[] lines = new String[41];
        for (int i = 0; i < 40; i++) {
            lines[i] = "{\"x\": [1], \"y\": " + (i % 3) + "}";
        }
        lines[40] = "{\"x\": [1], \"y\": 1.5}";
        Rnn4jException e = error(lines);
        assertThat(e.getMessage()).contains("RNN4J-DATA-010").contains(file() + ", line 41").contains("1 of 41 targets")
                .contains("3 distinct whole numbers").contains("`target: value`");

        String[] saidValues = lines.clone();
        Dataset values = load(TargetType.VALUE, saidValues);
        assertThat(values.schema().targetKind()).isEqualTo(TargetKind.VALUES);
        assertThat(values.train().get(40).target()).isEqualTo(new Target.Values(new float[] {1.5f}));

        lines[40] = "{\"x\": [1], \"y\": 1}";
        assertThat(load(lines).schema().targetKind()).isEqualTo(TargetKind.CLASS);
    }

    @Test
    void theClassesOptionFixesTheNumberOfClasses() {
        Dataset d = Datasets.load(new SequencesSpec(SplitSpec.trainOnly(Files2.write(dir, "t.jsonl", "{\"x\": [1], \"y\": 1}")),
                TargetType.CLASS, 5, 0));
        assertThat(d.schema().outputSize()).isEqualTo(5);
    }

    @Test
    void readsVectorAndPerStepTargets() {
        Dataset vector = load("{\"x\": [[1], [2]], \"y\": [0.5, 1.5, 2.5]}");
        assertThat(vector.train().get(0).target()).isEqualTo(new Target.Values(new float[] {0.5f, 1.5f, 2.5f}));
        assertThat(vector.schema().outputSize()).isEqualTo(3);

        Dataset tags = load("{\"x\": [[1], [2]], \"y\": [\"NOUN\", \"VERB\"]}", "{\"x\": [[3]], \"y\": [\"ADJ\"]}");
        assertThat(tags.schema().targetKind()).isEqualTo(TargetKind.STEP_CLASSES);
        assertThat(tags.schema().labels().orElseThrow().labels()).containsExactly("ADJ", "NOUN", "VERB");
        assertThat(tags.train().get(0).target()).isEqualTo(new Target.StepClasses(new int[] {1, 2}));

        Dataset stepVectors = load("{\"x\": [[1], [2]], \"y\": [[1, 2], [3, 4]]}");
        assertThat(stepVectors.train().get(0).target()).isEqualTo(new Target.StepValues(new float[] {1, 2, 3, 4}, 2, 2));

        Dataset stepNumbers = load(TargetType.STEP_VALUE, "{\"x\": [[1], [2]], \"y\": [7, 8]}");
        assertThat(stepNumbers.train().get(0).target()).isEqualTo(new Target.StepValues(new float[] {7, 8}, 2, 1));

        Dataset stepIds = load(TargetType.STEP_CLASS, "{\"x\": [1, 2], \"y\": [0, 3]}");
        assertThat(stepIds.schema().outputSize()).isEqualTo(4);
        assertThat(stepIds.train().get(0).target()).isEqualTo(new Target.StepClasses(new int[] {0, 3}));
    }

    @Test
    void aValidationFractionIsASeededShuffleThatKeepsFileOrderWithinEachPart() {
        String[] lines = new String[20];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "{\"x\": [" + i + "], \"y\": " + (i % 2) + "}";
        }
        Path f = Files2.write(dir, "t.jsonl", lines);
        SequencesSpec spec = SequencesSpec.of(new SplitSpec(f, Holdout.fraction(0.2), Holdout.fraction(0.1), 7));
        Dataset a = Datasets.load(spec);
        Dataset b = Datasets.load(spec);
        assertThat(a.train()).hasSize(14);
        assertThat(a.validation()).hasSize(4);
        assertThat(a.test()).hasSize(2);
        assertThat(a.validation()).isEqualTo(b.validation());
        List<Integer> origins = a.train().stream().map(Example::origin).toList();
        assertThat(origins).isSorted();
        assertThat(a.train()).doesNotContainAnyElementsOf(a.validation()).doesNotContainAnyElementsOf(a.test());
        Dataset other = Datasets.load(SequencesSpec.of(new SplitSpec(f, Holdout.fraction(0.2), Holdout.fraction(0.1), 8)));
        assertThat(other.validation()).isNotEqualTo(a.validation());
    }

    @Test
    void separateValidationAndTestFilesAreReadWithTheTrainingLabels() {
        Path train = Files2.write(dir, "train.jsonl", "{\"x\": [1], \"y\": \"a\"}", "{\"x\": [2], \"y\": \"b\"}");
        Path val = Files2.write(dir, "val.jsonl", "{\"x\": [3], \"y\": \"b\"}");
        Path test = Files2.write(dir, "test.jsonl", "{\"x\": [4], \"y\": \"c\"}");
        Dataset d = Datasets.load(SequencesSpec.of(new SplitSpec(train, Holdout.file(val), Holdout.none(), 0)));
        assertThat(d.validation()).containsExactly(new Example(new Input.Features(new float[] {3}, 1, 1), new Target.ClassIndex(1), 1));
        assertThatThrownBy(() -> Datasets.load(SequencesSpec.of(new SplitSpec(train, Holdout.file(val), Holdout.file(test), 0))))
                .hasMessage("RNN4J-DATA-013: unknown label in " + test + ", line 1, field y: found \"c\" (a string); "
                        + "expected one of the training file's labels: \"a\", \"b\". "
                        + "Fix: correct the label, or add examples of it to the training file.");
    }

    @Test
    void aMissingFileIsReportedWithTheOptionThatNamedIt() {
        Path missing = dir.resolve("nope.jsonl");
        assertThatThrownBy(() -> Datasets.load(SequencesSpec.of(SplitSpec.trainOnly(missing))))
                .isInstanceOf(Rnn4jException.class)
                .hasMessage("RNN4J-DATA-001: data file not found (from `train`) in " + missing + ": found no such file; "
                        + "expected an existing file. Fix: check the path in `train`; a relative path is resolved against "
                        + "the experiment file's folder. The example data sets are under examples/data/.");
    }

    @Test
    void badJsonNamesTheLineAndColumn() {
        Rnn4jException e = error("{\"x\": [1], \"y\": 1}", "{\"x\": [1], \"y\": }");
        assertThat(e.id()).isEqualTo(DataErrors.BAD_JSON);
        assertThat(e).hasMessage("RNN4J-DATA-006: bad JSON in " + file() + ", line 2, column 17: found the character } "
                + "where it does not belong (expected a JSON value); expected one complete JSON object per line, such as "
                + "{\"x\": [[0.5, 1.0], [0.25, 2.0]], \"y\": 1}. Fix: correct the line; every object must be on one line, "
                + "strings in double quotes, no trailing commas, each key once.");
    }

    @Test
    void aJsonArrayInsteadOfAnObjectIsBadJson() {
        assertThat(error("[{\"x\": [1], \"y\": 1}]")).hasMessage("RNN4J-DATA-006: bad JSON in " + file()
                + ", line 1: found a list of 1 value; expected a JSON object, such as {\"x\": [[0.5, 1.0], [0.25, 2.0]], \"y\": 1}. "
                + "Fix: write one object per line (JSON Lines), not a JSON array of objects or bare values.");
    }

    @Test
    void raggedStepsWithinALineAreNamedByField() {
        assertThat(error("{\"x\": [[1, 2], [3]], \"y\": 1}")).hasMessage("RNN4J-DATA-009: ragged x in " + file()
                + ", line 1, field x[1]: found 1 feature; expected 2 features, as in x[0]. "
                + "Fix: give every step of a sequence the same number of features.");
    }

    @Test
    void raggedWidthsAcrossLinesPointAtTheFirstLine() {
        assertThat(error("{\"x\": [[1, 2]], \"y\": 1}", "{\"x\": [[1, 2, 3]], \"y\": 1}")).hasMessage("RNN4J-DATA-009: ragged x in "
                + file() + ", line 2, field x: found 3 features per step; expected 2 features per step as on line 1 of " + file()
                + ". Fix: give every step of every line the same number of features; pad missing features yourself.");
    }

    @Test
    void aStringInsideXIsAWrongType() {
        assertThat(error("{\"x\": [[1, \"a\"]], \"y\": 1}")).hasMessage("RNN4J-DATA-008: wrong type in " + file()
                + ", line 1, field x[0][1]: found \"a\" (a string); expected a number. Fix: correct the value; " + FIX_EXAMPLE);
    }

    @Test
    void missingInputOrTargetFieldsAreNamed() {
        assertThat(error("{\"input\": [1], \"y\": 1}")).hasMessage("RNN4J-DATA-007: missing field in " + file()
                + ", line 1, field x: found only the fields \"input\", \"y\"; expected either \"x\" (a list of steps, each a list "
                + "of numbers or a number) or \"tokens\" (a list of token ids). Fix: give each line one input field, for example "
                + "{\"x\": [[0.5, 1.0], [0.25, 2.0]], \"y\": 1} or {\"tokens\": [5, 9, 2], \"y\": 0}.");
        assertThat(error("{\"x\": [1], \"y\": 1}", "{\"x\": [2]}")).hasMessage("RNN4J-DATA-007: missing field in " + file()
                + ", line 2, field y: found no \"y\"; expected a target \"y\": a class label, a number, a list of numbers, "
                + "or one entry per step. Fix: add y to every line, for example {\"x\": [[0.5, 1.0], [0.25, 2.0]], \"y\": 1}.");
    }

    @Test
    void aTargetOfAnotherKindThanTheFirstLineIsInconsistent() {
        assertThat(error("{\"x\": [1], \"y\": \"up\"}", "{\"x\": [1], \"y\": [1, 2]}")).hasMessage("RNN4J-DATA-010: inconsistent "
                + "target in " + file() + ", line 2, field y: found a list of 2 values; expected a string label (target: class, "
                + "inferred from line 1 of " + file() + "). Fix: give every line a y of the same kind, or set `target` to say "
                + "how y is meant.");
    }

    @Test
    void aPerStepTargetOfTheWrongLengthIsReported() {
        assertThat(error("{\"x\": [[1], [2], [3]], \"y\": [\"a\", \"b\"]}")).hasMessage("RNN4J-DATA-016: per-step target of the "
                + "wrong length in " + file() + ", line 1, field y: found 2 steps; expected 3 steps, one per step of the input. "
                + "Fix: give y exactly one entry per input step.");
    }

    @Test
    void aNegativeTokenIdIsReported() {
        assertThat(error("{\"tokens\": [4, -1], \"y\": 1}")).hasMessage("RNN4J-DATA-017: bad token id in " + file()
                + ", line 1, field tokens[1]: found -1 (a number); expected a whole number >= 0. Fix: write token ids as whole "
                + "numbers; map words to ids before writing the file, or use type: text_classification for raw text.");
    }

    @Test
    void mixingTokensAndFeaturesIsReported() {
        assertThat(error("{\"x\": [1], \"y\": 1}", "{\"tokens\": [1], \"y\": 1}")).hasMessage("RNN4J-DATA-008: mixed input kinds in "
                + file() + ", line 2, field tokens: found token ids (\"tokens\"); expected features (\"x\") as on line 1 of " + file()
                + ". Fix: use one input field throughout the data set.");
    }
}
