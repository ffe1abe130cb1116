package io.rnn4j.layers.heads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Max pooling's inference loop ({@link ManyToOneHead#maxOverSteps}, eight features at a time in registers)
 * gives the bits of the per-value loop it replaced ({@code out = v > out ? v : out}, step after step) for
 * feature counts around its block of eight, with ties, signed zeros and NaN (a NaN is never taken over a
 * number, and a -0.0 seen first stays).
 */
class MaxOverStepsTest {
    @Test
    void equalsThePerValueLoopBitForBit() {
        float[] values = {-0.0f, 0.0f, 1f, -1f, 2.5f, Float.NaN, -3f, 1f, Float.NEGATIVE_INFINITY};
        Random r = new Random(9);
        for (int features : new int[] {1, 3, 7, 8, 9, 16, 19, 96}) {
            for (int len : new int[] {1, 2, 5, 13}) {
                int offset = 3;
                float[] in = new float[offset + len * features + 2];
                for (int i = 0; i < in.length; i++) {
                    in[i] = values[r.nextInt(values.length)];
                }
                float[] got = new float[features + 4];
                float[] want = new float[features + 4];
                ManyToOneHead.maxOverSteps(in, offset, len, features, got, 2);
                System.arraycopy(in, offset, want, 2, features);
                for (int s = 1; s < len; s++) {
                    for (int f = 0; f < features; f++) {
                        float v = in[offset + s * features + f];
                        float m = want[2 + f];
                        want[2 + f] = v > m ? v : m;
                    }
                }
                for (int i = 0; i < want.length; i++) {
                    assertThat(Float.floatToRawIntBits(got[i])).as("features %d, steps %d, at %d: %s vs %s", features, len,
                            i, got[i], want[i]).isEqualTo(Float.floatToRawIntBits(want[i]));
                }
            }
        }
    }
}
