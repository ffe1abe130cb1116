package io.rnn4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.Direction;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.ParameterVersion;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.RecurrentCall;
import io.rnn4j.core.spi.RecurrentWeights;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The inference cache of packed recurrent weights ({@link PackedWeights}): reused while no weight was written,
 * packed again after a training step wrote the weights through the parameter set, so that inference after
 * training never runs on stale weights. Each output is compared with a fresh backend's (which packs anew).
 */
class PackedWeightsTest {

    @ParameterizedTest
    @EnumSource(value = CellKind.class, names = {"GRU", "LSTM"})
    void inferenceAfterATrainingStepUsesTheNewWeightsAndUnchangedWeightsAreNotPackedAgain(CellKind cell) {
        int in = 5;
        int h = 12;
        int b = 3;
        int t = 4;
        int g = cell.gates();
        ParameterSet ps = ParameterSet.builder().add(ParamId.of("rnn", ParamRole.WEIGHT_IH), g * h, in)
                .add(ParamId.of("rnn", ParamRole.WEIGHT_HH), g * h, h).add(ParamId.of("rnn", ParamRole.BIAS_IH), g * h)
                .add(ParamId.of("rnn", ParamRole.BIAS_HH), g * h).build();
        SplittableRandom r = new SplittableRandom(7);
        float[] v = ps.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() - 0.5) * 0.6f;
        }
        RecurrentWeights w = new RecurrentWeights(cell, in, h, ps.get(ParamId.of("rnn", ParamRole.WEIGHT_IH)).value(),
                ps.get(ParamId.of("rnn", ParamRole.WEIGHT_HH)).value(), ps.get(ParamId.of("rnn", ParamRole.BIAS_IH)).value(),
                ps.get(ParamId.of("rnn", ParamRole.BIAS_HH)).value());
        float[] x = new float[b * t * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble() - 0.5f;
        }
        RecurrentCall call = new RecurrentCall(w, Tensor.of(x, b, t, in), new SequenceMask(b, t, new int[] {t, 2, 3}),
                Tensor.zeros(b, h), cell.hasCellState() ? Tensor.zeros(b, h) : null, Direction.FORWARD, null, false);
        try (VectorBackend vb = new VectorBackend(BackendOptions.threads(1))) {
            FusedRecurrentKernel k = (FusedRecurrentKernel) vb.recurrentKernel(cell).orElseThrow();
            float[] first = k.forward(call).output().toArray();
            long packs = k.inferencePacked;
            float[] again = k.forward(call).output().toArray();
            assertThat(again).containsExactly(first);
            assertThat(k.inferencePacked).as("unchanged weights are not packed again").isEqualTo(packs);

            // a training step: the trainer's optimizer writes the flat values it takes from the parameter set
            float[] values = ps.values();
            for (int i = 0; i < values.length; i++) {
                values[i] -= 0.05f * (float) Math.sin(i);
            }
            float[] stepped = k.forward(call).output().toArray();
            assertThat(k.inferencePacked).as("the written weights are packed again").isEqualTo(packs + 1);
            assertThat(stepped).as("the output changed with the weights").isNotEqualTo(first);
            assertThat(stepped).as("as a backend that never saw the old weights computes it").containsExactly(fresh(cell, call));

            // one weight set in place through the tensor (as FusedKernelTest does)
            w.wHh().setFlat(3, w.wHh().getFlat(3) + 0.25f);
            assertThat(k.forward(call).output().toArray()).containsExactly(fresh(cell, call));
            // weights written through a tensor's array, then announced
            w.bIh().data()[w.bIh().offset() + 1] -= 0.25f;
            ParameterVersion.changed();
            assertThat(k.forward(call).output().toArray()).containsExactly(fresh(cell, call));
            assertThat(k.inferencePacked).isEqualTo(packs + 3);
        }
    }

    private static float[] fresh(CellKind cell, RecurrentCall call) {
        try (VectorBackend vb = new VectorBackend(BackendOptions.threads(1))) {
            return vb.recurrentKernel(cell).orElseThrow().forward(call).output().toArray();
        }
    }
}
