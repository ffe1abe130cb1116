package io.rnn4j.onnx.internal;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.onnx.OnnxNames;
import io.rnn4j.onnx.StateInputs;
import io.rnn4j.onnx.spi.ExportContext;
import io.rnn4j.onnx.spi.OnnxAttribute;
import io.rnn4j.onnx.spi.OnnxValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@code GraphProto}: the only class that touches protobuf. Tensor and node names are made
 * unique and prefixed with the layer being exported ({@code lstm_1/LSTM_3}), so the graph reads well in
 * Netron. Helper tensors (lengths, masks, batch size) are built once, on first use.
 */
public final class GraphBuilder implements ExportContext {
    private static final String BATCH = "batch";
    private static final String TIME = "time";

    private final ParameterSet params;
    private final StateInputs stateInputs;
    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private final java.util.Map<ParamId, String> parameterInitializers = new java.util.HashMap<>();
    private int counter;
    private String scope = "";

    private String input;
    private boolean hasTime;
    private String lengths;
    private String validBatchMajor;
    private String validTimeMajor;
    private String nonEmpty;
    private String batchSize;

    /** A builder reading parameter values from {@code params}, with state inputs or without. */
    public GraphBuilder(ParameterSet params, String graphName, StateInputs stateInputs) {
        this.params = params;
        this.stateInputs = stateInputs;
        graph.setName(graphName);
        names.add(OnnxNames.INPUT);
        names.add(OnnxNames.SEQUENCE_LENS);
        names.add(OnnxNames.OUTPUT);
    }

    /** Prefixes the names of what is added next (the layer being exported). */
    public void scope(String layerName) {
        this.scope = layerName;
    }

    /**
     * Declares the graph inputs for the model's input type and returns the first value: token ids with
     * their padding replaced by id 0 (padding may hold anything, even ids outside the vocabulary), or a
     * sequence zeroed at padded steps (padding is never read, as in rnn4j), or the vectors as given.
     */
    public OnnxValue declareInput(ValueType type) {
        hasTime = type.hasTime();
        scope("input");
        switch (type.kind()) {
            case TOKENS -> {
                graph.addInput(valueInfo(OnnxNames.INPUT, OnnxMl.TensorProto.DataType.INT64, BATCH, TIME));
                graph.addInput(valueInfo(OnnxNames.SEQUENCE_LENS, OnnxMl.TensorProto.DataType.INT32, BATCH));
                input = OnnxNames.INPUT;
                String valid = op("Squeeze", List.of(validSteps(false), int64s(2)));
                return OnnxValue.tokens(op("Where", List.of(valid, OnnxNames.INPUT, int64Scalar(0))));
            }
            case SEQUENCE -> {
                graph.addInput(valueInfo(OnnxNames.INPUT, OnnxMl.TensorProto.DataType.FLOAT, BATCH, TIME,
                        type.features()));
                graph.addInput(valueInfo(OnnxNames.SEQUENCE_LENS, OnnxMl.TensorProto.DataType.INT32, BATCH));
                input = OnnxNames.INPUT;
                return OnnxValue.sequence(zeroPadding(OnnxNames.INPUT, false), type.features());
            }
            case VECTOR -> {
                graph.addInput(valueInfo(OnnxNames.INPUT, OnnxMl.TensorProto.DataType.FLOAT, BATCH, type.features()));
                input = OnnxNames.INPUT;
                return OnnxValue.vectors(OnnxNames.INPUT, type.features());
            }
            default -> throw new AssertionError(type.kind());
        }
    }

    /** Declares the graph output {@code output}: batch-major, {@code [batch, n]} or {@code [batch, time, n]}. */
    public void declareOutput(OnnxValue value) {
        scope("output");
        OnnxValue v = value.kind() == ValueType.Kind.SEQUENCE ? batchMajor(value) : value;
        graph.addNode(node("Identity", List.of(v.name()), List.of(OnnxNames.OUTPUT)));
        if (v.kind() == ValueType.Kind.SEQUENCE) {
            graph.addOutput(valueInfo(OnnxNames.OUTPUT, OnnxMl.TensorProto.DataType.FLOAT, BATCH, TIME, v.features()));
        } else if (v.kind() == ValueType.Kind.VECTOR) {
            graph.addOutput(valueInfo(OnnxNames.OUTPUT, OnnxMl.TensorProto.DataType.FLOAT, BATCH, v.features()));
        } else {
            throw new Rnn4jException("RNN4J-ONNX-002", "the model outputs token ids; only float outputs are exported");
        }
    }

    /** The finished graph. */
    public OnnxMl.GraphProto build() {
        return graph.build();
    }

