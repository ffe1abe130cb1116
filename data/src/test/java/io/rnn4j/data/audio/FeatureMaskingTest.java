package io.rnn4j.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SpecAugment-style masks: where they fall, how wide they are, and that a seed fixes them. */
class FeatureMaskingTest {
    private static float[][] ones(int frames, int dims) {
        float[][] f = new float[frames][dims];
        for (float[] row : f) {
            java.util.Arrays.fill(row, 1f);
        }
        return f;
    }

    @Test
    void oneFrequencyMaskZeroesAtMostItsWidthOfAdjacentColumnsInEveryFrame() {
        FeatureMasking m = new FeatureMasking(0, 0, 1, 4);
        boolean someMasked = false;
        for (long seed = 0; seed < 50; seed++) {
            float[][] out = m.apply(ones(30, 23), seed);
            // the masked columns: the same in every frame, adjacent, at most 4
            int first = -1;
            int last = -1;
            for (int c = 0; c < 23; c++) {
                if (out[0][c] == 0f) {
                    first = first < 0 ? c : first;
                    last = c;
                }
            }
            for (float[] row : out) {
                for (int c = 0; c < 23; c++) {
                    assertThat(row[c]).isEqualTo(first >= 0 && c >= first && c <= last ? 0f : 1f);
                }
            }
            assertThat(first < 0 ? 0 : last - first + 1).isLessThanOrEqualTo(4);
            someMasked |= first >= 0;
        }
        assertThat(someMasked).isTrue();
    }

    @Test
    void oneTimeMaskZeroesAdjacentFramesAndAtMostAFifthOfTheUtterance() {
        FeatureMasking m = new FeatureMasking(1, 100, 0, 0);
        int widest = 0;
        for (long seed = 0; seed < 200; seed++) {
            float[][] out = m.apply(ones(40, 5), seed);
            int first = -1;
            int last = -1;
            for (int t = 0; t < 40; t++) {
                if (out[t][0] == 0f) {
                    first = first < 0 ? t : first;
                    last = t;
                }
                for (float v : out[t]) {
                    assertThat(v).isEqualTo(out[t][0]); // a whole frame or nothing
                }
            }
            int width = first < 0 ? 0 : last - first + 1;
            if (first >= 0) {
                for (int t = first; t <= last; t++) {
                    assertThat(out[t][0]).isZero();
                }
            }
            widest = Math.max(widest, width);
        }
        // 100 frames asked, but a mask covers at most 40 / 5 = 8 frames; over 200 seeds the widest is reached
        assertThat(widest).isEqualTo(8);
    }

    @Test
    void theSameSeedMasksTheSameAndTheInputIsNotChanged() {
        FeatureMasking m = new FeatureMasking(2, 5, 2, 3);
        float[][] in = ones(50, 10);
        float[][] a = m.apply(in, 42);
        float[][] b = m.apply(in, 42);
        assertThat(a).isDeepEqualTo(b);
        assertThat(in).isDeepEqualTo(ones(50, 10));
        boolean differs = false;
        for (long seed = 43; seed < 60 && !differs; seed++) {
            differs = !java.util.Arrays.deepEquals(a, m.apply(in, seed));
        }
        assertThat(differs).isTrue();
    }

    @Test
    void noMasksLeaveTheFeaturesAsTheyAreAndNegativeSizesAreRefused() {
        assertThat(FeatureMasking.NONE.isNone()).isTrue();
        assertThat(new FeatureMasking(3, 0, 2, 0).isNone()).isTrue();
        assertThat(new FeatureMasking(0, 0, 1, 1).isNone()).isFalse();
        float[][] in = ones(10, 4);
        assertThat(FeatureMasking.NONE.apply(in, 1)).isDeepEqualTo(in);
        assertThatThrownBy(() -> new FeatureMasking(-1, 0, 0, 0)).hasMessageContaining("must be >= 0");
    }
}
