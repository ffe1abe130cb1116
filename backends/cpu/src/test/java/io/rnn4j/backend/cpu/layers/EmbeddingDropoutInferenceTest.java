package io.rnn4j.backend.cpu.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.backend.cpu.CpuBackendProvider;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.layers.DropoutLayer;
import io.rnn4j.layers.DropoutSpec;
import io.rnn4j.layers.EmbeddingLayer;
import org.junit.jupiter.api.Test;

/**
 * The embedding gathers only the valid steps and inference dropout passes an already clean input through:
 * both give, bit for bit, what the earlier code gave (every step gathered, then the padded steps set to
 * {@code +0.0}; inference dropout a copy with the padded steps set to {@code +0.0}), computed here
 * independently from the table and the input.
 */
class EmbeddingDropoutInferenceTest {
    private static final int V = 11;
    private static final int D = 5;
    private final Backend be = new CpuBackendProvider().create(BackendOptions.threads(1));

    private static Flow ids(int[] lengths, int t, float padId) {
        float[] x = new float[lengths.length * t];
        java.util.Arrays.fill(x, padId);
        java.util.Random r = new java.util.Random(3);
        for (int b = 0; b < lengths.length; b++) {
            for (int s = 0; s < lengths[b]; s++) {
                x[b * t + s] = r.nextInt(V);
            }
        }
        return new Flow(Tensor.of(x, lengths.length, t), new SequenceMask(lengths.length, t, lengths));
    }

    @Test
    void embeddingAndInferenceDropoutEqualGatherThenZeroThePaddingBitForBit() {
        ParameterSet.Builder pb = ParameterSet.builder();
        EmbeddingLayer.declare(pb, "e", V, D);
        ParameterSet params = pb.build();
        EmbeddingLayer e = new EmbeddingLayer("e", V, D, params, be);
        e.initialize(new RandomSource(5));
        params.values()[0] = -1.5f; // a non-zero <pad> row (the only parameter is [V, D]): what a gathered padding holds
        float[] table = params.values().clone();
        int[] lengths = {3, 0, 6, 1, 6};
        int t = 6;
        for (float padId : new float[] {0f, 7f, 2.5f}) { // what the padding holds is never read
            Flow in = ids(lengths, t, padId);
            for (LayerContext ctx : new LayerContext[] {LayerContext.inference(), LayerContext.training(new RandomSource(1))}) {
                Tensor y = e.forward(in, ctx).values();
                assertThat(y.shape().dims()).containsExactly(lengths.length, t, D);
                float[] got = y.toArray();
                for (int b = 0; b < lengths.length; b++) {
                    for (int s = 0; s < t; s++) {
                        for (int f = 0; f < D; f++) {
                            float want = s < lengths[b] ? table[(int) in.values().getFlat(b * t + s) * D + f] : 0f;
                            assertThat(Float.floatToRawIntBits(got[(b * t + s) * D + f])).as("b %d s %d f %d", b, s, f)
                                    .isEqualTo(Float.floatToRawIntBits(want));
                        }
                    }
                }
            }
            Flow emb = e.forward(in, LayerContext.inference());
            DropoutLayer drop = new DropoutLayer("d", new DropoutSpec(0.3f), D, be);
            assertThat(drop.forward(emb, LayerContext.inference()).values().toArray()).isEqualTo(emb.values().toArray());
        }
    }

    @Test
    void inferenceDropoutZeroesPaddingThatIsNotZeroAndNeverWritesItsInput() {
        int[] lengths = {2, 4, 0};
        int t = 4;
        Tensor x = Tensor.zeros(3, t, D);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, i % 3 == 0 ? -0f : i - 20.5f); // -0.0 is not +0.0: the padding must be rewritten
        }
        float[] before = x.toArray();
        Flow in = new Flow(x, new SequenceMask(3, t, lengths));
        DropoutLayer drop = new DropoutLayer("d", new DropoutSpec(0.5f), D, be);
        float[] got = drop.forward(in, LayerContext.inference()).values().toArray();
        for (int b = 0; b < 3; b++) {
            for (int s = 0; s < t; s++) {
                for (int f = 0; f < D; f++) {
                    int i = (b * t + s) * D + f;
                    float want = s < lengths[b] ? before[i] : 0f;
                    assertThat(Float.floatToRawIntBits(got[i])).as("b %d s %d f %d", b, s, f)
                            .isEqualTo(Float.floatToRawIntBits(want));
                }
            }
        }
        assertThat(x.toArray()).as("the input is not changed").isEqualTo(before);
        Flow clean = drop.forward(in, LayerContext.inference());
        assertThat(drop.forward(clean, LayerContext.inference()).values()).as("a clean input passes as it is")
                .isSameAs(clean.values());
    }
}
