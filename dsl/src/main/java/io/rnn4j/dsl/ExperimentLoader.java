package io.rnn4j.dsl;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.diag.ValidationException;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.data.DataKindRegistry;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.LayerKind;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataDependent;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.LayerEntry;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.dsl.bind.Binder;
import io.rnn4j.dsl.bind.Names;
import io.rnn4j.dsl.yaml.Node;
import io.rnn4j.dsl.yaml.YamlLimits;
import io.rnn4j.dsl.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an experiment file into an {@link ExperimentSpec}: parse (safely), check the version, bind every
 * section with located diagnostics, then compile the model against the data's input type so impossible
 * shapes are reported too. All problems of a file are collected and thrown together, sorted by
 * position, as one {@link ValidationException}.
 */
public final class ExperimentLoader {
    private final LayerKindRegistry kinds;
    private final DataKindRegistry dataKinds;
    private final YamlReader reader;

    /** A loader that knows the given layer and data kinds. */
    public ExperimentLoader(LayerKindRegistry kinds, DataKindRegistry dataKinds) {
        this(kinds, dataKinds, YamlLimits.defaults());
    }

    /** A loader with explicit parsing limits. */
    public ExperimentLoader(LayerKindRegistry kinds, DataKindRegistry dataKinds, YamlLimits limits) {
        this.kinds = kinds;
        this.dataKinds = dataKinds;
        this.reader = new YamlReader(limits);
    }

    /** The data kinds this loader knows. */
    public DataKindRegistry dataKinds() {
        return dataKinds;
    }

    /**
     * A validated experiment.
     *
     * @param spec  the bound spec with every default resolved
     * @param graph the model compiled with data-dependent sizes left unknown
     * @param file  the file it came from (or a name for text)
     */
    public record Loaded(ExperimentSpec spec, LayerGraph graph, String file) {
    }

    /**
     * Loads and validates a file.
     *
     * @throws Rnn4jException      {@code RNN4J-DSL-027} if the file cannot be read
     * @throws ValidationException listing every problem of the file
     */
    public Loaded load(Path file) {
        return load(file, List.of());
    }

