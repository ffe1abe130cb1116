package io.rnn4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.dsl.schema.SchemaExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schema ({@code dsl/schema/experiment.schema.json}, which the example files name
 * in their {@code yaml-language-server} comment) is what the generator makes from the spec records, and
 * an independent JSON Schema validator accepts every example and rejects broken files.
 */
class SchemaTest {
    static final Path PUBLISHED = Path.of("schema/experiment.schema.json");
    private final SchemaExporter exporter = new SchemaExporter(LayerKindRegistry.discover(getClass().getClassLoader()),
            io.rnn4j.core.data.DataKindRegistry.discover(getClass().getClassLoader()));

    private JsonSchema validator() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(exporter.schemaJson(ExperimentSpec.class, "rnn4j experiment"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    }

    @Test
    void thePublishedSchemaIsTheGeneratedOne() throws Exception {
        String generated = exporter.schemaJson(ExperimentSpec.class, "rnn4j experiment");
        if (Boolean.getBoolean("rnn4j.golden.update")) {
            Files.createDirectories(PUBLISHED.getParent());
            Files.writeString(PUBLISHED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(PUBLISHED, StandardCharsets.UTF_8))
                .as("regenerate with -Drnn4j.golden.update=true (or 'rnn4j schema')").isEqualTo(generated);
    }

    @Test
    void theSchemaDocumentsOptionsWithDefaultsAndRanges() throws Exception {
        JsonNode s = new ObjectMapper().readTree(exporter.schemaJson(ExperimentSpec.class, "rnn4j experiment"));
        JsonNode lstm = s.at("/$defs/LstmSpec/properties");
        assertThat(lstm.at("/units/minimum").asInt()).isEqualTo(1);
        assertThat(lstm.at("/merge/default").asText()).isEqualTo("concat");
        assertThat(lstm.at("/return_sequences/description").asText()).contains("every step");
        assertThat(s.at("/$defs/LstmSpec/required").toString()).contains("units");
    }

    @Test
    void everyExampleValidatesAgainstTheSchema() throws Exception {
        JsonSchema schema = validator();
        for (Path f : ExperimentLoaderTest.exampleFiles()) {
            JsonNode doc = new YAMLMapper().readTree(f.toFile());
            Set<ValidationMessage> errors = schema.validate(doc);
            assertThat(errors).as(f.toString()).isEmpty();
        }
    }

    @Test
    void theSchemaRejectsAnUnknownKeyAWrongTypeAndAHeadInTheLayers() throws Exception {
        JsonSchema schema = validator();
        String base = "version: 1\nname: x\ndata: {type: text, train: t.txt}\n";
        assertThat(schema.validate(new YAMLMapper().readTree(base
                + "model: {layers: [{lstm: {unit: 3}}], head: {many_to_many: {}}}"))).isNotEmpty();
        assertThat(schema.validate(new YAMLMapper().readTree(base
                + "model: {layers: [{lstm: {units: many}}], head: {many_to_many: {}}}"))).isNotEmpty();
        assertThat(schema.validate(new YAMLMapper().readTree(base
                + "model: {layers: [{many_to_many: {}}], head: {many_to_many: {}}}"))).isNotEmpty();
        assertThat(schema.validate(new YAMLMapper().readTree(base
                + "model: {layers: [{lstm: {units: 3}}], head: {many_to_many: {}}}"))).isEmpty();
    }
}
