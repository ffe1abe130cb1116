package io.rnn4j.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.archive.ModelArchive;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.dsl.SpecWriter;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The experiment of a model archive as a file a user edits and trains: {@code rnn4j render-config MODEL.rnn4j}.
 *
 * <p>What a Keras user does with {@code load_model(...).fit(...)} or a PyTorch user with {@code load_state_dict}
 * and their training loop: continue from a saved (or imported) model. Here the archive's stored experiment (the
 * resolved YAML it was trained with, or for {@code rnn4j import} the imported {@code model} section plus the
 * {@code --experiment} it was given) is rendered with every default filled in and with {@code model.init_from} set
 * to the archive, so {@code rnn4j train} on the rendered file starts from the archive's weights (the layer graph is
 * checked layer by layer, {@code RNN4J-RUN-021}). {@code --set} overrides apply as for a YAML file; an archive
 * imported without data takes its data section from them ({@code --set data='{type: sequences, train: x.jsonl}'}).
 * Relative paths in the rendered file (data files) are read from the directory of the file it is saved to.
 */
public final class ArchiveExperiments {
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    private final ExperimentLoader loader;

    /** Renders with the application's experiment loader. */
    @Inject
    public ArchiveExperiments(ExperimentLoader loader) {
        this.loader = loader;
    }

    /**
     * A rendered experiment.
     *
     * @param yaml   the complete experiment (a header comment, then every option with its default filled in)
     * @param loaded the validated experiment
     */
    public record Rendered(String yaml, ExperimentLoader.Loaded loaded) {
    }

    /** Whether {@code file} is a model archive (a zip file) rather than an experiment's YAML text. */
    public static boolean isArchive(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The experiment of {@code archive} with {@code model.init_from} the archive and {@code overrides} applied,
     * validated.
     *
     * @throws Rnn4jException {@code RNN4J-RUN-023} if the archive has no data section and no override gives one;
     *                        as {@link ModelArchive#read(Path)}; {@code ValidationException} listing every problem
     */
    public Rendered render(Path archive, List<String> overrides) {
        ModelArchive a = ModelArchive.read(archive);
        ObjectNode stored;
        try {
            JsonNode tree = YAML.readTree(a.experimentYaml());
            stored = tree instanceof ObjectNode o ? o : YAML.createObjectNode();
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-RUN-023", archive + ": its stored experiment is not YAML (" + e.getMessage()
                    + "). Write the experiment again and train with model: {init_from: " + archive + "}.", e);
        }
        String imported = a.provenance().extra().get("imported_from");
        ObjectNode root = YAML.createObjectNode();
        root.put("version", stored.has("version") ? stored.get("version").asInt() : 1);
        root.put("name", stored.has("name") ? stored.get("name").asText() : OnnxImports.name(
                imported != null ? Path.of(imported) : archive));
        stored.fields().forEachRemaining(e -> root.set(e.getKey(), e.getValue()));
        if (!(root.get("model") instanceof ObjectNode model)) {
            throw new Rnn4jException("RNN4J-RUN-023", archive + ": its stored experiment has no model section; it was "
                    + "not written by 'rnn4j train' or 'rnn4j import'. Train or import it again.");
        }
        model.put("init_from", archive.toAbsolutePath().normalize().toString());
        boolean dataSet = overrides.stream().anyMatch(s -> s.trim().startsWith("data=") || s.trim().startsWith("data."));
        if (!root.has("data") && !dataSet) {
            throw new Rnn4jException("RNN4J-RUN-023", archive + " was " + (imported != null ? "imported from "
                    + imported + " " : "written ") + "without data, so its experiment has no data section. Give it "
                    + "with --set, e.g. rnn4j render-config " + archive + " --set data='{type: sequences, train: "
                    + "train.jsonl, classes: " + classesHint(root) + "}' > fine-tune.yaml (the data kinds and their "
                    + "options: rnn4j schema), or import again with --experiment EXP.yaml.");
        }
        String text;
        try {
            text = YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the experiment of " + archive, e);
        }
        String name = archive + " (its stored experiment)";
        Diagnostics diags = new Diagnostics();
        ExperimentLoader.Loaded loaded = loader.tryParse(name, text, overrides, diags);
        diags.throwIfErrors(name);
        String header = "# the experiment of " + archive.getFileName() + (imported != null ? " (imported from "
                + Path.of(imported).getFileName() + ")" : "") + ", every default filled in, rendered by 'rnn4j "
                + "render-config'.\n# model.init_from: 'rnn4j train' on this file starts from that model's weights "
                + "(the layers must stay as they are).\n# Relative data paths are read from the directory you save "
                + "this file in.\n";
        return new Rendered(header + SpecWriter.toYaml(loaded.spec()), loaded);
    }

    /** The head's class count in the imported model section, for the hint. */
    private static String classesHint(ObjectNode root) {
        for (JsonNode head : root.path("model").path("head")) {
            if (head.has("classes") && head.get("classes").isInt()) {
                return head.get("classes").asText();
            }
        }
        return "N";
    }
}
