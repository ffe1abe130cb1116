package io.rnn4j.data.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TalliesTest {
    @Test
    void theMostFrequentKeyWins() {
        assertThat(Tallies.mostFrequent(Map.of(3, 5, 7, 9, 1, 2), -1)).isEqualTo(7);
    }

    @Test
    void aTieGoesToTheSmallestKeyWhateverTheIterationOrder() {
        Map<Integer, Integer> forward = new LinkedHashMap<>();
        forward.put(4, 6);
        forward.put(9, 6);
        forward.put(2, 1);
        Map<Integer, Integer> backward = new LinkedHashMap<>();
        backward.put(9, 6);
        backward.put(2, 1);
        backward.put(4, 6);
        assertThat(Tallies.mostFrequent(forward, -1)).isEqualTo(4);
        assertThat(Tallies.mostFrequent(backward, -1)).isEqualTo(4);
        // large keys land in HashMap buckets out of numeric order
        Map<Integer, Integer> hashed = new HashMap<>(Map.of(1_000_003, 2, 17, 2, 65_536, 2));
        assertThat(Tallies.mostFrequent(hashed, -1)).isEqualTo(17);
    }

    @Test
    void nothingCountedGivesTheCallersDefault() {
        assertThat(Tallies.mostFrequent(Map.of(), -1)).isEqualTo(-1);
        assertThat(Tallies.mostFrequent(Map.of(), 0)).isZero();
    }
}
