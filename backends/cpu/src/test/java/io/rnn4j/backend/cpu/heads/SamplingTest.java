package io.rnn4j.backend.cpu.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.RandomSource;
import io.rnn4j.layers.heads.Sampling;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void greedyPicksTheFirstLargestLogit() {
        float[] z = {9, 0.5f, 3f, 3f, -1f};
        assertThat(Sampling.greedy().pick(z, 1, 4, new RandomSource(0))).isEqualTo(1);
    }

    @Test
    void temperatureOneSamplesTheSoftmax() {
        float[] z = {0f, (float) Math.log(2), (float) Math.log(7)}; // p = 1/10, 2/10, 7/10
        RandomSource r = new RandomSource(4);
        int[] counts = new int[3];
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            counts[new Sampling(1, 0).pick(z, 0, 3, r)]++;
        }
        assertThat(counts[0] / (double) n).isCloseTo(0.1, within(0.01));
        assertThat(counts[1] / (double) n).isCloseTo(0.2, within(0.01));
        assertThat(counts[2] / (double) n).isCloseTo(0.7, within(0.01));
    }

    @Test
    void topKRenormalisesOverTheKLargestAndTemperatureFlattens() {
        float[] z = {(float) Math.log(4), 0f, (float) Math.log(4), -50f}; // top-2: tokens 0 and 2, equally likely
        RandomSource r = new RandomSource(5);
        int[] counts = new int[4];
        for (int i = 0; i < 20_000; i++) {
            counts[new Sampling(10, 2).pick(z, 0, 4, r)]++;
        }
        assertThat(counts[1] + counts[3]).isZero();
        assertThat(counts[0] / 20_000.0).isCloseTo(0.5, within(0.02));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new Sampling(-1, 0)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new Sampling(Double.NaN, 0)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new Sampling(1, -2)).hasMessageContaining("top_k");
    }
}
