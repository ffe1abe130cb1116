package io.rnn4j.dsl.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaKeyword;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.fasterxml.classmate.ResolvedType;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerEntry;
import io.rnn4j.core.spec.Polymorphic;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Variant;
import io.rnn4j.core.spi.LayerKind;
import io.rnn4j.dsl.bind.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates the JSON Schema of experiment files from the spec records with the victools
 * jsonschema-generator, driven by the same annotations the binder uses ({@link Doc}, {@link Default},
 * {@link Range}, {@link Polymorphic}, {@link Variant}) and by the layer kinds of a
 * {@link LayerKindRegistry}, so plugin kinds appear in the schema. Editors that read the
 * {@code # yaml-language-server: $schema=...} comment then validate and complete experiment files.
 */
public final class SchemaExporter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final LayerKindRegistry kinds;
    private final io.rnn4j.core.data.DataKindRegistry dataKinds;

    /** An exporter that includes every layer kind of {@code kinds} and every data kind of {@code dataKinds}. */
    public SchemaExporter(LayerKindRegistry kinds, io.rnn4j.core.data.DataKindRegistry dataKinds) {
        this.kinds = kinds;
        this.dataKinds = dataKinds;
    }

    /** The schema of files whose root is bound to {@code root}, as an object tree. */
    public ObjectNode schema(Class<?> root, String title) {
        SchemaGeneratorConfigBuilder b = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON);
        b.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.DEFINITIONS_FOR_ALL_OBJECTS,
                Option.NULLABLE_FIELDS_BY_DEFAULT);
        b.without(Option.NULLABLE_FIELDS_BY_DEFAULT);
        b.forFields().withPropertyNameOverrideResolver(f -> {
            io.rnn4j.core.spec.Key k = f.getAnnotation(io.rnn4j.core.spec.Key.class);
            return k != null ? k.value() : Names.snake(f.getDeclaredName());
        });
        b.forFields().withDescriptionResolver(f -> doc(f));
        b.forFields().withDefaultResolver(SchemaExporter::defaultValue);
        b.forFields().withRequiredCheck(f -> f.getType().getErasedType().isPrimitive()
                && f.getAnnotation(Default.class) == null);
        b.forFields().withNumberInclusiveMinimumResolver(f -> range(f, true, false));
        b.forFields().withNumberExclusiveMinimumResolver(f -> range(f, true, true));
        b.forFields().withNumberInclusiveMaximumResolver(f -> range(f, false, false));
        b.forFields().withNumberExclusiveMaximumResolver(f -> range(f, false, true));
        b.forTypesInGeneral().withDescriptionResolver(t -> {
            Doc d = t.getType().getErasedType().getAnnotation(Doc.class);
            return d == null ? null : d.value();
        });
        b.forTypesInGeneral().withEnumResolver(t -> {
            Class<?> c = t.getType().getErasedType();
            if (!c.isEnum()) {
                return null;
            }
            List<Object> ids = new ArrayList<>();
            for (Object e : c.getEnumConstants()) {
                ids.add(Names.enumId((Enum<?>) e));
            }
            return ids;
        });
        b.forTypesInGeneral().withCustomDefinitionProvider(this::custom);
        SchemaGenerator gen = new SchemaGenerator(b.build());
        ObjectNode schema = gen.generateSchema(root);
        schema.put("title", title);
        restrictHeadAndLayers(schema);
        return schema;
    }

    /** The schema as indented JSON text. */
    public String schemaJson(Class<?> root, String title) {
        try {
            return JSON.writeValueAsString(schema(root, title)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String doc(FieldScope f) {
        Doc d = f.getAnnotation(Doc.class);
        if (d == null) {
            d = f.getAnnotationConsideringFieldAndGetter(Doc.class);
        }
        return d == null ? null : d.value();
    }

    private static Object defaultValue(FieldScope f) {
        Default d = f.getAnnotation(Default.class);
        if (d == null) {
            return null;
        }
        try {
            return new YAMLMapper().readTree(d.value());
        } catch (java.io.IOException e) {
            return d.value();
        }
    }

    private static java.math.BigDecimal range(FieldScope f, boolean min, boolean exclusive) {
        Range r = f.getAnnotation(Range.class);
        if (r == null) {
            return null;
        }
        double v = min ? r.min() : r.max();
        boolean ex = min ? r.minExclusive() : r.maxExclusive();
        if (Double.isInfinite(v) || ex != exclusive) {
            return null;
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros();
    }

    private CustomDefinition custom(ResolvedType type, SchemaGenerationContext ctx) {
        Class<?> c = type.getErasedType();
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (c == LayerEntry.class) {
            ObjectNode def = f.objectNode();
            ArrayNode oneOf = def.putArray("oneOf");
            for (LayerKind<?> k : kinds.all()) {
                oneOf.add(singleKey(ctx, k.id(), k.specType(), k.description()).put("x-rnn4j-head", k.isHead()));
            }
            def.put("description", "A layer or head: a mapping with one key, the kind's id.");
            return new CustomDefinition(def, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
        }
        if (c.isEnum()) {
            ObjectNode def = f.objectNode().put("type", "string");
            ArrayNode ids = def.putArray("enum");
            for (Object e : c.getEnumConstants()) {
                ids.add(Names.enumId((Enum<?>) e));
            }
            return new CustomDefinition(def, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
        }
        if (c == io.rnn4j.core.spec.SplitSource.class) {
            ObjectNode def = f.objectNode();
            def.put("description", "A fraction of the training data in (0, 1), or the path of a file.");
            ArrayNode oneOf = def.putArray("oneOf");
            oneOf.addObject().put("type", "number").put("exclusiveMinimum", 0).put("exclusiveMaximum", 1);
            oneOf.addObject().put("type", "string");
            return new CustomDefinition(def, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
        }
        Polymorphic p = c.getAnnotation(Polymorphic.class);
        if (p != null && (c.isSealed() || c == io.rnn4j.core.spec.DataSpec.class)) {
            ObjectNode def = f.objectNode();
            ArrayNode oneOf = def.putArray("oneOf");
            Class<?>[] variants = c.isSealed() ? c.getPermittedSubclasses()
                    : dataKinds.all().stream().map(io.rnn4j.core.spi.DataKind::specType).toArray(Class<?>[]::new);
            for (Class<?> v : variants) {
                Variant id = v.getAnnotation(Variant.class);
                if (id == null) {
                    continue;
                }
                Doc d = v.getAnnotation(Doc.class);
                if (p.key().isEmpty()) {
                    oneOf.add(singleKey(ctx, id.value(), v, d == null ? null : d.value()));
                } else {
                    ObjectNode variant = ctx.createStandardDefinition(ctx.getTypeContext().resolve(v), null);
                    ObjectNode props = variant.has("properties") ? (ObjectNode) variant.get("properties")
                            : variant.putObject("properties");
                    ObjectNode disc = f.objectNode().put("const", id.value());
                    ObjectNode reordered = f.objectNode();
                    reordered.set(p.key(), disc);
                    reordered.setAll(props);
                    variant.set("properties", reordered);
                    ArrayNode req = variant.has("required") ? (ArrayNode) variant.get("required") : variant.putArray("required");
                    req.insert(0, p.key());
                    oneOf.add(variant);
                }
            }
            return new CustomDefinition(def, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
        }
        return null;
    }

    private static ObjectNode singleKey(SchemaGenerationContext ctx, String id, Class<?> spec, String description) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "object");
        if (description != null) {
            o.put("description", description);
        }
        o.putObject("properties").set(id, ctx.createDefinitionReference(ctx.getTypeContext().resolve(spec)));
        o.putArray("required").add(id);
        o.put("additionalProperties", false);
        return o;
    }

    /** Narrows {@code model.head} to heads and {@code model.layers} items to layer kinds. */
    private void restrictHeadAndLayers(ObjectNode schema) {
        JsonNode defs = schema.get(SchemaKeyword.TAG_DEFINITIONS.forVersion(SchemaVersion.DRAFT_2020_12));
        if (defs == null) {
            return;
        }
        defs.fields().forEachRemaining(e -> {
            JsonNode props = e.getValue().get("properties");
            if (props == null || !e.getKey().toLowerCase(Locale.ROOT).contains("modelspec")) {
                return;
            }
            ObjectNode head = (ObjectNode) props.get("head");
            ObjectNode layers = (ObjectNode) props.get("layers");
            if (head != null) {
                props = props.deepCopy();
                ((ObjectNode) e.getValue()).set("properties", props);
                ((ObjectNode) props).set("head", filtered(true, head.get("description")));
                ObjectNode items = filtered(false, null);
                ObjectNode l = ((ObjectNode) props).putObject("layers");
                l.put("type", "array");
                if (layers != null && layers.has("description")) {
                    l.set("description", layers.get("description"));
                }
                l.set("items", items);
            }
        });
    }

    private ObjectNode filtered(boolean heads, JsonNode description) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (description != null) {
            o.set("description", description);
        }
        ArrayNode oneOf = o.putArray("anyOf");
        for (LayerKind<?> k : kinds.all()) {
            if (k.isHead() == heads) {
                ObjectNode ref = JsonNodeFactory.instance.objectNode();
                ref.put("type", "object");
                ref.put("description", k.description());
                ref.putObject("properties").putObject(k.id()).put("$ref", "#/$defs/" + defName(k.specType()));
                ref.putArray("required").add(k.id());
                ref.put("additionalProperties", false);
                oneOf.add(ref);
            }
        }
        return o;
    }

    private static String defName(Class<?> c) {
        return c.getSimpleName();
    }
}
