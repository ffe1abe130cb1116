package io.rnn4j.core.model;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A model compiled from its spec: an immutable chain of layers ending in a head, with the type of the
 * value on every edge inferred. Compilation reports every impossible shape (an {@code embedding} fed
 * floats, a {@code many_to_many} head after a layer that returns no sequence, ...) as a located
 * diagnostic.
 */
public final class LayerGraph {
    private final ValueType input;
    private final List<Node> nodes;

    /**
     * One layer of the graph.
     *
     * @param index  position in the chain (0-based)
     * @param name   unique name, {@code <kind>_<index>}, used in parameter ids
     * @param kind   the layer kind
     * @param spec   its options
     * @param input  what flows in
     * @param output what flows out
     * @param path   where the layer was written ({@code model.layers[1]}, {@code model.head})
     */
    public record Node(int index, String name, LayerKind<?> kind, LayerSpec spec, ValueType input, ValueType output,
            String path) {

        /** Whether this node is the head. */
        public boolean isHead() {
            return kind.isHead();
        }

        /** Declares this node's parameters. */
        public void declare(ParameterSet.Builder params) {
            declareAs(kind, spec, name, input, params);
        }

        /** Creates this node's runtime layer. */
        public Layer create(ParameterSet params, Backend backend) {
            return createAs(kind, spec, name, input, params, backend);
        }
    }

    /**
     * A layer as written in the spec, before compilation.
     *
     * @param kindId the kind's id
     * @param spec   the bound options
     * @param path   the YAML path of the layer
     */
    public record Item(String kindId, LayerSpec spec, String path) {
    }

    private LayerGraph(ValueType input, List<Node> nodes) {
        this.input = input;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Compiles a chain of layers and a head.
     *
     * @param input  the type of the model's input
     * @param layers the layers in order
     * @param head   the head
     * @param kinds  the known kinds
     * @param diags  receives every problem
     * @param locate the source location of a path (for messages)
     * @return the graph, or {@code null} if {@code diags} received an error
     */
    public static LayerGraph compile(ValueType input, List<Item> layers, Item head, LayerKindRegistry kinds,
            Diagnostics diags, Function<String, SourceLocation> locate) {
        List<Node> nodes = new ArrayList<>();
        ValueType current = input;
        List<Item> all = new ArrayList<>(layers);
        all.add(head);
        boolean ok = true;
        for (int i = 0; i < all.size(); i++) {
            Item item = all.get(i);
            LayerKind<?> kind = kinds.find(item.kindId()).orElse(null);
            if (kind == null) {
                diags.error("RNN4J-DSL-005", locate.apply(item.path()), item.path(), "unknown layer kind '"
                        + item.kindId() + "'", "hint: known kinds: " + String.join(", ", kinds.layerIds()));
                return null;
            }
            if (current == null) {
                return null; // an earlier layer failed; its error says why
            }
            String name = i == all.size() - 1 ? kind.id() : kind.id() + "_" + i;
            final int[] errors = {0};
            LayerKind.ShapeProblems problems = (id, option, message, hint) -> {
                String path = option.isEmpty() ? item.path() : item.path() + "." + item.kindId() + "." + option;
                diags.error(id, locate.apply(path), path, message, hint.isEmpty() ? "" : "hint: " + hint);
                errors[0]++;
            };
            ValueType out = inferAs(kind, item.spec(), current, List.copyOf(nodes), problems);
            if (errors[0] > 0 || out == null) {
                ok = false;
                current = null;
                continue;
            }
            nodes.add(new Node(i, name, kind, item.spec(), current, out, item.path()));
            current = out;
        }
        return ok ? new LayerGraph(input, nodes) : null;
    }

    /**
     * Compiles as {@link #compile(ValueType, List, Item, LayerKindRegistry, Diagnostics, Function)} after
     * resolving every {@link io.rnn4j.core.spec.DataDependent} spec with the loaded data's facts.
     */
    public static LayerGraph compile(ValueType input, List<Item> layers, Item head, io.rnn4j.core.spec.DataFacts facts,
            LayerKindRegistry kinds, Diagnostics diags, Function<String, SourceLocation> locate) {
        List<Item> resolved = new ArrayList<>();
        for (Item i : layers) {
            resolved.add(resolve(i, facts));
        }
        Item h = resolve(head, facts);
        for (Item i : java.util.stream.Stream.concat(resolved.stream(), java.util.stream.Stream.of(h)).toList()) {
            if (i.spec() instanceof io.rnn4j.core.spec.DataDependent dd) {
                for (io.rnn4j.core.spec.DataDependent.Conflict c : dd.conflicts(facts)) {
                    String path = i.path() + "." + i.kindId() + "." + c.option();
                    diags.error("RNN4J-DSL-074", locate.apply(path), path, c.message(), "hint: " + c.hint());
                }
            }
        }
        return compile(input, resolved, h, kinds, diags, locate);
    }

    private static Item resolve(Item i, io.rnn4j.core.spec.DataFacts facts) {
        return i.spec() instanceof io.rnn4j.core.spec.DataDependent dd
                ? new Item(i.kindId(), dd.resolve(facts), i.path()) : i;
    }

    @SuppressWarnings("unchecked")
    private static <S extends LayerSpec> ValueType inferAs(LayerKind<S> kind, LayerSpec spec, ValueType in,
            List<Node> earlier, LayerKind.ShapeProblems problems) {
        return kind.outputType((S) kind.specType().cast(spec), in, earlier, problems);
    }

    @SuppressWarnings("unchecked")
    private static <S extends LayerSpec> void declareAs(LayerKind<S> kind, LayerSpec spec, String name, ValueType in,
            ParameterSet.Builder params) {
        kind.declare((S) kind.specType().cast(spec), name, in, params);
    }

    @SuppressWarnings("unchecked")
    private static <S extends LayerSpec> Layer createAs(LayerKind<S> kind, LayerSpec spec, String name, ValueType in,
            ParameterSet params, Backend backend) {
        return kind.create((S) kind.specType().cast(spec), name, in, params, backend);
    }

    /** What the model takes. */
    public ValueType input() {
        return input;
    }

    /** Layers in order, the head last. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The head. */
    public Node head() {
        return nodes.get(nodes.size() - 1);
    }

    /** What the model produces. */
    public ValueType output() {
        return head().output();
    }

    /**
     * A Keras-like summary: one row per layer with its output shape and parameter count.
     *
     * <pre>
     * layer            kind          output shape         params
     * embedding_0      embedding     (batch, time, 64)   1280000
     * ...
     * total parameters: 1,400,000
     * </pre>
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-16s %-14s %-22s %12s%n";
        sb.append(String.format(Locale.ROOT, fmt, "layer", "kind", "output shape", "params"));
        sb.append(String.format(Locale.ROOT, fmt, "(input)", "", input.shapeText(), ""));
        long total = 0;
        for (Node n : nodes) {
            ParameterSet.Builder b = ParameterSet.builder();
            long count;
            if (hasUnknownSize(n)) {
                count = -1;
            } else {
                n.declare(b);
                count = b.build().count();
                total += count;
            }
            sb.append(String.format(Locale.ROOT, fmt, n.name(), n.kind().id(), n.output().shapeText(),
                    count < 0 ? "data-dependent" : String.format(Locale.ROOT, "%,d", count)));
        }
        sb.append(String.format(Locale.ROOT, "total parameters: %,d%n", total));
        return sb.toString();
    }

    private static boolean hasUnknownSize(Node n) {
        return n.input().features() == ValueType.UNKNOWN || n.input().vocabulary() == ValueType.UNKNOWN
                || n.output().features() == ValueType.UNKNOWN;
    }
}
