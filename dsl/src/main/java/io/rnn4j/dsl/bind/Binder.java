package io.rnn4j.dsl.bind;

import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.LayerEntry;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Polymorphic;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Variant;
import io.rnn4j.core.spi.LayerKind;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.data.DataKindRegistry;
import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.dsl.yaml.Node;
import io.rnn4j.dsl.yaml.YamlLimits;
import io.rnn4j.dsl.yaml.YamlReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds a located YAML tree to spec records, reporting every problem as a located diagnostic and
 * going on, so that one run finds all the errors of a file.
 *
 * <p>Rules: a record is a mapping whose keys are its components' names in snake_case; a missing key
 * takes its {@link Default}; a primitive without a default is required; a reference without a default
 * is optional ({@code null}). {@link Range} is checked on the value. Enums are written as their lower
 * case names. A {@link LayerEntry} is a single-key mapping whose key is a layer kind's id, bound
 * through the {@link LayerKindRegistry}. A {@link Polymorphic} sealed interface picks its
 * {@link Variant} by a discriminator key or by a single wrapping key. After binding, the record's
 * canonical constructor runs; an {@link IllegalArgumentException} it throws becomes a diagnostic.
 */
public final class Binder {
    private final LayerKindRegistry kinds;
    private final DataKindRegistry dataKinds;
    private final Diagnostics diags;
    private final String file;
    private final Map<String, SourceLocation> locations = new LinkedHashMap<>();

    /**
     * A binder that reports into {@code diags}, naming {@code file} in locations; layers are bound through
     * {@code kinds} and the {@code data:} section through {@code dataKinds}.
     */
    public Binder(LayerKindRegistry kinds, DataKindRegistry dataKinds, Diagnostics diags, String file) {
        this.kinds = kinds;
        this.dataKinds = dataKinds;
        this.diags = diags;
        this.file = file;
    }

    /** The location of every path bound so far (for later, semantic diagnostics). */
    public Map<String, SourceLocation> locations() {
        return locations;
    }

