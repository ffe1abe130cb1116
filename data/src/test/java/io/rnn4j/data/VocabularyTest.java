package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Rnn4jException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {
    private static final List<List<String>> DOCS = List.of(
            List.of("b", "a", "c", "a"),
            List.of("c", "d", "a", "e"),
            List.of("b", "<unk>"));

    @Test
    void ordersByFrequencyThenTokenAfterTheReservedIds() {
        Vocabulary v = Vocabulary.build(DOCS, new VocabularyOptions(0, 1, false));
        // a:3, b:2, c:2, d:1, e:1; the literal "<unk>" is reserved and not added twice
        assertThat(v.tokens()).containsExactly("<pad>", "<unk>", "a", "b", "c", "d", "e");
        assertThat(v.id("<pad>")).isEqualTo(Vocabulary.PAD).isZero();
        assertThat(v.id("<unk>")).isEqualTo(Vocabulary.UNK).isOne();
        assertThat(v.id("zzz")).isEqualTo(Vocabulary.UNK);
        assertThat(v.generation()).isFalse();
    }

    @Test
    void generationVocabulariesReserveBosAndEos() {
        Vocabulary v = Vocabulary.build(DOCS, new VocabularyOptions(0, 1, true));
        assertThat(v.tokens().subList(0, 5)).containsExactly("<pad>", "<unk>", "<bos>", "<eos>", "a");
        assertThat(v.id("<bos>")).isEqualTo(Vocabulary.BOS);
        assertThat(v.id("<eos>")).isEqualTo(Vocabulary.EOS);
        assertThat(v.generation()).isTrue();
    }

    @Test
    void maxSizeCountsReservedTokensAndMinFreqDropsRareTokens() {
        assertThat(Vocabulary.build(DOCS, new VocabularyOptions(4, 1, false)).tokens()).containsExactly("<pad>", "<unk>", "a", "b");
        assertThat(Vocabulary.build(DOCS, new VocabularyOptions(0, 2, false)).tokens()).containsExactly("<pad>", "<unk>", "a", "b", "c");
    }

    @Test
    void encodesAndDecodes() {
        Vocabulary v = Vocabulary.build(DOCS, new VocabularyOptions(0, 1, true));
        assertThat(v.encode(List.of("a", "x", "e"))).containsExactly(4, 1, 8);
        assertThat(v.decode(new int[] {2, 4, 5, 3, 6}, " ")).isEqualTo("a b");
        assertThat(v.decode(new int[] {4, 0, 0}, "")).isEqualTo("a");
    }

    @Test
    void roundTripsThroughJsonIncludingControlCharacterTokens(@TempDir Path dir) throws Exception {
        Vocabulary v = Vocabulary.build(List.of(List.of("\n", "a", "\"", "\n")), new VocabularyOptions(0, 1, true));
        assertThat(Vocabulary.fromJson(v.toJson(), "x")).isEqualTo(v);
        Path f = dir.resolve("vocab.json");
        v.write(f);
        assertThat(Vocabulary.read(f)).isEqualTo(v);
        assertThat(v.toJson()).startsWith("{\n  \"format\" : \"rnn4j-vocabulary\",\n  \"version\" : 1,\n  \"tokens\" : [ \"<pad>\", \"<unk>\", \"<bos>\", \"<eos>\", \"\\n\"");
    }

    @Test
    void rejectsAForeignOrCorruptFileWithAMessage() {
        assertThatThrownBy(() -> Vocabulary.fromJson("{\"format\": \"rnn4j-labels\", \"version\": 1, \"labels\": [\"a\"]}", "model.zip!/vocab.json"))
                .isInstanceOf(Rnn4jException.class)
                .hasMessage("RNN4J-DATA-015: unreadable vocabulary in model.zip!/vocab.json: found format \"rnn4j-labels\"; "
                        + "expected a JSON object with \"format\": \"rnn4j-vocabulary\" and \"version\": 1. "
                        + "Fix: write it with rnn4j's own writer, or take it from the model archive it came with.");
        assertThatThrownBy(() -> Vocabulary.fromJson("{\"format\": \"rnn4j-vocabulary\", \"version\": 1, \"tokens\": [\"a\", \"b\"]}", "v.json"))
                .hasMessage("RNN4J-DATA-015: unreadable vocabulary in v.json: found tokens starting with [a, b]; "
                        + "expected a JSON object with \"format\": \"rnn4j-vocabulary\" and \"version\": 1. "
                        + "Fix: write it with rnn4j's own writer, or take it from the model archive it came with.");
        assertThatThrownBy(() -> Vocabulary.fromJson("{\"format\": ", "v.json"))
                .hasMessageStartingWith("RNN4J-DATA-015: unreadable vocabulary in v.json: found invalid JSON (");
    }

    @Test
    void buildsDeterministicallyRegardlessOfDocumentOrder() {
        Vocabulary a = Vocabulary.build(DOCS, new VocabularyOptions(0, 1, false));
        Vocabulary b = Vocabulary.build(List.of(DOCS.get(2), DOCS.get(1), DOCS.get(0)), new VocabularyOptions(0, 1, false));
        assertThat(a).isEqualTo(b);
    }
}