    /**
     * Declares a graph input of another name than {@code input} (the decoder-step graph's {@code token},
     * {@code value}, {@code h}, {@code c}). Each dim is an Integer (fixed) or a String (symbolic). The first
     * such input also gives {@link #batchSize()} when the graph has no {@code input}.
     *
     * @param int64 whether the input is int64 (else float32)
     * @return the input's name, ready to use
     */
    public String namedInput(String name, boolean int64, Object... dims) {
        claim(name);
        graph.addInput(valueInfo(name, int64 ? OnnxMl.TensorProto.DataType.INT64 : OnnxMl.TensorProto.DataType.FLOAT,
                dims));
        if (input == null) {
            input = name;
        }
        return name;
    }

    /** Declares a float32 graph output {@code name} holding {@code tensor}; dims as in {@link #namedInput}. */
    public void namedOutput(String name, String tensor, Object... dims) {
        claim(name);
        graph.addNode(node("Identity", List.of(tensor), List.of(name)));
        graph.addOutput(valueInfo(name, OnnxMl.TensorProto.DataType.FLOAT, dims));
    }

    /**
     * Removes the nodes that no graph output depends on, then the initializers no remaining node reads
     * (the encoder of a decoder head does not output the top layer's sequence, only its final state).
     */
    public void prune() {
        Set<String> needed = new HashSet<>();
        graph.getOutputList().forEach(o -> needed.add(o.getName()));
        List<OnnxMl.NodeProto> nodes = new ArrayList<>(graph.getNodeList());
        boolean[] keep = new boolean[nodes.size()];
        for (int i = nodes.size() - 1; i >= 0; i--) { // nodes are in topological order
            OnnxMl.NodeProto n = nodes.get(i);
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                keep[i] = true;
                needed.addAll(n.getInputList());
            }
        }
        graph.clearNode();
        for (int i = 0; i < nodes.size(); i++) {
            if (keep[i]) {
                graph.addNode(nodes.get(i));
            }
        }
        List<OnnxMl.TensorProto> inits = new ArrayList<>(graph.getInitializerList());
        graph.clearInitializer();
        inits.stream().filter(t -> needed.contains(t.getName())).forEach(graph::addInitializer);
    }

    @Override
    public String op(String opType, List<String> inputs, OnnxAttribute... attributes) {
        return op(opType, inputs, 1, attributes).get(0);
    }

    @Override
    public List<String> op(String opType, List<String> inputs, int outputs, OnnxAttribute... attributes) {
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            outs.add(fresh(opType + (outputs > 1 ? "_out" + i : "")));
        }
        OnnxMl.NodeProto.Builder n = node(opType, inputs, outs).toBuilder();
        for (OnnxAttribute a : attributes) {
            n.addAttribute(attribute(a));
        }
        graph.addNode(n);
        return outs;
    }

    private OnnxMl.NodeProto node(String opType, List<String> inputs, List<String> outputs) {
        return OnnxMl.NodeProto.newBuilder().setOpType(opType).setName(fresh("node_" + opType))
                .addAllInput(inputs).addAllOutput(outputs).build();
    }

    @Override
    public String initializer(String hint, float[] values, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("initializer '" + hint + "' of " + values.length + " values cannot have dims "
                    + java.util.Arrays.toString(dims));
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        String name = fresh(hint);
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addAllDims(boxed(dims))
                .setRawData(ByteString.copyFrom(buf.array())));
        return name;
    }

    @Override
    public String parameterInitializer(String hint, ParamId id) {
        String known = parameterInitializers.get(id);
        if (known == null) {
            known = ExportContext.super.parameterInitializer(hint, id);
            parameterInitializers.put(id, known);
        }
        return known;
    }

    @Override
    public String int64s(long... values) {
        String name = fresh("const");
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(values.length)
                .addAllInt64Data(boxed(values)));
        return name;
    }

    private String int64Scalar(long value) {
        String name = fresh("const");
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addInt64Data(value));
        return name;
    }

    @Override
    public String scalar(float value) {
        String name = fresh("const");
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addFloatData(value));
        return name;
    }

    @Override
    public Tensor parameter(ParamId id) {
        return params.get(id).value();
    }

    @Override
    public List<ParamId> parameterIds() {
        return params.all().stream().map(io.rnn4j.core.Parameter::id).toList();
    }

    @Override
    public boolean hasParameter(ParamId id) {
        return params.contains(id);
    }

    private void requireTime(String what) {
        if (!hasTime) {
            throw new IllegalStateException(what + " needs a model whose input is a sequence");
        }
    }

    @Override
    public String sequenceLens() {
        requireTime("sequence_lens");
        return OnnxNames.SEQUENCE_LENS;
    }

    @Override
    public String lengths() {
        requireTime("lengths");
        if (lengths == null) {
            lengths = global(() -> op("Cast", List.of(OnnxNames.SEQUENCE_LENS),
                    OnnxAttribute.of("to", OnnxMl.TensorProto.DataType.INT64.getNumber())));
        }
        return lengths;
    }

    @Override
    public String validSteps(boolean timeMajor) {
        requireTime("a mask");
        if (validBatchMajor == null) {
            validBatchMajor = global(() -> {
                String shape = op("Shape", List.of(input));
                String time = op("Gather", List.of(shape, int64Scalar(1)));
                String steps = op("Range", List.of(int64Scalar(0), time, int64Scalar(1)));
                String row = op("Unsqueeze", List.of(steps, int64s(0)));             // [1, T]
                String col = op("Unsqueeze", List.of(lengths(), int64s(1)));          // [B, 1]
                String valid = op("Less", List.of(row, col));                         // [B, T]
                return op("Unsqueeze", List.of(valid, int64s(2)));                    // [B, T, 1]
            });
        }
        if (!timeMajor) {
            return validBatchMajor;
        }
        if (validTimeMajor == null) {
            validTimeMajor = global(() -> op("Transpose", List.of(validBatchMajor), OnnxAttribute.ints("perm", 1, 0, 2)));
        }
        return validTimeMajor;
    }

    @Override
    public String nonEmpty() {
        if (nonEmpty == null) {
            nonEmpty = global(() -> op("Unsqueeze", List.of(op("Greater", List.of(lengths(), int64Scalar(0))),
                    int64s(1))));
        }
        return nonEmpty;
    }

    @Override
    public String batchSize() {
        if (batchSize == null) {
            batchSize = global(() -> op("Slice", List.of(op("Shape", List.of(input)), int64s(0), int64s(1), int64s(0))));
        }
        return batchSize;
    }

    @Override
    public OnnxValue batchMajor(OnnxValue value) {
        if (!value.timeMajor()) {
            return value;
        }
        return OnnxValue.sequence(op("Transpose", List.of(value.name()), OnnxAttribute.ints("perm", 1, 0, 2)),
                value.features());
    }

    @Override
    public OnnxValue timeMajor(OnnxValue value) {
        if (value.timeMajor()) {
            return value;
        }
        if (value.kind() != ValueType.Kind.SEQUENCE) {
            throw new IllegalArgumentException("only a sequence has a time axis, not " + value);
        }
        return OnnxValue.timeMajorSequence(op("Transpose", List.of(value.name()), OnnxAttribute.ints("perm", 1, 0, 2)),
                value.features());
    }

    @Override
    public String zeroPadding(String value, boolean timeMajor) {
        return op("Where", List.of(validSteps(timeMajor), value, scalar(0f)));
    }

    @Override
    public String stateInput(String name, int rows, int hidden) {
        claim(name);
        if (stateInputs == StateInputs.REQUIRED) {
            graph.addInput(valueInfo(name, OnnxMl.TensorProto.DataType.FLOAT, rows, BATCH, hidden));
            return name;
        }
        String shape = op("Concat", List.of(int64s(rows), batchSize(), int64s(hidden)), OnnxAttribute.of("axis", 0L));
        return op("ConstantOfShape", List.of(shape)); // float zeros
    }

    @Override
    public void stateOutput(String name, String tensor, int rows, int hidden) {
        claim(name);
        graph.addNode(node("Identity", List.of(tensor), List.of(name)));
        graph.addOutput(valueInfo(name, OnnxMl.TensorProto.DataType.FLOAT, rows, BATCH, hidden));
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("the graph already has a tensor named '" + name + "'");
        }
    }

    /** Builds a helper shared by all layers outside the current layer's scope. */
    private String global(java.util.function.Supplier<String> make) {
        String saved = scope;
        scope = "shared";
        try {
            return make.get();
        } finally {
            scope = saved;
        }
    }

    private String fresh(String hint) {
        String base = (scope.isEmpty() ? "" : scope + "/") + hint;
        String name = base + "_" + counter++;
        while (!names.add(name)) {
            name = base + "_" + counter++;
        }
        return name;
    }

    private static OnnxMl.AttributeProto attribute(OnnxAttribute a) {
        OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(a.name());
        Object v = a.value();
        if (v instanceof Long l) {
            b.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(l);
        } else if (v instanceof Float f) {
            b.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (v instanceof String s) {
            b.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (v instanceof long[] ls) {
            b.setType(OnnxMl.AttributeProto.AttributeType.INTS).addAllInts(boxed(ls));
        } else if (v instanceof float[] fs) {
            b.setType(OnnxMl.AttributeProto.AttributeType.FLOATS);
            for (float f : fs) {
                b.addFloats(f);
            }
        } else if (v instanceof List<?> list) {
            b.setType(OnnxMl.AttributeProto.AttributeType.STRINGS);
            for (Object o : list) {
                b.addStrings(ByteString.copyFromUtf8((String) o));
            }
        } else {
            throw new AssertionError(v.getClass());
        }
        return b.build();
    }

    /** A tensor type; each dim is an Integer (fixed) or a String (symbolic, e.g. {@code batch}). */
    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Integer i) {
                dim.setDimValue(i);
            } else {
                dim.setDimParam((String) d);
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    private static List<Long> boxed(long[] values) {
        List<Long> l = new ArrayList<>(values.length);
        for (long v : values) {
            l.add(v);
        }
        return l;
    }
}
