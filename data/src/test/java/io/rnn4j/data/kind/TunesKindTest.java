package io.rnn4j.data.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.data.RecordException;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.TokenGenerator;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.data.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunesKindTest {
    private static final String TUNES = """
            X:1
            T:The Kesh
            R:jig
            M:6/8
            L:1/8
            K:G
            |:GAG GAB|ABA ABd:|

            X:2
            T:Drowsy Maggie
            R:reel
            M:C|
            K:Edor
            |:E2BE dEBE|E2BE AFDF:|

            X:3
            T:Another Jig
            R:Jig
            M:6/8
            K:D
            DFA dAF|GBd gdB|
            """;

    private static TunesData spec(TuneTask task, SplitSource test) {
        return new TunesData("t.abc", null, test, task, 8, 64, 100, 0.8, 50);
    }

    @Test
    void theLanguageModelReadsHeaderAndBodyCharacters(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.abc"), TUNES);
        LoadedData d = new TunesKind().load(spec(TuneTask.LANGUAGE_MODEL, null),
                new DataContext(dir, 3));
        DataPipeline p = d.pipeline();
        assertThat(p.output().kind()).isEqualTo(OutputKind.STEP_CLASSES);
        assertThat(p.inputType().kind()).isEqualTo(ValueType.Kind.TOKENS);
        TokenGenerator g = p.capability(TokenGenerator.class).orElseThrow();
        int[] ids = g.encodePrompt("R:jig\n");
        StringBuilder back = new StringBuilder();
        for (int id : ids) {
            back.append(g.piece(id));
        }
        assertThat(back).hasToString("R:jig\n");
        // three tunes of text "R:..\nM:..\nL:1/8\nK:..\n<body>\n\n" in windows of 8 characters
        String all = "R:jig\nM:6/8\nL:1/8\nK:G\n|:GAG GAB|ABA ABd:|\n\n" + "R:reel\nM:C|\nL:1/8\nK:Edor\n|:E2BE dEBE|E2BE AFDF:|\n\n"
                + "R:jig\nM:6/8\nL:1/8\nK:D\nDFA dAF|GBd gdB|\n\n";
        assertThat(d.size(Split.TRAIN)).isEqualTo((all.length() - 1) / 8);
    }

    @Test
    void fromHeaderGivesOneConditioningVectorAndTheBodyAsTeacher(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.abc"), TUNES);
        LoadedData d = new TunesKind().load(spec(TuneTask.FROM_HEADER, null), new DataContext(dir, 3));
        DataPipeline p = d.pipeline();
        // rhythms: 6; meters 6/8, C|; keys D, Edor, G
        assertThat(p.inputType()).isEqualTo(ValueType.vector(6 + 2 + 3));
        assertThat(p.output().kind()).isEqualTo(OutputKind.SEQUENCE);
        Tensor x = p.encode(Map.of("rhythm", "Reel", "meter", "C|", "key", "E dorian"));
        assertThat(x.toArray()).containsExactly(0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0);
        assertThatThrownBy(() -> p.encode(Map.of("rhythm", "reel", "meter", "3/4", "key", "D")))
                .isInstanceOf(RecordException.class).hasMessageContaining("meter \"3/4\" is not one this model was trained with");
        List<TrainBatch> b = d.batches(Split.TRAIN, BatchPlan.evaluation(8)).batches(0);
        TrainBatch first = b.get(0);
        assertThat(first.input().isSequence()).isFalse();
        assertThat(first.input().values().shape().dims()).containsExactly(3, 11);
        // the longest body is Drowsy Maggie's 23 characters + <eos>
        assertThat(first.targets().shape().dims()).containsExactly(3, 24);
        assertThat(first.targetMask().lengths()).containsExactly(20, 24, 17);
        assertThat(first.targets().getFlat(19)).isEqualTo(Vocabulary.EOS);
        Vocabulary chars = Vocabulary.fromJson(new String(p.store().get("vocabulary.json")), "v");
        int[] kesh = new int[19];
        for (int i = 0; i < 19; i++) {
            kesh[i] = (int) first.targets().getFlat(i);
        }
        assertThat(TunesKind.body(kesh, chars)).isEqualTo("|:GAG GAB|ABA ABd:|");
        DataPipeline back = new TunesKind().restore(spec(TuneTask.FROM_HEADER, null), p.store(), "m!");
        assertThat(back.inputType()).isEqualTo(p.inputType());
        assertThat(back.encode(Map.of("rhythm", "jig", "meter", "6/8", "key", "G")).toArray())
                .containsExactly(p.encode(Map.of("rhythm", "jig", "meter", "6/8", "key", "G")).toArray());
    }

    @Test
    void splitsAreByTuneAndSeeded(@TempDir Path dir) throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            many.append("X:").append(i).append("\nM:6/8\nK:G\nGAG GAB|\n\n");
        }
        Files.writeString(dir.resolve("t.abc"), many);
        TunesData s = spec(TuneTask.FROM_HEADER, SplitSource.fraction(0.25));
        LoadedData a = new TunesKind().load(s, new DataContext(dir, 3));
        assertThat(a.size(Split.TEST)).isEqualTo(10);
        assertThat(a.size(Split.TRAIN)).isEqualTo(30);
    }

    @Test
    void badTuneFilesAreLocated(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.abc"), "X:1\nT:no meter\nK:G\nGAG|\n");
        assertThatThrownBy(() -> new TunesKind().load(spec(TuneTask.LANGUAGE_MODEL, null), new DataContext(dir, 3)))
                .hasMessageStartingWith("RNN4J-DATA-141: bad ABC tune in " + dir.resolve("t.abc") + ", line 1: found a tune "
                        + "without an M: field");
    }
}
