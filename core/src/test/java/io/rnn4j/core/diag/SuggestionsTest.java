package io.rnn4j.core.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> BACKENDS = List.of("vector", "cpu", "mini", "onnxruntime");

    @Test
    void aTypoGetsTheClosestName() {
        assertThat(Suggestions.closest("mni", BACKENDS)).contains("mini");
        assertThat(Suggestions.closest("vectr", BACKENDS)).contains("vector");
        assertThat(Suggestions.closest("CPU", BACKENDS)).contains("cpu");
        assertThat(Suggestions.closest("vectro", BACKENDS)).as("a transposition").contains("vector");
    }

    @Test
    void somethingUnlikeEveryNameGetsNoSuggestion() {
        assertThat(Suggestions.closest("tensorflow", BACKENDS)).isEmpty();
        assertThat(Suggestions.closest("mni", List.of())).isEmpty();
    }

    @Test
    void distanceCountsAnAdjacentTranspositionAsOneEdit() {
        assertThat(Suggestions.distance("untis", "units")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
