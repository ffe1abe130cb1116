package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rnn4j.core.Rnn4jException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairsDatasetTest {
    @TempDir
    Path dir;

    @Test
    void wrapsTargetsInBosAndEosWithSeparateVocabularies() {
        Path f = Files2.write(dir, "p.csv", "source,target", "ab,xy", "ba,y");
        Dataset d = Datasets.load(new PairsSpec(SplitSpec.trainOnly(f), "source", "target", TokenizerOptions.chars(),
                TokenizerOptions.chars(), 0, 0));
        Vocabulary src = d.schema().vocabulary().orElseThrow();
        Vocabulary tgt = d.schema().targetVocabulary().orElseThrow();
        assertThat(src.tokens()).containsExactly("<pad>", "<unk>", "a", "b");
        assertThat(tgt.tokens()).containsExactly("<pad>", "<unk>", "<bos>", "<eos>", "y", "x");
        assertThat(d.train().get(0)).isEqualTo(new Example(new Input.Tokens(new int[] {2, 3}),
                new Target.TokenSequence(new int[] {Vocabulary.BOS, 5, 4, Vocabulary.EOS}), 2));
        assertThat(d.schema().targetKind()).isEqualTo(TargetKind.SEQUENCE);
        assertThat(d.schema().inputSize()).isEqualTo(4);
        assertThat(d.schema().outputSize()).isEqualTo(6);
        assertThat(tgt.decode(new int[] {Vocabulary.BOS, 5, 4, Vocabulary.EOS, 4}, "")).isEqualTo("xy");
    }

    @Test
    void truncatesSourcesAndTargetsBeforeWrapping() {
        Path f = Files2.write(dir, "p.csv", "source,target", "abcdef,uvwxyz");
        Dataset d = Datasets.load(new PairsSpec(SplitSpec.trainOnly(f), "source", "target", TokenizerOptions.chars(),
                TokenizerOptions.chars(), 2, 3));
        assertThat(d.train().get(0).input().steps()).isEqualTo(2);
        assertThat(((Target.TokenSequence) d.train().get(0).target()).length()).isEqualTo(5);
    }

    @Test
    void aSourceOrTargetWithoutTokensIsMissingDataNamedByItsLine() {
        Path f = Files2.write(dir, "p.csv", "source,target", "ab,xy", "ba,", "cd,zz");
        Rnn4jException e = catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(new PairsSpec(
                SplitSpec.trainOnly(f), "source", "target", TokenizerOptions.chars(), TokenizerOptions.chars(), 0, 0)));
        assertThat(e).hasMessage("RNN4J-DATA-011: missing target in " + f + ", line 3, column 2 (target): found an empty "
                + "cell; expected a target text of at least one token. Fix: fill in the target or delete the row.");
        Path g = Files2.write(dir, "q.csv", "en,fr", "good day,bonjour", "!!!,quoi");
        Rnn4jException w = catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(new PairsSpec(
                SplitSpec.trainOnly(g), "en", "fr", TokenizerOptions.words(), TokenizerOptions.words(), 0, 0)));
        assertThat(w.getMessage()).startsWith("RNN4J-DATA-011: missing source in " + g + ", line 3, column 1 (en): found "
                + "\"!!!\", which has no tokens for the source_tokenizer");
    }
}
