package io.rnn4j.runtime;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.data.DataKindRegistry;
import io.rnn4j.core.data.Output;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.LayerEntry;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.StreamedSplit;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.dsl.ExperimentSpec;
import io.rnn4j.dsl.SpecWriter;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads an experiment end to end before training: validates the file, loads its data through its data
 * kind (every data error is raised here, before any training), and compiles the model with the data's real
 * sizes. A trained model is prepared the same way from its stored experiment and data pipeline, with no
 * data file.
 */
public final class ExperimentPreparer {
    private final ExperimentLoader loader;
    private final LayerKindRegistry kinds;
    private final DataKindRegistry dataKinds;

    /** A preparer over the application's loader and kinds. */
    @Inject
    public ExperimentPreparer(ExperimentLoader loader, LayerKindRegistry kinds) {
        this.loader = loader;
        this.kinds = kinds;
        this.dataKinds = loader.dataKinds();
    }

    /**
     * Validates, loads the data and compiles the model. For an experiment with a {@code distributed:} section
     * the data is loaded for a cluster where its kind can ({@link DataKind#loadForCluster}: the training split's
     * examples are not kept).
     *
     * @param file      the experiment file
     * @param overrides {@code path=value} overrides from the command line
     */
    public Prepared prepare(Path file, List<String> overrides) {
        ExperimentSpec spec = loader.load(file, overrides).spec();
        DataKind<?> kind = dataKinds.of(spec.data());
        DataContext ctx = context(file, spec);
        // a distributed run: the executors read the training split themselves where the kind allows, so the
        // driver loads only what it fits on (DataKind.loadForCluster)
        LoadedData data = spec.distributed() == null ? load(kind, spec.data(), ctx)
                : loadForCluster(kind, spec.data(), ctx).orElseGet(() -> load(kind, spec.data(), ctx));
        return compile(file, spec, data.pipeline(), data);
    }

    @SuppressWarnings("unchecked")
    private static <S extends DataSpec> java.util.Optional<LoadedData> loadForCluster(DataKind<S> kind, DataSpec spec,
            DataContext ctx) {
        return kind.loadForCluster((S) spec, ctx);
    }

    /**
     * The experiment whose text is {@code yaml} (a model archive's) with the data pipeline restored from the
     * archive's {@code stored} entries: no data file is read.
     */
    public Prepared restore(Path file, String yaml, Map<String, byte[]> stored, String source) {
        ExperimentSpec spec = parse(file, yaml, List.of());
        DataPipeline pipeline = restore(dataKinds.of(spec.data()), spec.data(), stored, source);
        return compile(file, spec, pipeline, null);
    }

    /**
     * The experiment whose text is {@code yaml} (a model archive's), with {@code overrides}, and its data
     * loaded with the model's fitted pipeline (for {@code evaluate}).
     */
    public Prepared withData(Path file, String yaml, List<String> overrides, DataPipeline fitted) {
        ExperimentSpec spec = parse(file, yaml, overrides);
        LoadedData data = loadWith(dataKinds.of(spec.data()), spec.data(), context(file, spec), fitted);
        return compile(file, spec, fitted, data);
    }

    /**
     * {@code data} read in windows of at most {@code window} examples with the pipeline of {@code restored}
     * (a trained model's), for {@code evaluate --data}: no other file is read. Empty if the model's data kind
     * reads only whole files.
     */
    public java.util.Optional<StreamedSplit> stream(Prepared restored, Path data, int window) {
        return stream(restored.kind(), restored.spec().data(), context(restored.file(), restored.spec()),
                restored.pipeline(), data, window);
    }

    @SuppressWarnings("unchecked")
    private static <S extends DataSpec> java.util.Optional<StreamedSplit> stream(DataKind<S> kind, DataSpec spec,
            DataContext ctx, DataPipeline fitted, Path data, int window) {
        return kind.stream((S) spec, ctx, fitted, data, window);
    }

    /**
     * The experiment whose text is {@code yaml} with its data loaded and the pipeline fitted anew (archives
     * written before the pipeline was stored in them).
     */
    public Prepared refit(Path file, String yaml, List<String> overrides) {
        ExperimentSpec spec = parse(file, yaml, overrides);
        LoadedData data = load(dataKinds.of(spec.data()), spec.data(), context(file, spec));
        return compile(file, spec, data.pipeline(), data);
    }

    private ExperimentSpec parse(Path file, String yaml, List<String> overrides) {
        Diagnostics diags = new Diagnostics();
        String name = file + " (as stored in the model)";
        ExperimentLoader.Loaded loaded = loader.tryParse(name, yaml, overrides, diags);
        if (diags.hasErrors() && diags.sorted().stream().allMatch(d -> d.id().equals("RNN4J-DSL-048"))) {
            // a forecaster stored before its validation loss was named val_loss_normalized monitors it as val_loss
            Diagnostics again = new Diagnostics();
            List<String> renamed = new ArrayList<>(overrides);
            renamed.add("training.early_stopping.monitor=" + io.rnn4j.core.train.MetricNames.validationLoss(true));
            ExperimentLoader.Loaded retried = loader.tryParse(name, yaml, renamed, again);
            if (!again.hasErrors() && yaml.contains("val_loss")) {
                return retried.spec();
            }
        }
        diags.throwIfErrors(name);
        return loaded.spec();
    }

