package io.rnn4j.onnx.internal;

import io.rnn4j.core.Activation;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.onnx.spi.ExportContext;
import io.rnn4j.onnx.spi.LayerExporter;
import io.rnn4j.onnx.spi.OnnxValue;
import java.util.List;

/** Exporters of the {@code embedding}, {@code dense} and {@code dropout} layer kinds. */
public final class SimpleExporters {
    private SimpleExporters() {
    }

    /**
     * {@code y = f(x W + b)} as {@code MatMul} (+ {@code Add}) (+ the activation). On a sequence the
     * output is zeroed at padded steps, as rnn4j's dense layer does (there {@code f(b)} would appear).
     */
    static String dense(ExportContext ctx, String layer, String x) {
        Tensor w = ctx.parameter(ParamId.of(layer, ParamRole.KERNEL));
        String y = ctx.op("MatMul", List.of(x, ctx.initializer("W", w.toArray(), w.dim(0), w.dim(1))));
        ParamId biasId = ParamId.of(layer, ParamRole.BIAS);
        if (ctx.hasParameter(biasId)) {
            Tensor b = ctx.parameter(biasId);
            y = ctx.op("Add", List.of(y, ctx.initializer("b", b.toArray(), b.dim(0))));
        }
        return y;
    }

    /** Output features of a dense layer's kernel. */
    static int units(ExportContext ctx, String layer) {
        return ctx.parameter(ParamId.of(layer, ParamRole.KERNEL)).dim(1);
    }

    /** The {@code dense} exporter. */
    public static final class Dense implements LayerExporter {
        /** Used by {@link java.util.ServiceLoader}. */
        public Dense() {
        }

        @Override
        public String kindId() {
            return "dense";
        }

        @Override
        public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
            DenseSpec spec = (DenseSpec) node.spec();
            String y = dense(ctx, node.name(), input.name());
            if (spec.activation() != Activation.IDENTITY) {
                y = ctx.op(switch (spec.activation()) {
                    case SIGMOID -> "Sigmoid";
                    case TANH -> "Tanh";
                    case RELU -> "Relu";
                    case IDENTITY -> throw new AssertionError();
                }, List.of(y));
            }
            if (input.kind() == ValueType.Kind.SEQUENCE) {
                return new OnnxValue(ctx.zeroPadding(y, input.timeMajor()), input.kind(), input.timeMajor(),
                        spec.units());
            }
            return OnnxValue.vectors(y, spec.units());
        }
    }

    /** The {@code embedding} exporter: {@code Gather} on the table, zero at padded steps. */
    public static final class Embedding implements LayerExporter {
        /** Used by {@link java.util.ServiceLoader}. */
        public Embedding() {
        }

        @Override
        public String kindId() {
            return "embedding";
        }

        @Override
        public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
            ParamId id = ParamId.of(node.name(), ParamRole.EMBEDDING);
            Tensor table = ctx.parameter(id);
            String t = ctx.parameterInitializer("table", id); // shared with a head that ties to it
            String y = ctx.op("Gather", List.of(t, input.name()), io.rnn4j.onnx.spi.OnnxAttribute.of("axis", 0L));
            return OnnxValue.sequence(ctx.zeroPadding(y, false), table.dim(1));
        }
    }

    /** The {@code dropout} exporter: nothing, dropout is the identity at inference. */
    public static final class Dropout implements LayerExporter {
        /** Used by {@link java.util.ServiceLoader}. */
        public Dropout() {
        }

        @Override
        public String kindId() {
            return "dropout";
        }

        @Override
        public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
            return input;
        }
    }
}
