package io.rnn4j.spark;

import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.loss.PinballLoss;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.LayerEntry;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.data.DataKindRegistry;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.dsl.ExperimentSpec;
import io.rnn4j.dsl.SpecWriter;
import io.rnn4j.runtime.Prepared;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ModelRecipe} of a prepared experiment: the resolved YAML and the sizes the data gave
 * (vocabulary, classes, features) travel as text and numbers; each JVM binds the YAML with the layer
 * kinds it discovers, compiles the same graph and opens the backend it discovers. No data file is read
 * on an executor to build the model. The loss travels as its kind, with a quantile head's levels (the
 * one loss option a head sets; a Gaussian head's loss has none).
 */
public final class ExperimentRecipe implements ModelRecipe {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String yaml;
    private final ValueType.Kind inputKind;
    private final int inputFeatures;
    private final int inputVocabulary;
    private final int classes;
    private final int targetVocabulary;
    private final int targetFeatures;
    private final LossKind loss;
    /** A quantile head's levels (its pinball loss), else {@code null}: the only loss options a head sets. */
    private final double[] levels;
    private final String backend;
    private transient ExperimentSpec spec;

    private ExperimentRecipe(String name, String yaml, ValueType input, DataFacts facts, Loss loss, String backend) {
        this.name = name;
        this.yaml = yaml;
        this.inputKind = input.kind();
        this.inputFeatures = input.features();
        this.inputVocabulary = input.vocabulary();
        this.classes = facts.classes();
        this.targetVocabulary = facts.targetVocabulary();
        this.targetFeatures = facts.targetFeatures();
        this.loss = loss.kind();
        this.levels = loss instanceof PinballLoss q ? q.levels() : null;
        this.backend = backend;
    }

    /**
     * The recipe of {@code p}, trained as {@code training} says (the experiment's own, or one changed by
     * the caller), on the backend {@code backend} ({@code null}: the experiment's, else the registry's choice).
     */
    public static ExperimentRecipe of(Prepared p, TrainingSpec training, String backend) {
        String yaml = SpecWriter.toYaml(p.spec().withTraining(training));
        Loss loss = p.loss();
        return new ExperimentRecipe(p.file().toString(), yaml, p.graph().input(), p.facts(), loss,
                backend != null ? backend : p.spec().backend());
    }

    private ExperimentSpec spec() {
        if (spec == null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            spec = new ExperimentLoader(LayerKindRegistry.discover(loader), DataKindRegistry.discover(loader))
                    .parse(name + " (resolved)", yaml).spec();
        }
        return spec;
    }

    @Override
    public Network network(int threads) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        LayerKindRegistry kinds = LayerKindRegistry.discover(loader);
        ExperimentSpec s = spec();
        List<LayerGraph.Item> items = new ArrayList<>();
        List<LayerEntry> layers = s.model().layers();
        for (int i = 0; i < layers.size(); i++) {
            items.add(new LayerGraph.Item(layers.get(i).kind(), layers.get(i).spec(), "model.layers[" + i + "]"));
        }
        LayerGraph.Item head = new LayerGraph.Item(s.model().head().kind(), s.model().head().spec(), "model.head");
        Diagnostics diags = new Diagnostics();
        SourceLocation at = SourceLocation.unknown(name);
        ValueType input = switch (inputKind) {
            case TOKENS -> ValueType.tokens(inputVocabulary);
            case SEQUENCE -> ValueType.sequence(inputFeatures);
            case VECTOR -> ValueType.vector(inputFeatures);
        };
        LayerGraph graph = LayerGraph.compile(input, items,
                head, new DataFacts(classes, targetVocabulary, targetFeatures), kinds, diags, p -> at);
        diags.throwIfErrors(name);
        return new Network(graph, BackendRegistry.discover(loader).choose(backend).provider()
                .create(BackendOptions.threads(threads)));
    }

    @Override
    public TrainingSpec training() {
        return spec().training();
    }

    @Override
    public Loss loss() {
        return levels != null ? new PinballLoss(levels) : Loss.of(loss);
    }
}
