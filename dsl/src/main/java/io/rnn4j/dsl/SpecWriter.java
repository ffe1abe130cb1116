package io.rnn4j.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.rnn4j.core.spec.LayerEntry;
import io.rnn4j.core.spec.Polymorphic;
import io.rnn4j.core.spec.Variant;
import io.rnn4j.dsl.bind.Names;
import io.rnn4j.core.spec.SplitSource;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a bound spec back as YAML with every default filled in ({@code rnn4j render-config}): the
 * inverse of the binder, using the same key names, enum ids and polymorphic forms, so the output is
 * itself a valid experiment file that binds to an equal spec.
 */
public final class SpecWriter {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private SpecWriter() {
    }

    /** The spec as YAML text. */
    public static String toYaml(Object spec) {
        try {
            return YAML.writeValueAsString(toTree(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec " + spec, e);
        }
    }

    /** The spec as nested maps, lists and scalars. */
    public static Object toTree(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Enum<?> e) {
            return Names.enumId(e);
        }
        if (value instanceof SplitSource s) {
            return s.file() != null ? s.file() : s.fraction();
        }
        if (value instanceof LayerEntry e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(e.kind(), toTree(e.spec()));
            return m;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(toTree(o));
            }
            return out;
        }
        Class<?> c = value.getClass();
        if (c.isRecord()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            Polymorphic poly = polymorphicParent(c);
            Variant variant = c.getAnnotation(Variant.class);
            if (poly != null && variant != null && !poly.key().isEmpty()) {
                fields.put(poly.key(), variant.value());
            }
            for (RecordComponent rc : c.getRecordComponents()) {
                try {
                    Object v = rc.getAccessor().invoke(value);
                    if (v != null) {
                        fields.put(Names.key(rc), toTree(v));
                    }
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
            }
            if (poly != null && variant != null && poly.key().isEmpty()) {
                Map<String, Object> wrapped = new LinkedHashMap<>();
                wrapped.put(variant.value(), fields);
                return wrapped;
            }
            return fields;
        }
        throw new IllegalStateException("cannot write " + c.getName() + " as YAML");
    }

    private static Polymorphic polymorphicParent(Class<?> c) {
        for (Class<?> i : c.getInterfaces()) {
            Polymorphic p = i.getAnnotation(Polymorphic.class);
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