    /** The location of a path, or of its closest bound ancestor. */
    public SourceLocation locate(String path) {
        String p = path;
        while (true) {
            SourceLocation l = locations.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return locations.getOrDefault("", SourceLocation.unknown(file));
            }
            p = p.substring(0, cut);
        }
    }

    /**
     * Binds {@code node} to {@code type}.
     *
     * @return the value, or {@code null} after reporting why it could not be bound
     */
    public Object bind(Node node, Type type, String path) {
        locations.put(path, node.location());
        Class<?> raw = rawClass(type);
        if (node instanceof Node.Scalar s && s.type() == Node.ScalarType.NULL && !raw.isPrimitive()) {
            return null;
        }
        if (raw == LayerEntry.class) {
            return layerEntry(node, path);
        }
        if (raw == DataSpec.class) {
            return dataSpec(node, path);
        }
        if (raw == SplitSource.class) {
            return splitSource(node, path);
        }
        if (raw.isRecord()) {
            return record(node, raw, path);
        }
        if (raw.isInterface() && raw.isAnnotationPresent(Polymorphic.class)) {
            return polymorphic(node, raw, path);
        }
        if (List.class.isAssignableFrom(raw)) {
            return list(node, ((ParameterizedType) type).getActualTypeArguments()[0], path);
        }
        if (raw.isEnum()) {
            return enumValue(node, raw, path);
        }
        return scalar(node, raw, path);
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported spec type " + t);
    }

    // --- records -------------------------------------------------------------------------------

    private Object record(Node node, Class<?> type, String path) {
        if (!(node instanceof Node.MapNode map)) {
            typeError(node, path, "a mapping of options");
            return null;
        }
        RecordComponent[] comps = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent c : comps) {
            byKey.put(Names.key(c), c);
        }
        return record(map, type, path, byKey, Set.of());
    }

    private Object record(Node.MapNode map, Class<?> type, String path, Map<String, RecordComponent> byKey,
            Set<String> ignoredKeys) {
        boolean ok = true;
        Set<String> misspelled = new LinkedHashSet<>(); // keys the user meant but misspelled
        for (Map.Entry<String, Node> e : map.entries().entrySet()) {
            if (!byKey.containsKey(e.getKey()) && !ignoredKeys.contains(e.getKey())) {
                unknownKey(map, e.getKey(), path, byKey.keySet());
                Names.closest(e.getKey(), byKey.keySet()).ifPresent(misspelled::add);
                ok = false;
            }
        }
        Object[] args = new Object[byKey.size()];
        int i = 0;
        for (Map.Entry<String, RecordComponent> e : byKey.entrySet()) {
            RecordComponent c = e.getValue();
            String childPath = join(path, e.getKey());
            Node child = map.entries().get(e.getKey());
            Object value;
            if (child != null) {
                value = bind(child, c.getGenericType(), childPath);
                if (value == null && !(child instanceof Node.Scalar s && s.type() == Node.ScalarType.NULL)) {
                    ok = false;
                } else if (value == null && c.getType().isPrimitive()) {
                    ok = false;
                } else if (value != null && !checkRange(c, value, child, childPath)) {
                    ok = false;
                }
            } else {
                Default d = c.getAnnotation(Default.class);
                if (d != null) {
                    value = bind(defaultNode(d.value(), map.location()), c.getGenericType(), childPath);
                    locations.put(childPath, map.location());
                } else if (c.getType().isPrimitive() || c.isAnnotationPresent(Required.class)) {
                    if (!misspelled.contains(e.getKey())) { // else the unknown-key error already says it
                        diags.error("RNN4J-DSL-006", map.location(), path, "missing required option '" + e.getKey() + "'",
                                "hint: add " + requiredHint(e.getKey(), c.getType()));
                    }
                    value = null;
                    ok = false;
                } else {
                    value = null;
                }
            }
            args[i++] = value;
        }
        if (!ok) {
            return null;
        }
        return construct(type, args, map.location(), path);
    }

    private Object construct(Class<?> type, Object[] args, SourceLocation at, String path) {
        try {
            Class<?>[] types = java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                diags.error("RNN4J-DSL-010", at, path, String.valueOf(cause.getMessage()),
                        "hint: fix the options of this block");
                return null;
            }
            throw new IllegalStateException("spec " + type.getName() + " failed to construct", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("spec " + type.getName() + " is not a bindable record", e);
        }
    }

    private static Node defaultNode(String text, SourceLocation at) {
        String t = text.trim();
        if (t.startsWith("{") || t.startsWith("[")) {
            Diagnostics local = new Diagnostics();
            Node parsed = new YamlReader(YamlLimits.defaults()).read("(default)", "v: " + t, local);
            if (local.hasErrors() || !(parsed instanceof Node.MapNode m)) {
                throw new IllegalStateException("invalid @Default " + t + ": " + local.sorted());
            }
            return Node.relocated(m.entries().get("v"), at);
        }
        Node.ScalarType type;
        if (t.equals("true") || t.equals("false")) {
            type = Node.ScalarType.BOOLEAN;
        } else if (t.matches("[-+]?\\d+")) {
            type = Node.ScalarType.INTEGER;
        } else if (t.matches("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
            type = Node.ScalarType.FLOAT;
        } else if (t.equals("null")) {
            type = Node.ScalarType.NULL;
        } else {
            type = Node.ScalarType.STRING;
        }
        return new Node.Scalar(at, type == Node.ScalarType.NULL ? null : t, type);
    }

    private Object splitSource(Node node, String path) {
        if (node instanceof Node.Scalar s && s.text() != null) {
            if (s.type() == Node.ScalarType.FLOAT || s.type() == Node.ScalarType.INTEGER) {
                double f = Double.parseDouble(s.text());
                if (!(f > 0 && f < 1)) {
                    diags.error("RNN4J-DSL-007", node.location(), path, "value " + s.text()
                            + " is out of range: a split fraction must be > 0 and < 1",
                            "hint: write a fraction such as 0.1, or the path of a file");
                    return null;
                }
                return SplitSource.fraction(f);
            }
            if (s.type() == Node.ScalarType.STRING) {
                return SplitSource.file(s.text());
            }
        }
        typeError(node, path, "a fraction such as 0.1 or a file path");
        return null;
    }

    private boolean checkRange(RecordComponent c, Object value, Node node, String path) {
        Range r = c.getAnnotation(Range.class);
        if (r == null || !(value instanceof Number n)) {
            return true;
        }
        double v = n.doubleValue();
        boolean low = r.minExclusive() ? v > r.min() : v >= r.min();
        boolean high = r.maxExclusive() ? v < r.max() : v <= r.max();
        if (low && high) {
            return true;
        }
        diags.error("RNN4J-DSL-007", node.location(), path, "value " + render(node) + " is out of range: allowed "
                + rangeText(r), "hint: use a value " + rangeText(r));
        return false;
    }

    static String rangeText(Range r) {
        boolean hasMin = r.min() != Double.NEGATIVE_INFINITY;
        boolean hasMax = r.max() != Double.POSITIVE_INFINITY;
        String min = num(r.min());
        String max = num(r.max());
        if (hasMin && hasMax) {
            return (r.minExclusive() ? "> " : ">= ") + min + " and " + (r.maxExclusive() ? "< " : "<= ") + max;
        }
        if (hasMin) {
            return (r.minExclusive() ? "> " : ">= ") + min;
        }
        return (r.maxExclusive() ? "< " : "<= ") + max;
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    // --- layers and polymorphic specs -----------------------------------------------------------

    private Object layerEntry(Node node, String path) {
        if (!(node instanceof Node.MapNode map) || map.entries().size() != 1) {
            diags.error("RNN4J-DSL-008", node.location(), path, "a layer is a mapping with one key, its kind, but found "
                    + (node instanceof Node.MapNode m ? "a mapping with " + m.entries().size() + " keys"
                            : node.describe()), "hint: write '- lstm: {units: 128}'; known kinds: "
                    + String.join(", ", kindIds(path)));
            return null;
        }
        String id = map.entries().keySet().iterator().next();
        Node options = map.entries().get(id);
        boolean head = path.endsWith(".head");
        LayerKind<?> kind = kinds.find(id).orElse(null);
        List<String> allowed = kindIds(path);
        if (kind == null || kind.isHead() != head) {
            String what = kind == null ? "unknown " + (head ? "head" : "layer kind") + " '" + id + "'"
                    : "'" + id + "' is " + (kind.isHead() ? "a head; it belongs under 'model.head'"
                            : "a layer, not a head; put it in 'model.layers'");
            String hint = Names.hint(id, allowed, "known " + (head ? "heads" : "layer kinds"));
            diags.error("RNN4J-DSL-005", map.keyLocations().get(id), path, what, hint);
            return null;
        }
        String childPath = path + "." + id;
        Node opts = options instanceof Node.Scalar s && s.type() == Node.ScalarType.NULL
                ? new Node.MapNode(options.location(), Map.of(), Map.of()) : options;
        Object spec = bind(opts, kind.specType(), childPath);
        return spec == null ? null : new LayerEntry(id, (LayerSpec) spec);
    }

    private List<String> kindIds(String path) {
        return path.endsWith(".head") ? kinds.headIds() : kinds.layerIds();
    }

    private Object polymorphic(Node node, Class<?> iface, String path) {
        Polymorphic p = iface.getAnnotation(Polymorphic.class);
        Map<String, Class<?>> variants = new LinkedHashMap<>();
        for (Class<?> c : iface.getPermittedSubclasses()) {
            Variant v = c.getAnnotation(Variant.class);
            if (v != null) {
                variants.put(v.value(), c);
            }
        }
        if (!(node instanceof Node.MapNode map)) {
            typeError(node, path, p.key().isEmpty() ? "a mapping with one of the keys " + String.join(", ", variants.keySet())
                    : "a mapping with '" + p.key() + ": <one of " + String.join(", ", variants.keySet()) + ">'");
            return null;
        }
        if (p.key().isEmpty()) {
            if (map.entries().size() != 1) {
                diags.error("RNN4J-DSL-008", map.location(), path, "expected a mapping with exactly one key, one of "
                        + String.join(", ", variants.keySet()) + ", but found " + map.entries().size() + " keys",
                        "hint: write for example '" + variants.keySet().iterator().next() + ": {}'");
                return null;
            }
            String id = map.entries().keySet().iterator().next();
            Class<?> c = variants.get(id);
            if (c == null) {
                unknownVariant(map.keyLocations().get(id), path, id, variants.keySet());
                return null;
            }
            Node opts = map.entries().get(id);
            if (opts instanceof Node.Scalar s && s.type() == Node.ScalarType.NULL) {
                opts = new Node.MapNode(opts.location(), Map.of(), Map.of());
            }
            return bind(opts, c, path + "." + id);
        }
        Node disc = map.entries().get(p.key());
        if (disc == null) {
            diags.error("RNN4J-DSL-006", map.location(), path, "missing required option '" + p.key() + "'",
                    "hint: add '" + p.key() + ": <one of " + String.join(", ", variants.keySet()) + ">'");
            return null;
        }
        if (!(disc instanceof Node.Scalar s) || s.text() == null) {
            typeError(disc, join(path, p.key()), "one of " + String.join(", ", variants.keySet()));
            return null;
        }
        Class<?> c = variants.get(s.text());
        if (c == null) {
            unknownVariant(disc.location(), join(path, p.key()), s.text(), variants.keySet());
            return null;
        }
        locations.put(path, map.location());
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent rc : c.getRecordComponents()) {
            byKey.put(Names.key(rc), rc);
        }
        return record(map, c, path, byKey, Set.of(p.key()));
    }

    /** {@code data:}: a mapping whose {@code type} names a data kind, bound to the kind's spec record. */
    private Object dataSpec(Node node, String path) {
        List<String> ids = dataKinds.ids();
        if (!(node instanceof Node.MapNode map)) {
            typeError(node, path, "a mapping with 'type: <one of " + String.join(", ", ids) + ">'");
            return null;
        }
        Node disc = map.entries().get("type");
        if (disc == null) {
            diags.error("RNN4J-DSL-006", map.location(), path, "missing required option 'type'",
                    "hint: add 'type: <one of " + String.join(", ", ids) + ">'");
            return null;
        }
        if (!(disc instanceof Node.Scalar s) || s.text() == null) {
            typeError(disc, join(path, "type"), "one of " + String.join(", ", ids));
            return null;
        }
        DataKind<?> kind = dataKinds.find(s.text()).orElse(null);
        if (kind == null) {
            unknownVariant(disc.location(), join(path, "type"), s.text(), new LinkedHashSet<>(ids));
            return null;
        }
        locations.put(path, map.location());
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent rc : kind.specType().getRecordComponents()) {
            byKey.put(Names.key(rc), rc);
        }
        return record(map, kind.specType(), path, byKey, Set.of("type"));
    }

    private void unknownVariant(SourceLocation at, String path, String id, Set<String> allowed) {
        String hint = Names.hint(id, allowed, "allowed");
        diags.error("RNN4J-DSL-009", at, path, "unknown value '" + id + "'", hint);
    }

    // --- lists, enums, scalars ------------------------------------------------------------------

    private Object list(Node node, Type element, String path) {
        if (!(node instanceof Node.SeqNode seq)) {
            typeError(node, path, "a list");
            return null;
        }
        List<Object> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < seq.items().size(); i++) {
            Object v = bind(seq.items().get(i), element, path + "[" + i + "]");
            if (v == null) {
                ok = false;
            }
            out.add(v);
        }
        return ok ? out : null;
    }

    private Object enumValue(Node node, Class<?> type, String path) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Object c : type.getEnumConstants()) {
            allowed.add(Names.enumId((Enum<?>) c));
        }
        if (!(node instanceof Node.Scalar s) || s.type() == Node.ScalarType.NULL) {
            typeError(node, path, "one of " + String.join(", ", allowed));
            return null;
        }
        for (Object c : type.getEnumConstants()) {
            if (Names.enumId((Enum<?>) c).equals(s.text().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        unknownVariant(node.location(), path, s.text(), allowed);
        return null;
    }

    private Object scalar(Node node, Class<?> type, String path) {
        if (!(node instanceof Node.Scalar s) || s.type() == Node.ScalarType.NULL) {
            typeError(node, path, typeWords(type));
            return null;
        }
        String t = s.text();
        try {
            if (type == String.class) {
                if (s.type() == Node.ScalarType.STRING) {
                    return t;
                }
                typeError(node, path, "a string (put it in quotes)");
                return null;
            }
            if (type == boolean.class || type == Boolean.class) {
                if (s.type() == Node.ScalarType.BOOLEAN) {
                    return Boolean.parseBoolean(t);
                }
            } else if (type == int.class || type == Integer.class) {
                if (s.type() == Node.ScalarType.INTEGER) {
                    return Integer.parseInt(t.replace("_", ""));
                }
            } else if (type == long.class || type == Long.class) {
                if (s.type() == Node.ScalarType.INTEGER) {
                    return Long.parseLong(t.replace("_", ""));
                }
            } else if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
                if (s.type() == Node.ScalarType.INTEGER || s.type() == Node.ScalarType.FLOAT
                        || (s.type() == Node.ScalarType.STRING && t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)[eE][-+]?\\d+"))) {
                    double d = Double.parseDouble(t.replace("_", ""));
                    if (!Double.isFinite(d)) {
                        typeError(node, path, "a finite number");
                        return null;
                    }
                    return type == float.class || type == Float.class ? (Object) (float) d : (Object) d;
                }
            } else {
                throw new IllegalStateException("unsupported option type " + type.getName() + " at " + path);
            }
        } catch (NumberFormatException e) {
            typeError(node, path, typeWords(type) + " that fits");
            return null;
        }
        typeError(node, path, typeWords(type));
        return null;
    }

    private static String requiredHint(String key, Class<?> type) {
        if (type.isRecord() || type.isInterface() || List.class.isAssignableFrom(type)) {
            return "a '" + key + ":' section; see the examples in examples/*/experiment.yaml or 'rnn4j schema'";
        }
        return "'" + key + ": <" + typeWords(type) + ">'";
    }

    static String typeWords(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return type.getSimpleName();
    }

    private void typeError(Node node, String path, String expected) {
        diags.error("RNN4J-DSL-004", node.location(), path, "expected " + expected + ", found " + node.describe(), "");
    }

    private void unknownKey(Node.MapNode map, String key, String path, Set<String> allowed) {
        String hint = Names.hint(key, allowed, "allowed keys");
        diags.error("RNN4J-DSL-003", map.keyLocations().get(key), join(path, key), "unknown key '" + key + "'", hint);
    }

    private static String render(Node node) {
        return node instanceof Node.Scalar s && s.text() != null ? s.text() : node.describe();
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
