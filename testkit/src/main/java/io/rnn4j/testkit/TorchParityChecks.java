package io.rnn4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.core.Direction;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.RecurrentWeights;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.RecurrentLayer;
import io.rnn4j.layers.RecurrentSpec;
import io.rnn4j.core.model.RecurrentState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Recurrent layers on a backend against PyTorch: outputs, final states and the gradients of a scalar
 * loss with respect to the input, the initial states and every weight, for {@code nn.RNN} (tanh,
 * relu), {@code nn.LSTM} and {@code nn.GRU} x {1, 2 layers} x {uni-, bidirectional} x {packed (masked),
 * full} x {batch 1, 3} x {sequence 1, 7}, and the same for the reset-before GRU ({@code gru} with
 * {@code reset_after: false}), which PyTorch has no module for: {@code
 * tools/reference/gru_reset_before_reference.py} writes its equations with torch operations (autograd gives
 * the gradients) and checks every forward pass against ONNX Runtime's {@code GRU} with
 * {@code linear_before_reset=0}.
 *
 * <p>The cases are JSON resources written by {@code tools/reference/torch_reference.py} (PyTorch,
 * computed in float64 from float32-representable inputs), so the expected values come from an
 * independent implementation, never from rnn4j. The loss is
 * {@code sum(output * g_output) + sum(h_n * g_h_n) [+ sum(c_n * g_c_n)]}, so its gradients with
 * respect to the outputs and final states are the stored {@code g_*} tensors.
 *
 * <p>Tolerance: {@code |actual - expected| <= 1e-5 + 1e-5 |expected|} on every element.
 */
public final class TorchParityChecks {
    private static final String REFERENCE = "/io/rnn4j/testkit/reference/";
    /** The case sets: PyTorch's modules, and the reset-before GRU that PyTorch lacks (its equations in torch). */
    private static final List<String> SETS = List.of("torch/", "gru_reset_before/");
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TorchParityChecks() {
    }

    /** One dynamic test per PyTorch reference case. */
    public static Stream<DynamicNode> all(Backend backend) {
        return caseNames().stream().map(name -> DynamicTest.dynamicTest(
                "matches PyTorch on " + name.substring(name.indexOf('/') + 1).replace(".json", ""), () -> check(backend, load(name))));
    }

    /** Names of the reference case files, each with its set's directory ({@code torch/lstm_l1_...json}). */
    static List<String> caseNames() {
        List<String> names = new ArrayList<>();
        for (String set : SETS) {
            int before = names.size();
            load(set + "index.json").forEach(n -> names.add(set + n.asText()));
            if (names.size() == before) {
                throw new IllegalStateException("no reference cases in " + REFERENCE + set + "index.json");
            }
        }
        return names;
    }

