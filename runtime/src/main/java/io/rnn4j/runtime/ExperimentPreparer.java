package io.rnn4j.runtime;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.LayerEntry;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Datasets;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.TargetKind;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.dsl.ExperimentSpec;
import io.rnn4j.dsl.SpecWriter;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads an experiment end to end before training: validates the file, loads its data (every data error
 * is raised here, before any training), and compiles the model with the data's real sizes.
 */
public final class ExperimentPreparer {
    private final ExperimentLoader loader;
    private final LayerKindRegistry kinds;

    /** A preparer over the application's loader and layer kinds. */
    @Inject
    public ExperimentPreparer(ExperimentLoader loader, LayerKindRegistry kinds) {
        this.loader = loader;
        this.kinds = kinds;
    }

    /**
     * Validates, loads the data and compiles the model.
     *
     * @param file      the experiment file
     * @param overrides {@code path=value} overrides from the command line
     */
    public Prepared prepare(Path file, List<String> overrides) {
        return prepare(file, loader.load(file, overrides));
    }

    /**
     * Prepares the experiment whose text is {@code yaml} (e.g. from a model archive) as if it were the file
     * {@code file}: relative data paths resolve against that file's directory.
     */
    public Prepared prepareFromText(Path file, String yaml, List<String> overrides) {
        io.rnn4j.core.diag.Diagnostics diags = new io.rnn4j.core.diag.Diagnostics();
        ExperimentLoader.Loaded loaded = loader.tryParse(file + " (as stored in the model)", yaml, overrides, diags);
        diags.throwIfErrors(file + " (as stored in the model)");
        return prepare(file, loaded);
    }

    private Prepared prepare(Path file, ExperimentLoader.Loaded loaded) {
        ExperimentSpec spec = loaded.spec();
        Path base = file.toAbsolutePath().getParent();
        Dataset data = Datasets.load(DataConfigs.toDataSpec(spec.data(), base, spec.seed()));
        DataSchema schema = data.schema();
        ValueType input = schema.inputKind() == InputKind.TOKENS ? ValueType.tokens(schema.inputSize())
                : ValueType.sequence(schema.inputSize());
        int classes = switch (schema.targetKind()) {
            case CLASS, STEP_CLASSES -> schema.outputSize();
            default -> DataFacts.UNKNOWN;
        };
        int targetVocabulary = schema.targetKind() == TargetKind.SEQUENCE ? schema.outputSize() : DataFacts.UNKNOWN;
        int targetFeatures = schema.targetKind() == TargetKind.VALUES || schema.targetKind() == TargetKind.STEP_VALUES
                ? schema.outputSize() : DataFacts.UNKNOWN;
        DataFacts facts = new DataFacts(classes, targetVocabulary, targetFeatures);
        List<LayerGraph.Item> items = new ArrayList<>();
        List<LayerEntry> layers = spec.model().layers();
        for (int i = 0; i < layers.size(); i++) {
            items.add(new LayerGraph.Item(layers.get(i).kind(), layers.get(i).spec(), "model.layers[" + i + "]"));
        }
        LayerGraph.Item head = new LayerGraph.Item(spec.model().head().kind(), spec.model().head().spec(), "model.head");
        Diagnostics diags = new Diagnostics();
        io.rnn4j.core.diag.SourceLocation at = io.rnn4j.core.diag.SourceLocation.unknown(file.toString());
        LayerGraph graph = LayerGraph.compile(input, items, head, facts, kinds, diags, p -> at);
        diags.throwIfErrors(file + " (with the data loaded: " + describe(schema) + ")");
        checkOutputs(file, graph, schema);
        return new Prepared(spec, SpecWriter.toYaml(spec), file, data, facts, graph);
    }

    private static String describe(DataSchema s) {
        return (s.inputKind() == InputKind.TOKENS ? "token ids from a vocabulary of " + s.inputSize()
                : s.inputSize() + " features per step") + ", " + s.targetKind().name().toLowerCase(java.util.Locale.ROOT)
                + " targets of size " + s.outputSize();
    }

    /** The head must produce what the data's targets are. */
    private static void checkOutputs(Path file, LayerGraph graph, DataSchema schema) {
        int produced = graph.output().features();
        boolean perStep = graph.output().hasTime();
        boolean wantsSteps = schema.targetKind() == TargetKind.STEP_CLASSES || schema.targetKind() == TargetKind.STEP_VALUES
                || schema.targetKind() == TargetKind.SEQUENCE;
        if (perStep != wantsSteps) {
            throw new Rnn4jException("RNN4J-RUN-001", file + ": the head '" + graph.head().kind().id() + "' predicts "
                    + (perStep ? "a value at every step" : "one value per example") + ", but the data's targets are "
                    + schema.targetKind().name().toLowerCase(java.util.Locale.ROOT) + ". Use "
                    + (wantsSteps ? "many_to_many (or seq2seq for pairs)" : "many_to_one") + " as the head.");
        }
        // a probabilistic head gives several values per target value (a mean and a scale, or quantiles)
        int blocks = graph.head().spec().loss().map(l -> l instanceof io.rnn4j.core.loss.DistributionLoss d ? d.blocks() : 1)
                .orElse(1);
        if (produced != schema.outputSize() * blocks) {
            throw new Rnn4jException("RNN4J-RUN-002", file + ": the head produces " + produced / blocks + " outputs but the data has "
                    + schema.outputSize() + (schema.targetKind() == TargetKind.CLASS
                            || schema.targetKind() == TargetKind.STEP_CLASSES ? " classes" : " target values")
                    + " per " + (perStep ? "step" : "example") + ". Set the head's classes/outputs to " + schema.outputSize()
                    + " or leave them out to use the data's.");
        }
    }
}
