package io.rnn4j.dsl;

import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.dsl.yaml.Node;
import io.rnn4j.dsl.yaml.YamlLimits;
import io.rnn4j.dsl.yaml.YamlReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line overrides ({@code --set training.epochs=2 --set model.layers[1].lstm.units=64}) applied
 * to the YAML tree before binding, so an overridden value is validated exactly like a written one; its
 * location in messages is {@code --set <path>}.
 */
public final class Overrides {
    private Overrides() {
    }

    /**
     * Applies {@code path=value} assignments; the value is YAML ({@code 2}, {@code true}, {@code [a, b]},
     * {@code {lr: 0.01}}). Missing mappings on the path are created; list indices must exist.
     *
     * @param root  the document
     * @param sets  the assignments
     * @param diags receives malformed assignments ({@code RNN4J-DSL-030})
     * @return the new tree
     */
    public static Node.MapNode apply(Node.MapNode root, List<String> sets, Diagnostics diags) {
        Node.MapNode out = root;
        for (String set : sets) {
            int eq = set.indexOf('=');
            SourceLocation at = new SourceLocation("--set " + set, 0, 0);
            if (eq <= 0) {
                diags.error("RNN4J-DSL-030", at, "", "an override is 'path=value', found '" + set + "'",
                        "hint: for example --set training.epochs=2");
                continue;
            }
            String path = set.substring(0, eq).trim();
            Node value = new YamlReader(YamlLimits.defaults()).read("--set " + path, "v: " + set.substring(eq + 1), diags);
            if (!(value instanceof Node.MapNode vm) || vm.entries().get("v") == null) {
                continue;
            }
            Node v = Node.relocated(vm.entries().get("v"), at);
            Node replaced = put(out, segments(path), 0, v, at, diags, path);
            if (replaced instanceof Node.MapNode m) {
                out = m;
            }
        }
        return out;
    }

    private static String[] segments(String path) {
        return path.replace("[", ".[").split("\\.");
    }

    private static Node put(Node node, String[] seg, int i, Node value, SourceLocation at, Diagnostics diags, String path) {
        if (i == seg.length) {
            return value;
        }
        String s = seg[i];
        if (s.startsWith("[")) {
            int idx;
            try {
                idx = Integer.parseInt(s.substring(1, s.length() - 1));
            } catch (NumberFormatException e) {
                diags.error("RNN4J-DSL-030", at, path, "'" + s + "' is not a list index", "hint: write [0], [1], ...");
                return node;
            }
            if (!(node instanceof Node.SeqNode seq) || idx < 0 || idx >= seq.items().size()) {
                diags.error("RNN4J-DSL-030", at, path, "there is no item " + idx + " to override",
                        "hint: overrides can change list items but not add them");
                return node;
            }
            java.util.ArrayList<Node> items = new java.util.ArrayList<>(seq.items());
            items.set(idx, put(items.get(idx), seg, i + 1, value, at, diags, path));
            return new Node.SeqNode(seq.location(), items);
        }
        Node.MapNode map = node instanceof Node.MapNode m ? m : new Node.MapNode(at, Map.of(), Map.of());
        Map<String, Node> entries = new LinkedHashMap<>(map.entries());
        Map<String, SourceLocation> keys = new LinkedHashMap<>(map.keyLocations());
        Node child = entries.get(s);
        entries.put(s, put(child == null ? new Node.MapNode(at, Map.of(), Map.of()) : child, seg, i + 1, value, at, diags,
                path));
        keys.putIfAbsent(s, at);
        return new Node.MapNode(map.location(), entries, keys);
    }
}
