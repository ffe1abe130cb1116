package io.rnn4j.data.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.data.Output;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.LabelSet;
import io.rnn4j.data.Normalization;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.Vocabulary;
import io.rnn4j.data.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a pipeline that every built-in kind shares: it is a {@link DataSchema} (sizes, column
 * names, vocabularies, labels, normalisation), stored in the archive as {@value #SCHEMA} plus one JSON
 * file per fitted artefact, and restored from them.
 */
abstract class SchemaPipeline implements DataPipeline {
    /** The archive entry with the schema's sizes and names. */
    static final String SCHEMA = "schema.json";
    private static final String FORMAT = "rnn4j-data-schema";

    private final DataSchema schema;

    SchemaPipeline(DataSchema schema) {
        this.schema = schema;
    }

    /** The schema. */
    DataSchema schema() {
        return schema;
    }

    @Override
    public ValueType inputType() {
        return schema.inputKind() == InputKind.TOKENS ? ValueType.tokens(schema.inputSize())
                : ValueType.sequence(schema.inputSize());
    }

    @Override
    public Output output() {
        return new Output(outputKind(schema.targetKind()), schema.outputSize());
    }

    @Override
    public DataFacts facts() {
        Output o = output();
        int classes = o.kind() == OutputKind.CLASS || o.kind() == OutputKind.STEP_CLASSES ? o.size() : DataFacts.UNKNOWN;
        int targetVocabulary = o.kind() == OutputKind.SEQUENCE ? o.size() : DataFacts.UNKNOWN;
        int targetFeatures = o.kind() == OutputKind.VALUES || o.kind() == OutputKind.STEP_VALUES ? o.size() : DataFacts.UNKNOWN;
        return new DataFacts(classes, targetVocabulary, targetFeatures);
    }

    static OutputKind outputKind(TargetKind k) {
        return switch (k) {
            case CLASS -> OutputKind.CLASS;
            case VALUES -> OutputKind.VALUES;
            case STEP_CLASSES -> OutputKind.STEP_CLASSES;
            case STEP_VALUES -> OutputKind.STEP_VALUES;
            case SEQUENCE -> OutputKind.SEQUENCE;
        };
    }

    @Override
    public Map<String, byte[]> store() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        ObjectNode n = Json.header(FORMAT);
        n.put("input", schema.inputKind().name().toLowerCase(java.util.Locale.ROOT));
        n.put("input_size", schema.inputSize());
        n.put("target", schema.targetKind().name().toLowerCase(java.util.Locale.ROOT));
        n.put("output_size", schema.outputSize());
        ArrayNode f = n.putArray("feature_names");
        schema.featureNames().forEach(f::add);
        ArrayNode t = n.putArray("target_names");
        schema.targetNames().forEach(t::add);
        out.put(SCHEMA, bytes(Json.write(n)));
        schema.vocabulary().ifPresent(v -> out.put("vocabulary.json", bytes(v.toJson())));
        schema.targetVocabulary().ifPresent(v -> out.put("target_vocabulary.json", bytes(v.toJson())));
        schema.labels().ifPresent(l -> out.put("labels.json", bytes(l.toJson())));
        schema.normalization().ifPresent(z -> out.put("normalization.json", bytes(z.toJson())));
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Map<String, byte[]> stored, String name, String source) {
        byte[] b = stored.get(name);
        if (b == null) {
            throw new Rnn4jException("RNN4J-DATA-030", source + name + " is missing: the model archive does not hold "
                    + "the data facts this data kind needs. Retrain the model with this rnn4j.");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The schema stored by {@link #store()}. */
    static DataSchema restoreSchema(Map<String, byte[]> stored, String source) {
        JsonNode n = Json.read(text(stored, SCHEMA, source), source + SCHEMA, FORMAT, "data schema");
        InputKind input = InputKind.valueOf(n.path("input").asText().toUpperCase(java.util.Locale.ROOT));
        TargetKind target = TargetKind.valueOf(n.path("target").asText().toUpperCase(java.util.Locale.ROOT));
        Optional<Vocabulary> vocabulary = Optional.ofNullable(stored.get("vocabulary.json"))
                .map(b -> Vocabulary.fromJson(new String(b, StandardCharsets.UTF_8), source + "vocabulary.json"));
        Optional<Vocabulary> targetVocabulary = Optional.ofNullable(stored.get("target_vocabulary.json"))
                .map(b -> Vocabulary.fromJson(new String(b, StandardCharsets.UTF_8), source + "target_vocabulary.json"));
        Optional<LabelSet> labels = Optional.ofNullable(stored.get("labels.json"))
                .map(b -> LabelSet.fromJson(new String(b, StandardCharsets.UTF_8), source + "labels.json"));
        Optional<Normalization> normalization = Optional.ofNullable(stored.get("normalization.json"))
                .map(b -> Normalization.fromJson(new String(b, StandardCharsets.UTF_8), source + "normalization.json"));
        return new DataSchema(input, n.path("input_size").asInt(), target, n.path("output_size").asInt(),
                strings(n.path("feature_names")), strings(n.path("target_names")), vocabulary, targetVocabulary, labels,
                normalization);
    }

    static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.asText()));
        return out;
    }
}
