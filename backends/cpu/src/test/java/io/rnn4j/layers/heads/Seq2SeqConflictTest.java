package io.rnn4j.layers.heads;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.spec.DataFacts;
import org.junit.jupiter.api.Test;

/** A seq2seq decoder's max_length against the longest target of the loaded data (RNN4J-DSL-074). */
class Seq2SeqConflictTest {
    private static Seq2SeqSpec decoder(int maxLength) {
        return new Seq2SeqSpec(DecoderCell.GRU, 8, null, maxLength);
    }

    @Test
    void aTargetThatFitsWithItsEosIsFineAndOneTokenMoreIsNot() {
        DataFacts facts = new DataFacts(DataFacts.UNKNOWN, 20, DataFacts.UNKNOWN).withLongestTarget(11);
        assertThat(decoder(11).conflicts(facts)).isEmpty();
        assertThat(decoder(10).conflicts(facts)).singleElement().satisfies(c -> {
            assertThat(c.option()).isEqualTo("max_length");
            assertThat(c.message()).isEqualTo("the decoder writes at most 10 tokens (<eos> included), but the longest "
                    + "target of the data has 10 tokens and needs 11");
            assertThat(c.hint()).isEqualTo("raise max_length to at least 11, or cut the targets to 9 tokens with "
                    + "data.max_target_length");
        });
    }

    @Test
    void factsThatDoNotSayTheLongestTargetGiveNoConflict() {
        assertThat(decoder(1).conflicts(DataFacts.unknown())).isEmpty();
        assertThat(decoder(1).conflicts(new DataFacts(3, 20, DataFacts.UNKNOWN))).isEmpty();
    }
}
