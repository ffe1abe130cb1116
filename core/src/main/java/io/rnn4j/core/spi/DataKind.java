package io.rnn4j.core.spi;

import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataSpec;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of data ({@code sequences}, {@code time_series}, {@code text}, a plugin's {@code audio}...),
 * found like every plugin: list the implementing class in
 * {@code META-INF/services/io.rnn4j.core.spi.DataKind}. See the package documentation for a walk
 * through writing one.
 *
 * <p>A kind owns everything a kind of data means: its options ({@link #specType()}, bound from YAML
 * with no change to the DSL), its loader ({@link #load}), the fitted pipeline a model carries in its
 * archive ({@link DataPipeline}: input type, data facts, encoder of a user record, decoder of an output,
 * task defaults) and how that pipeline is restored from the archive alone ({@link #restore}). rnn4j
 * never tests which kind it has: it asks the kind.
 *
 * @param <S> the spec record, annotated {@code @Variant("<id>")}
 */
public interface DataKind<S extends DataSpec> {

    /** Stable id used in YAML ({@code type: time_series}); lower case with underscores. */
    String id();

    /** The record class holding this kind's options. */
    Class<S> specType();

    /** One line that says what the kind reads (shown in the JSON Schema). */
    String description();

    /**
     * What the model receives, as far as the options tell before any file is read (for validation and
     * {@code inspect} of an experiment); sizes only the data knows are {@link ValueType#UNKNOWN}.
     */
    ValueType inputType(S spec);

    /** What the model predicts, if the options alone tell (validation checks the head against it). */
    default Optional<OutputKind> outputKind(S spec) {
        return Optional.empty();
    }

    /** The fixed number of steps of every training sequence, or -1 if sequences vary (checks {@code tbptt}). */
    default int sequenceLength(S spec) {
        return -1;
    }

    /**
     * The metrics a model of this data is judged by when {@code training.metrics} names none, as far as
     * the options tell (a superset where they depend on the data, every metric by default). Names that
     * refer to a metric, such as {@code early_stopping.monitor}, are checked against them when the file is
     * validated.
     */
    default Set<MetricKind> defaultMetrics(S spec) {
        return EnumSet.allOf(MetricKind.class);
    }

    /**
     * Whether a model of this data learns normalized (transformed, differenced) targets but is judged in
     * original units, as a forecaster is: then its losses and training-pass metrics are named
     * {@code *_normalized} and its validation metrics are in original units
     * ({@link io.rnn4j.core.train.MetricNames}); its loaded data offers {@link OriginalUnits}. Default: no.
     */
    default boolean scoresInOriginalUnits(S spec) {
        return false;
    }

    /**
     * Reads and validates the files, splits them and fits the pipeline on the training split.
     *
     * @throws io.rnn4j.core.Rnn4jException for any problem in a file, with its path, line and column,
     *                                      what was found, what was expected and how to fix it
     */
    LoadedData load(S spec, DataContext context);

    /**
     * Loads for a cluster whose executors read the training split from its file themselves: as {@link #load}
     * (the same checks, the same fitted pipeline, the same splits), but the driver keeps no example of the
     * training split, only what it needs to plan the batches (a few numbers an example); the loaded data
     * offers {@link LineExamples}. Empty (the default) if this kind cannot, and {@link #load} is used.
     * An experiment with a {@code distributed:} section is prepared through it.
     */
    default Optional<LoadedData> loadForCluster(S spec, DataContext context) {
        return Optional.empty();
    }

    /**
     * Reads the spec's files with a pipeline already fitted (a trained model's): nothing is refitted,
     * every example is encoded as the model expects, and a file that does not fit the pipeline (another
     * number of features, unknown labels) is refused with its location. {@code evaluate --data} uses it.
     */
    LoadedData loadWith(S spec, DataContext context, DataPipeline fitted);

    /**
     * Reads {@code file} (the file of {@code evaluate --data}, in this kind's format) in windows of at most
     * {@code window} examples, encoded with a trained model's pipeline, for an evaluation whose memory does
     * not grow with the file; no other file is read. Its loss, metrics and report must equal those of
     * {@link #loadWith} on the same file as the test split. Empty if this kind reads only whole files
     * ({@code evaluate} then uses {@link #loadWith}).
     *
     * @param spec    the options the model was trained with
     * @param context where relative paths are resolved
     * @param fitted  the model's pipeline
     * @param file    the file to evaluate on
     * @param window  the most examples a window holds
     */
    default Optional<StreamedSplit> stream(S spec, DataContext context, DataPipeline fitted, java.nio.file.Path file,
            int window) {
        return Optional.empty();
    }

    /**
     * The pipeline a model was trained with, from what {@link DataPipeline#store()} wrote into its archive,
     * with no data file. Every fact {@link DataPipeline} answers must be restored exactly, so that a model
     * moved to another machine predicts, generates and exports as it did where it was trained.
     *
     * @param spec   the options the model was trained with
     * @param stored the archive's data entries, by name
     * @param source where the entries come from, for messages ({@code model.rnn4j!data/})
     * @throws io.rnn4j.core.Rnn4jException if an entry is missing or malformed
     */
    DataPipeline restore(S spec, Map<String, byte[]> stored, String source);
}
