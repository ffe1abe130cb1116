package io.rnn4j.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.archive.ArchiveContents;
import io.rnn4j.core.archive.ModelArchive;
import io.rnn4j.core.archive.Provenance;
import io.rnn4j.core.archive.Weights;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spec.LayerEntry;
import io.rnn4j.core.spec.ModelSpec;
import io.rnn4j.dsl.SpecWriter;
import io.rnn4j.onnx.ImportedModel;
import io.rnn4j.onnx.OnnxImporter;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rnn4j import MODEL.onnx --out MODEL.rnn4j [--experiment EXP.yaml]}: an ONNX model ({@link OnnxImporter})
 * written as an rnn4j model archive.
 *
 * <p>With {@code --experiment}, the experiment file supplies everything but the model (its {@code data},
 * {@code training}, ...; a {@code model} section in it is replaced by the imported one): the experiment is prepared
 * with its data like a training run (the head must fit the data's targets), the imported weights are loaded into
 * that network (its parameters must be the imported ones, name for name and shape for shape) and the archive
 * records the resolved experiment and the data files, so {@code inspect}, {@code evaluate}, {@code predict} and
 * {@code export} work on it. Without it, the archive holds the imported layers (the {@code model} section) and
 * weights only (its experiment: {@code version}, {@code name} and the {@code model} section, no data): a starting
 * point for fine-tuning with {@code model: {init_from: MODEL.rnn4j}}. Either way {@code rnn4j render-config
 * MODEL.rnn4j} ({@link ArchiveExperiments}) prints the complete experiment with {@code init_from} filled in.
 */
public final class OnnxImports {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    private final ExperimentPreparer preparer;

    /** Imports with the application's experiment preparer. */
    @Inject
    public OnnxImports(ExperimentPreparer preparer) {
        this.preparer = preparer;
    }

    /**
     * What an import wrote.
     *
     * @param archive    the model archive
     * @param summary    the imported network's layer summary
     * @param modelYaml  a {@code model:} section with the imported layers and {@code init_from} the archive: paste it
     *                   into an experiment to fine-tune the imported model
     * @param maxAbsDiff the import check's largest difference from the original graph in ONNX Runtime
     * @param output     what the original graph applies after its last linear layer
     * @param inputLayout how the original graph's input is laid out (rnn4j's is batch-major)
     * @param withData   whether the archive records an experiment with data
     * @param lengthsInput the original graph's input of sequence lengths ({@code sequence_lens}), or null
     */
    public record Result(Path archive, String summary, String modelYaml, double maxAbsDiff, ImportedModel.Output output,
            ImportedModel.Layout inputLayout, boolean withData, String lengthsInput) {
    }

    /**
     * Imports {@code onnx} into the archive {@code out}.
     *
     * @param experiment an experiment supplying the data (its model section is replaced), or null
     */
    public Result importOnnx(Path onnx, Path out, Path experiment) {
        try (ImportedModel m = new OnnxImporter().importModel(onnx)) {
            List<LayerEntry> layers = new ArrayList<>();
            for (LayerGraph.Item i : m.layers()) {
                layers.add(new LayerEntry(i.kindId(), i.spec()));
            }
            LayerEntry head = new LayerEntry(m.head().kindId(), m.head().spec());
            ModelSpec model = new ModelSpec(layers, head, null);
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("model", SpecWriter.toTree(new ModelSpec(layers, head, out.toAbsolutePath().toString())));
            String modelYaml = yaml(section);
            ArchiveContents.Builder b = ArchiveContents.builder().backend(m.network().backend().id());
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("imported_from", onnx.toAbsolutePath().toString());
            if (experiment == null) {
                Map<String, Object> exp = new LinkedHashMap<>();
                exp.put("version", 1);
                exp.put("name", name(onnx));
                exp.putAll(section);
                b.experimentYaml("# imported from " + onnx.getFileName() + " by 'rnn4j import', without data: 'rnn4j "
                        + "render-config " + out.getFileName() + " --set data=...' gives an experiment to fine-tune it\n"
                        + yaml(exp)).weights(m.network().parameters());
                b.provenance(new Provenance(null, List.of(), extra));
            } else {
                Prepared p = preparer.refit(experiment, withModel(experiment, model), List.of());
                Network net = new Network(p.graph(), m.network().backend());
                Weights.of(m.network().parameters()).loadInto(net.parameters());
                b.experimentYaml(p.yaml()).weights(net.parameters());
                p.pipeline().store().forEach(b::data);
                extra.put("experiment", p.file().toAbsolutePath().toString());
                extra.put(ModelLoader.PIPELINE_KEY, ModelLoader.PIPELINE_STORED);
                b.provenance(new Provenance(p.spec().seed(), ExperimentRunner.dataFiles(p), extra));
            }
            ModelArchive.write(out, b.build());
            return new Result(out, m.graph().summary(), modelYaml, m.maxAbsDiff(), m.output(), m.inputLayout(),
                    experiment != null, m.lengthsInput());
        }
    }

    /** An experiment name from the ONNX file's name: its stem, lower case letters, digits, '-' and '_'. */
    static String name(Path onnx) {
        String file = onnx.getFileName().toString();
        String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        String n = stem.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return n.isEmpty() ? "imported" : n;
    }

    /** The experiment's text with its {@code model} section replaced by {@code model}. */
    private static String withModel(Path experiment, ModelSpec model) {
        JsonNode tree;
        try {
            tree = YAML.readTree(experiment.toFile());
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-RUN-022", "cannot read the experiment " + experiment + ": " + e.getMessage()
                    + ". Give a YAML experiment file with the data section for the imported model.", e);
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new Rnn4jException("RNN4J-RUN-022", experiment + " is not a YAML mapping. Give an experiment file "
                    + "with at least 'version', 'name' and 'data'.");
        }
        root.set("model", YAML.valueToTree(SpecWriter.toTree(model)));
        return yaml(root);
    }

    private static String yaml(Object tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + tree + " as YAML", e);
        }
    }
}
