package io.rnn4j.it.plugin;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;
import java.util.List;

/** The {@code scale} layer kind: {@code y = x * g} with a learnable gain {@code g} per feature. */
public final class ScaleKind implements LayerKind<ScaleSpec> {
    @Override
    public String id() {
        return "scale";
    }

    @Override
    public Class<ScaleSpec> specType() {
        return ScaleSpec.class;
    }

    @Override
    public String description() {
        return "Multiplies every feature by a learnable gain (plugin).";
    }

    @Override
    public ValueType outputType(ScaleSpec spec, ValueType input, ShapeProblems problems) {
        if (input.kind() == ValueType.Kind.TOKENS) {
            problems.error("RNN4J-PLUGIN-SCALE-001", "", "scale needs feature vectors, but it gets " + input.describe(),
                    "put it after an embedding");
            return null;
        }
        return input;
    }

    @Override
    public void declare(ScaleSpec spec, String name, ValueType input, ParameterSet.Builder params) {
        params.add(ParamId.of(name, ParamRole.KERNEL), input.features());
    }

    @Override
    public Layer create(ScaleSpec spec, String name, ValueType input, ParameterSet params, Backend backend) {
        return new Scale(name, spec, input.features(), params);
    }

    /** The runtime layer. */
    static final class Scale implements Layer {
        private final String name;
        private final ScaleSpec spec;
        private final int features;
        private final Tensor gain;
        private final Tensor dgain;
        private Flow last;

        Scale(String name, ScaleSpec spec, int features, ParameterSet params) {
            this.name = name;
            this.spec = spec;
            this.features = features;
            this.gain = params.get(ParamId.of(name, ParamRole.KERNEL)).value();
            this.dgain = params.get(ParamId.of(name, ParamRole.KERNEL)).grad();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<ParamId> parameterIds() {
            return List.of(ParamId.of(name, ParamRole.KERNEL));
        }

        @Override
        public int outputSize() {
            return features;
        }

        @Override
        public void initialize(RandomSource random) {
            gain.fill(spec.init());
        }

        @Override
        public Flow forward(Flow input, LayerContext context) {
            Tensor x = input.values();
            Tensor y = Tensor.zeros(x.shape().dims());
            for (int i = 0; i < x.size(); i++) {
                y.setFlat(i, x.getFlat(i) * gain.getFlat(i % features));
            }
            if (context.training()) {
                last = input;
            }
            return new Flow(y, input.mask(), input.state());
        }

        @Override
        public Flow backward(Flow gradOutput) {
            Tensor x = last.values();
            Tensor g = gradOutput.values();
            Tensor dx = Tensor.zeros(x.shape().dims());
            for (int i = 0; i < x.size(); i++) {
                dgain.setFlat(i % features, dgain.getFlat(i % features) + g.getFlat(i) * x.getFlat(i));
                dx.setFlat(i, g.getFlat(i) * gain.getFlat(i % features));
            }
            return new Flow(dx, gradOutput.mask(), gradOutput.state());
        }
    }
}
