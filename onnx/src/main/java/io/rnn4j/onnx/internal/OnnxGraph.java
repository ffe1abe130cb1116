package io.rnn4j.onnx.internal;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ONNX graph as the importer reads it: who produces and who consumes each tensor, which tensors are
 * constant (initializers, {@code Constant} nodes and nodes computed from constants only), and the values
 * of float and integer constants.
 */
public final class OnnxGraph {
    private final OnnxMl.GraphProto graph;
    private final Map<String, OnnxMl.NodeProto> producer = new HashMap<>();
    private final Map<String, List<OnnxMl.NodeProto>> consumers = new HashMap<>();
    private final Map<String, OnnxMl.TensorProto> constants = new HashMap<>();
    private final Set<String> constant = new HashSet<>();
    private final Map<String, OnnxMl.ValueInfoProto> inputs = new LinkedHashMap<>();

    /** Indexes {@code graph}. */
    public OnnxGraph(OnnxMl.GraphProto graph) {
        this.graph = graph;
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), t);
            constant.add(t.getName());
        }
        for (OnnxMl.ValueInfoProto v : graph.getInputList()) {
            if (!constants.containsKey(v.getName())) {
                inputs.put(v.getName(), v);
            }
        }
        for (OnnxMl.NodeProto n : graph.getNodeList()) {
            for (String o : n.getOutputList()) {
                producer.put(o, n);
            }
            for (String i : n.getInputList()) {
                if (!i.isEmpty()) {
                    consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
                }
            }
            if (n.getOpType().equals("Constant")) {
                attribute(n, "value").ifPresent(a -> constants.put(n.getOutput(0), a.getT()));
                constant.add(n.getOutput(0));
            } else if (!n.getOpType().equals("Shape") && n.getInputCount() > 0
                    && n.getInputList().stream().allMatch(i -> i.isEmpty() || constant.contains(i))) {
                constant.addAll(n.getOutputList());
            }
        }
    }

    /** The graph. */
    public OnnxMl.GraphProto proto() {
        return graph;
    }

    /** The nodes, in the file's (topological) order. */
    public List<OnnxMl.NodeProto> nodes() {
        return graph.getNodeList();
    }

    /** The graph inputs that are not initializers, by name. */
    public Map<String, OnnxMl.ValueInfoProto> inputs() {
        return inputs;
    }

    /** The node that computes {@code tensor}, if a node does. */
    public Optional<OnnxMl.NodeProto> producer(String tensor) {
        return Optional.ofNullable(producer.get(tensor));
    }

    /** The nodes that read {@code tensor}. */
    public List<OnnxMl.NodeProto> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /** Whether {@code tensor} does not depend on any graph input. */
    public boolean isConstant(String tensor) {
        return constant.contains(tensor);
    }

    /** The value of an initializer or {@code Constant} output, if {@code tensor} is one. */
    public Optional<OnnxMl.TensorProto> constantValue(String tensor) {
        return Optional.ofNullable(constants.get(tensor));
    }

    /** Whether {@code from} is {@code to} or is reached from it (walking from producers to consumers). */
    public boolean reaches(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            String t = todo.remove(todo.size() - 1);
            for (OnnxMl.NodeProto n : consumers(t)) {
                for (String o : n.getOutputList()) {
                    if (o.equals(to)) {
                        return true;
                    }
                    if (seen.add(o)) {
                        todo.add(o);
                    }
                }
            }
        }
        return false;
    }

    /** A node's attribute by name. */
    public static Optional<OnnxMl.AttributeProto> attribute(OnnxMl.NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    /** A node's display name: its name, or its op type and first output when it has none. */
    public static String display(OnnxMl.NodeProto n) {
        return n.getName().isEmpty() ? n.getOpType() + " -> " + (n.getOutputCount() > 0 ? n.getOutput(0) : "?")
                : n.getName();
    }

    /** The dimensions of a tensor constant. */
    public static int[] dims(OnnxMl.TensorProto t) {
        int[] d = new int[t.getDimsCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.toIntExact(t.getDims(i));
        }
        return d;
    }

    /**
     * The values of a float32 tensor constant.
     *
     * @throws IllegalArgumentException for another element type or external data
     */
    public static float[] floats(OnnxMl.TensorProto t) {
        if (t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' has element type "
                    + OnnxMl.TensorProto.DataType.forNumber(t.getDataType()) + ", rnn4j imports float32 weights");
        }
        if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' is stored in an external file; save the "
                    + "model with its weights inside (onnx.save(model, path, save_as_external_data=False))");
        }
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        float[] v = new float[Math.toIntExact(n)];
        if (!t.getRawData().isEmpty()) {
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = t.getFloatData(i);
            }
        }
        return v;
    }

    /** The values of an int64 or int32 tensor constant. */
    public static long[] longs(OnnxMl.TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        long[] v = new long[Math.toIntExact(n)];
        boolean int64 = t.getDataType() == OnnxMl.TensorProto.DataType.INT64.getNumber();
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < v.length; i++) {
                v[i] = int64 ? b.getLong() : b.getInt();
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = int64 ? t.getInt64Data(i) : t.getInt32Data(i);
            }
        }
        return v;
    }

    /** The declared dimensions of a graph input: a fixed size, or -1 for a symbolic or unknown one. */
    public static int[] declaredDims(OnnxMl.ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return null;
        }
        OnnxMl.TensorShapeProto s = v.getType().getTensorType().getShape();
        int[] d = new int[s.getDimCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.getDim(i).hasDimValue() ? Math.toIntExact(s.getDim(i).getDimValue()) : -1;
        }
        return d;
    }

    /** The element type of a graph input. */
    public static int elementType(OnnxMl.ValueInfoProto v) {
        return v.getType().hasTensorType() ? v.getType().getTensorType().getElemType() : 0;
    }
}