    private static DataContext context(Path file, ExperimentSpec spec) {
        return new DataContext(file.toAbsolutePath().getParent(), spec.seed());
    }

    @SuppressWarnings("unchecked")
    private static <S extends DataSpec> LoadedData load(DataKind<S> kind, DataSpec spec, DataContext ctx) {
        return kind.load((S) spec, ctx);
    }

    @SuppressWarnings("unchecked")
    private static <S extends DataSpec> LoadedData loadWith(DataKind<S> kind, DataSpec spec, DataContext ctx,
            DataPipeline fitted) {
        return kind.loadWith((S) spec, ctx, fitted);
    }

    @SuppressWarnings("unchecked")
    private static <S extends DataSpec> DataPipeline restore(DataKind<S> kind, DataSpec spec, Map<String, byte[]> stored,
            String source) {
        return kind.restore((S) spec, stored, source);
    }

    private Prepared compile(Path file, ExperimentSpec spec, DataPipeline pipeline, LoadedData data) {
        List<LayerGraph.Item> items = new ArrayList<>();
        List<LayerEntry> layers = spec.model().layers();
        for (int i = 0; i < layers.size(); i++) {
            items.add(new LayerGraph.Item(layers.get(i).kind(), layers.get(i).spec(), "model.layers[" + i + "]"));
        }
        LayerGraph.Item head = new LayerGraph.Item(spec.model().head().kind(), spec.model().head().spec(), "model.head");
        Diagnostics diags = new Diagnostics();
        SourceLocation at = SourceLocation.unknown(file.toString());
        LayerGraph graph = LayerGraph.compile(pipeline.inputType(), items, head, pipeline.facts(), kinds, diags, p -> at);
        diags.throwIfErrors(file + " (with the data loaded: " + describe(pipeline) + ")");
        checkOutputs(file, graph, pipeline.output());
        if (spec.training().tbptt() != null && CtcSupport.of(graph).isPresent()) {
            throw new Rnn4jException("RNN4J-RUN-030", file + ": training.tbptt cannot train a ctc head: CTC aligns a "
                    + "whole transcript with the whole input, which a window of steps does not hold. Remove tbptt.");
        }
        return new Prepared(spec, SpecWriter.toYaml(spec), file, dataKinds.of(spec.data()), pipeline, data, graph);
    }

    private static String describe(DataPipeline p) {
        ValueType in = p.inputType();
        return (in.kind() == ValueType.Kind.TOKENS ? "token ids from a vocabulary of " + in.vocabulary()
                : in.features() + " features per step") + ", " + p.output().kind() + " targets of size " + p.output().size();
    }

    /** The head must produce what the data's targets are. */
    private static void checkOutputs(Path file, LayerGraph graph, Output output) {
        int produced = graph.output().features();
        boolean perStep = graph.output().hasTime();
        boolean wantsSteps = output.kind().perStep();
        if (perStep != wantsSteps) {
            throw new Rnn4jException("RNN4J-RUN-001", file + ": the head '" + graph.head().kind().id() + "' predicts "
                    + (perStep ? "a value at every step" : "one value per example") + ", but the data's targets are "
                    + output.kind() + ". Use " + (wantsSteps ? "many_to_many (or seq2seq for pairs)" : "many_to_one")
                    + " as the head.");
        }
        // a probabilistic head gives several values per target value (a mean and a scale, or quantiles)
        int blocks = graph.head().spec().headLoss().map(l -> l instanceof io.rnn4j.core.loss.DistributionLoss d ? d.blocks() : 1)
                .orElse(1);
        boolean labelSequences = output.kind() == io.rnn4j.core.data.OutputKind.LABEL_SEQUENCES;
        if (labelSequences != CtcSupport.of(graph).isPresent()) {
            throw new Rnn4jException("RNN4J-RUN-031", file + ": " + (labelSequences
                    ? "the data's targets are label sequences (transcripts), which only a head trained with CTC "
                            + "reads, but the head is '" + graph.head().kind().id() + "'. Use 'head: {ctc: {}}'."
                    : "the head '" + graph.head().kind().id() + "' is trained with CTC and needs label sequences "
                            + "(transcripts), but the data's targets are " + output.kind() + ". Use audio data or "
                            + "images with 'target: sequence', or another head."));
        }
        if (produced != output.kind().headOutputs(output.size()) * blocks) {
            throw new Rnn4jException("RNN4J-RUN-002", file + ": the head produces " + produced / blocks + " outputs but the data has "
                    + output.size() + (output.kind().classifies() && output.kind() != io.rnn4j.core.data.OutputKind.SEQUENCE
                            ? " classes" : " target values") + " per " + (perStep ? "step" : "example")
                    + (labelSequences ? " (labels; a ctc head adds the blank)" : "")
                    + ". Set the head's classes/outputs to " + output.size() + " or leave them out to use the data's.");
        }
    }
}