    /**
     * Loads and validates a file with command-line overrides ({@code path=value}, see {@link Overrides}).
     *
     * @throws Rnn4jException      {@code RNN4J-DSL-027} if the file cannot be read
     * @throws ValidationException listing every problem of the file and the overrides
     */
    public Loaded load(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Rnn4jException("RNN4J-DSL-027", "experiment file " + file + " does not exist. "
                    + "Check the path (relative paths start at " + Path.of("").toAbsolutePath() + ").");
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-DSL-027", "cannot read experiment file " + file + ": " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new Rnn4jException("RNN4J-DSL-027", "experiment file " + file + " is not UTF-8 text", e);
        }
        Diagnostics diags = new Diagnostics();
        Loaded loaded = tryParse(file.toString(), text, overrides, diags);
        diags.throwIfErrors(file.toString());
        return loaded;
    }

    /**
     * Validates experiment text.
     *
     * @param name the file name used in locations
     * @param text the YAML text
     * @throws ValidationException listing every problem
     */
    public Loaded parse(String name, String text) {
        Diagnostics diags = new Diagnostics();
        Loaded loaded = tryParse(name, text, diags);
        diags.throwIfErrors(name);
        return loaded;
    }

    /** Validates experiment text, reporting into {@code diags} instead of throwing; {@code null} on errors. */
    public Loaded tryParse(String name, String text, Diagnostics diags) {
        return tryParse(name, text, List.of(), diags);
    }

    /** As {@link #tryParse(String, String, Diagnostics)} with command-line overrides applied first. */
    public Loaded tryParse(String name, String text, List<String> overrides, Diagnostics diags) {
        Node root = reader.read(name, text, diags);
        if (root instanceof Node.MapNode m && !overrides.isEmpty()) {
            root = Overrides.apply(m, overrides, diags);
        }
        if (root == null) {
            return null;
        }
        if (!(root instanceof Node.MapNode map)) {
            diags.error("RNN4J-DSL-026", root.location(), "", "the top level of an experiment file must be a mapping "
                    + "(key: value lines), found " + root.describe(),
                    "hint: start the file with 'version: 1' and 'name: my-experiment'");
            return null;
        }
        if (!checkVersion(map, name, diags)) {
            return null;
        }
        Binder binder = new Binder(kinds, dataKinds, diags, name);
        Node.MapNode withDefaults = applyLayerDefaults(map, binder, diags);
        Object bound = binder.bind(withDefaults, ExperimentSpec.class, "");
        if (!(bound instanceof ExperimentSpec spec)) {
            return null;
        }
        LayerGraph graph = compile(spec, binder, diags);
        crossChecks(spec, dataKinds.of(spec.data()), kinds, binder, diags);
        checkMetricNames(spec, dataKinds.of(spec.data()), binder, diags);
        return graph == null ? null : new Loaded(spec, graph, name);
    }

    private static boolean checkVersion(Node.MapNode map, String file, Diagnostics diags) {
        Node v = map.entries().get("version");
        if (v == null) {
            diags.error("RNN4J-DSL-006", map.location(), "", "missing required option 'version'",
                    "hint: add 'version: " + ExperimentSpec.VERSION + "' as the first line");
            return false;
        }
        if (!(v instanceof Node.Scalar s) || s.type() != Node.ScalarType.INTEGER) {
            diags.error("RNN4J-DSL-004", v.location(), "version", "expected an integer, found " + v.describe(),
                    "hint: write 'version: " + ExperimentSpec.VERSION + "'");
            return false;
        }
        if (!s.text().equals(Integer.toString(ExperimentSpec.VERSION))) {
            diags.error("RNN4J-DSL-011", v.location(), "version", "this file is version " + s.text()
                    + ", but this rnn4j reads version " + ExperimentSpec.VERSION + " only; it is refused rather than misread",
                    "hint: use the rnn4j release that wrote the file, or rewrite it for version "
                            + ExperimentSpec.VERSION + " (see 'rnn4j schema')");
            return false;
        }
        return true;
    }

    /**
     * Merges {@code model.defaults} ({@code {lstm: {dropout: 0.2}}}) into every layer of that kind (a
     * layer's own value wins), and removes the block. Unknown kinds and options in the block are errors.
     */
    private Node.MapNode applyLayerDefaults(Node.MapNode root, Binder binder, Diagnostics diags) {
        if (!(root.entries().get("model") instanceof Node.MapNode model) || model.entries().get("defaults") == null) {
            return root;
        }
        Node d = model.entries().get("defaults");
        Map<String, Node.MapNode> defaults = new LinkedHashMap<>();
        if (!(d instanceof Node.MapNode dm)) {
            diags.error("RNN4J-DSL-004", d.location(), "model.defaults", "expected a mapping from layer kind to options, found "
                    + d.describe(), "hint: write 'defaults: {lstm: {dropout: 0.2}}'");
        } else {
            for (Map.Entry<String, Node> e : dm.entries().entrySet()) {
                String path = "model.defaults." + e.getKey();
                var kind = kinds.find(e.getKey()).orElse(null);
                if (kind == null || kind.isHead()) {
                    diags.error("RNN4J-DSL-005", dm.keyLocations().get(e.getKey()), path, "unknown layer kind '"
                            + e.getKey() + "'", Names.hint(e.getKey(), kinds.layerIds(), "known layer kinds"));
                    continue;
                }
                if (!(e.getValue() instanceof Node.MapNode opts)) {
                    diags.error("RNN4J-DSL-004", e.getValue().location(), path, "expected a mapping of options, found "
                            + e.getValue().describe(), "");
                    continue;
                }
                List<String> allowed = new ArrayList<>();
                for (var rc : kind.specType().getRecordComponents()) {
                    allowed.add(Names.key(rc));
                }
                Map<String, Node> known = new LinkedHashMap<>();
                Map<String, SourceLocation> knownKeys = new LinkedHashMap<>();
                for (String key : opts.entries().keySet()) {
                    if (allowed.contains(key)) {
                        known.put(key, opts.entries().get(key));
                        knownKeys.put(key, opts.keyLocations().get(key));
                    } else {
                        diags.error("RNN4J-DSL-003", opts.keyLocations().get(key), path + "." + key, "unknown key '" + key
                                + "'", Names.hint(key, allowed, "allowed keys"));
                    }
                }
                defaults.put(e.getKey(), new Node.MapNode(opts.location(), known, knownKeys)); // unknown keys reported once
            }
        }
        Map<String, Node> newModel = new LinkedHashMap<>(model.entries());
        Map<String, io.rnn4j.core.diag.SourceLocation> newModelKeys = new LinkedHashMap<>(model.keyLocations());
        newModel.remove("defaults");
        newModelKeys.remove("defaults");
        if (model.entries().get("layers") instanceof Node.SeqNode layers && !defaults.isEmpty()) {
            List<Node> items = new ArrayList<>();
            for (Node item : layers.items()) {
                items.add(withDefaults(item, defaults));
            }
            newModel.put("layers", new Node.SeqNode(layers.location(), items));
        }
        Map<String, Node> newRoot = new LinkedHashMap<>(root.entries());
        newRoot.put("model", new Node.MapNode(model.location(), newModel, newModelKeys));
        return new Node.MapNode(root.location(), newRoot, root.keyLocations());
    }

    private static Node withDefaults(Node item, Map<String, Node.MapNode> defaults) {
        if (!(item instanceof Node.MapNode m) || m.entries().size() != 1) {
            return item;
        }
        String kind = m.entries().keySet().iterator().next();
        Node.MapNode def = defaults.get(kind);
        Node own = m.entries().get(kind);
        if (def == null || !(own instanceof Node.MapNode || own instanceof Node.Scalar s && s.type() == Node.ScalarType.NULL)) {
            return item;
        }
        Map<String, Node> merged = new LinkedHashMap<>(def.entries());
        Map<String, SourceLocation> keys = new LinkedHashMap<>(def.keyLocations());
        if (own instanceof Node.MapNode o) {
            merged.putAll(o.entries());
            keys.putAll(o.keyLocations());
        }
        Node.MapNode opts = new Node.MapNode(own.location(), merged, keys);
        return new Node.MapNode(m.location(), Map.of(kind, opts), m.keyLocations());
    }

    /** The type of what the model receives, as far as the data spec tells before loading. */
    public ValueType inputType(DataSpec data) {
        return dataKinds.of(data).inputType(data);
    }

    private LayerGraph compile(ExperimentSpec spec, Binder binder, Diagnostics diags) {
        List<LayerGraph.Item> items = new ArrayList<>();
        List<LayerEntry> layers = spec.model().layers();
        for (int i = 0; i < layers.size(); i++) {
            items.add(new LayerGraph.Item(layers.get(i).kind(), layers.get(i).spec(), "model.layers[" + i + "]"));
        }
        LayerSpec head = spec.model().head().spec();
        if (head instanceof DataDependent dd) {
            head = dd.resolve(DataFacts.unknown());
        }
        items.add(new LayerGraph.Item(spec.model().head().kind(), head, "model.head"));
        return LayerGraph.compile(inputType(spec.data()), items.subList(0, items.size() - 1), items.get(items.size() - 1),
                kinds, diags, binder::locate);
    }

    /** Checks that span sections: data against head, tbptt against sequence lengths. */
    private static <S extends DataSpec> void crossChecks(ExperimentSpec spec, DataKind<S> kind,
            LayerKindRegistry kinds, Binder binder, Diagnostics diags) {
        @SuppressWarnings("unchecked")
        S data = (S) spec.data();
        String head = spec.model().head().kind();
        boolean decoder = kinds.find(head).map(LayerKind::decodesSequences).orElse(false);
        boolean sequences = kind.outputKind(data).map(k -> k == OutputKind.SEQUENCE).orElse(false);
        if (sequences && !decoder) {
            diags.error("RNN4J-DSL-046", binder.locate("model.head"), "model.head", "'" + kind.id() + "' data trains a "
                    + "sequence-to-sequence model, but the head is '" + head + "'", "hint: use 'head: {seq2seq: {}}'");
        }
        if (!sequences && decoder) {
            diags.error("RNN4J-DSL-046", binder.locate("model.head"), "model.head", "a " + head + " head needs "
                    + "'pairs' data (source and target texts), but the data type is '" + kind.id() + "'",
                    "hint: use 'type: pairs' with source and target columns, or another head");
        }
        if (spec.training().tbptt() != null) {
            int k1 = spec.training().tbptt().forward();
            int length = kind.sequenceLength(data);
            if (length > 0 && k1 >= length) {
                diags.error("RNN4J-DSL-047", binder.locate("training.tbptt.forward"), "training.tbptt.forward",
                        "a tbptt window of " + k1 + " steps is not shorter than the sequences (" + length
                                + " steps), so truncation would do nothing",
                        "hint: use a forward window shorter than " + length + ", or remove 'tbptt' for full BPTT");
            }
        }
    }

    /**
     * Every name in the file that refers to a metric ({@code training.early_stopping.monitor}) must be
     * {@code loss}, or a metric that is computed ({@code training.metrics}, else the data kind's defaults),
     * optionally prefixed with {@code val_}.
     */
    private static <S extends DataSpec> void checkMetricNames(ExperimentSpec spec, DataKind<S> kind, Binder binder,
            Diagnostics diags) {
        if (spec.training().earlyStopping() == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        S data = (S) spec.data();
        java.util.Collection<MetricKind> computed = spec.training().metrics().isEmpty() ? kind.defaultMetrics(data)
                : spec.training().metrics();
        List<String> allowed = new ArrayList<>(List.of("loss", "val_loss"));
        for (MetricKind m : computed) {
            allowed.add(m.id());
        }
        for (MetricKind m : computed) {
            allowed.add("val_" + m.id());
        }
        String name = spec.training().earlyStopping().monitor();
        if (!allowed.contains(name)) {
            String path = "training.early_stopping.monitor";
            String base = name.startsWith("val_") ? name.substring(4) : name;
            boolean known = java.util.Arrays.stream(MetricKind.values()).anyMatch(k -> k.id().equals(base));
            diags.error("RNN4J-DSL-048", binder.locate(path), path, "'" + name + "' is not a measured quantity"
                    + (known ? ": the metric '" + base + "' is not computed for this experiment" + (spec.training().metrics()
                            .isEmpty() ? " ('" + kind.id() + "' data is judged by " + computed.stream().map(MetricKind::id)
                            .toList() + ")" : " (training.metrics is " + computed.stream().map(MetricKind::id).toList() + ")")
                            : ""), Names.hint(name, allowed, "allowed" + (known ? " (or add '" + base
                            + "' to training.metrics)" : "")));
        }
    }
}
