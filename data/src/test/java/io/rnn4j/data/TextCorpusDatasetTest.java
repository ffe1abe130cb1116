package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rnn4j.core.Rnn4jException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCorpusDatasetTest {
    @TempDir
    Path dir;

    @Test
    void cutsNextCharacterWindowsWhoseTargetsAreShiftedByOne() {
        Path f = Files2.write(dir, "t.txt", "abcab");  // "abcab\n": 6 characters
        Dataset d = Datasets.load(new TextCorpusSpec(SplitSpec.trainOnly(f), TokenizerOptions.chars(), 2, 1));
        Vocabulary v = d.schema().vocabulary().orElseThrow();
        // a:2, b:2, c:1, \n:1 (sorted by String order: "\n" < "c")
        assertThat(v.tokens()).containsExactly("<pad>", "<unk>", "<bos>", "<eos>", "a", "b", "\n", "c");
        assertThat(d.train()).hasSize(4);
        assertThat(d.train().get(0)).isEqualTo(new Example(new Input.Tokens(new int[] {4, 5}), new Target.StepClasses(new int[] {5, 7}), 0));
        assertThat(d.train().get(3)).isEqualTo(new Example(new Input.Tokens(new int[] {4, 5}), new Target.StepClasses(new int[] {5, 6}), 3));
        assertThat(d.schema().targetKind()).isEqualTo(TargetKind.STEP_CLASSES);
        assertThat(d.schema().outputSize()).isEqualTo(8);
    }

    @Test
    void aStrideOfZeroMeansWindowsThatDoNotOverlap() {
        Path f = Files2.write(dir, "t.txt", "abcdefghi");
        Dataset d = Datasets.load(new TextCorpusSpec(SplitSpec.trainOnly(f), TokenizerOptions.chars(), 3, 0));
        assertThat(d.train()).extracting(Example::origin).containsExactly(0, 3, 6);
    }

    @Test
    void theValidationFractionIsTheEndOfTheTextAndItsWordsMayBeUnknown() {
        Path f = Files2.write(dir, "t.txt", "one two one two one two one two zebra yak");
        Dataset d = Datasets.load(new TextCorpusSpec(new SplitSpec(f, Holdout.fraction(0.3), Holdout.none(), 0),
                TokenizerOptions.words(), 2, 1));
        // 10 words: training part the first 7, validation the last 3 ("two zebra yak")
        assertThat(d.train()).hasSize(5);
        assertThat(d.validation()).containsExactly(new Example(new Input.Tokens(new int[] {5, 1}),
                new Target.StepClasses(new int[] {1, 1}), 7));
        assertThat(d.schema().vocabulary().orElseThrow().contains("zebra")).isFalse();
    }

    @Test
    void aTextShorterThanOneWindowIsTooShort() {
        Path f = Files2.write(dir, "t.txt", "hi");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(new TextCorpusSpec(SplitSpec.trainOnly(f),
                TokenizerOptions.chars(), 100, 0))))
                .hasMessage("RNN4J-DATA-012: text too short in " + f + ": found a training part of 3 tokens; expected at least "
                        + "sequence_length + 1 = 101 tokens (a window and the token after it). Fix: lower `sequence_length`, give "
                        + "a smaller validation/test fraction, or use more text.");
    }
}