    static JsonNode load(String name) {
        try (InputStream in = TorchParityChecks.class.getResourceAsStream(REFERENCE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + REFERENCE + name
                        + "; regenerate with tools/reference/torch_reference.py (torch/) or"
                        + " tools/reference/gru_reset_before_reference.py (gru_reset_before/)");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + REFERENCE + name, e);
        }
    }

    private static CellKind cell(String id) {
        return switch (id) {
            case "rnn_tanh" -> CellKind.RNN_TANH;
            case "rnn_relu" -> CellKind.RNN_RELU;
            case "lstm" -> CellKind.LSTM;
            case "gru" -> CellKind.GRU;
            case "gru_reset_before" -> CellKind.GRU_RESET_BEFORE;
            default -> throw new IllegalArgumentException("unknown cell in reference case: " + id);
        };
    }

    static void check(Backend backend, JsonNode c) {
        CellKind cell = cell(c.get("cell").asText());
        int layers = c.get("num_layers").asInt();
        boolean bi = c.get("bidirectional").asBoolean();
        int dirs = bi ? 2 : 1;
        int in = c.get("input_size").asInt();
        int hidden = c.get("hidden_size").asInt();
        int batch = c.get("batch").asInt();
        int time = c.get("seq_len").asInt();
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = c.get("lengths").get(b).asInt();
        }
        RecurrentSpec spec = RecurrentSpec.of(cell, hidden).withLayers(layers);
        if (bi) {
            spec = spec.withBidirectional(Merge.CONCAT);
        }
        ParameterSet.Builder pb = ParameterSet.builder();
        RecurrentLayer.declare(pb, "rnn", spec, in);
        ParameterSet params = pb.build();
        RecurrentLayer layer = new RecurrentLayer("rnn", spec, in, params, backend);
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < dirs; d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                RecurrentWeights w = layer.weights(l, Direction.values()[d]);
                JsonNode p = c.get("params");
                w.wIh().copyFrom(tensor(p.get("weight_ih" + suffix)));
                w.wHh().copyFrom(tensor(p.get("weight_hh" + suffix)));
                w.bIh().copyFrom(tensor(p.get("bias_ih" + suffix)));
                w.bHh().copyFrom(tensor(p.get("bias_hh" + suffix)));
            }
        }
        boolean lstm = cell.hasCellState();
        RecurrentState initial = new RecurrentState(split(c.get("h0"), batch, hidden),
                lstm ? split(c.get("c0"), batch, hidden) : List.of());
        Flow x = Flow.sequences(tensor(c.get("x")).reshape(batch, time, in), lengths);
        RecurrentLayer.Result r = layer.forward(x, initial, LayerContext.training(new RandomSource(0)));

        String name = c.get("name").asText();
        assertClose(name + " output", r.output().values(), c.get("output"));
        assertClose(name + " h_n", r.finalState().h(), c.get("h_n"));
        if (lstm) {
            assertClose(name + " c_n", r.finalState().c(), c.get("c_n"));
        }

        Flow gOut = x.with(tensor(c.get("g_output")).reshape(batch, time, dirs * hidden));
        RecurrentState gFinal = new RecurrentState(split(c.get("g_h_n"), batch, hidden),
                lstm ? split(c.get("g_c_n"), batch, hidden) : List.of());
        RecurrentLayer.Gradients g = layer.backward(gOut, gFinal);
        assertClose(name + " grad_x", g.input().values(), c.get("grad_x"));
        assertClose(name + " grad_h0", g.initialState().h(), c.get("grad_h0"));
        if (lstm) {
            assertClose(name + " grad_c0", g.initialState().c(), c.get("grad_c0"));
        }
        JsonNode gp = c.get("grad_params");
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < dirs; d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                io.rnn4j.core.Direction dir = Direction.values()[d];
                assertClose(name + " grad weight_ih" + suffix, grad(params, "weight_ih", l, dir), gp.get("weight_ih" + suffix));
                assertClose(name + " grad weight_hh" + suffix, grad(params, "weight_hh", l, dir), gp.get("weight_hh" + suffix));
                assertClose(name + " grad bias_ih" + suffix, grad(params, "bias_ih", l, dir), gp.get("bias_ih" + suffix));
                assertClose(name + " grad bias_hh" + suffix, grad(params, "bias_hh", l, dir), gp.get("bias_hh" + suffix));
            }
        }
    }

    private static Tensor grad(ParameterSet params, String role, int l, Direction dir) {
        io.rnn4j.core.ParamRole r = io.rnn4j.core.ParamRole.valueOf(role.toUpperCase(java.util.Locale.ROOT));
        return params.get(new io.rnn4j.core.ParamId("rnn", r, l, dir)).grad();
    }

    /** A JSON {@code {"shape": [...], "data": [...]}} as a float32 tensor. */
    static Tensor tensor(JsonNode node) {
        JsonNode shape = node.get("shape");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asInt();
        }
        JsonNode data = node.get("data");
        float[] v = new float[data.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) data.get(i).asDouble();
        }
        return Tensor.of(v, dims);
    }

    private static double[] expected(JsonNode node) {
        JsonNode data = node.get("data");
        double[] v = new double[data.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.get(i).asDouble();
        }
        return v;
    }

    /** {@code [layers*dirs, batch, hidden]} split into one {@code [batch, hidden]} tensor per layer and direction. */
    private static List<Tensor> split(JsonNode node, int batch, int hidden) {
        Tensor all = tensor(node);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < all.dim(0); i++) {
            out.add(new Tensor(all.data(), i * batch * hidden, io.rnn4j.core.Shape.of(batch, hidden)).copy());
        }
        return out;
    }

    private static void assertClose(String what, List<Tensor> actual, JsonNode expected) {
        int n = 0;
        for (Tensor t : actual) {
            n += t.size();
        }
        float[] flat = new float[n];
        int off = 0;
        for (Tensor t : actual) {
            System.arraycopy(t.data(), t.offset(), flat, off, t.size());
            off += t.size();
        }
        assertClose(what, Tensor.of(flat, n), expected);
    }

    static void assertClose(String what, Tensor actual, JsonNode expectedNode) {
        double[] expected = expected(expectedNode);
        if (actual.size() != expected.length) {
            throw new AssertionError(what + ": " + actual.size() + " values, PyTorch has " + expected.length);
        }
        double worst = 0; // largest excess over the tolerance; NaN counts as infinite
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            double a = actual.getFlat(i);
            double excess = Math.abs(a - expected[i]) - (ATOL + RTOL * Math.abs(expected[i]));
            if (Double.isNaN(excess)) {
                excess = Double.POSITIVE_INFINITY;
            }
            if (excess > worst) {
                worst = excess;
                worstAt = i;
            }
        }
        if (worstAt >= 0) {
            throw new AssertionError(String.format(java.util.Locale.ROOT,
                    "%s differs from PyTorch at flat index %d: rnn4j %.9g, PyTorch %.9g (tolerance %.1e + %.1e*|ref|)",
                    what, worstAt, actual.getFlat(worstAt), expected[worstAt], ATOL, RTOL));
        }
    }
}
