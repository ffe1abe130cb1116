package io.rnn4j.core.spi;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.Output;
import io.rnn4j.core.data.RecordException;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data kind's fitted pipeline: everything a trained model needs to know about its data, with no
 * data file. It is made by {@link DataKind#load} (fitted on the training split), written into the model
 * archive by {@link #store()} and made again by {@link DataKind#restore}.
 *
 * <p>User records are JSON objects parsed into the plain JSON data model: {@code Map<String, Object>}
 * for objects (in key order), {@code List<Object>} for arrays, {@code String}, {@code Number},
 * {@code Boolean} and {@code null}.
 */
public interface DataPipeline {

    /** What the model receives: token ids from a vocabulary of N, or sequences of N features. */
    ValueType inputType();

    /** The sizes the model's data-dependent options default to (a head's classes). */
    DataFacts facts();

    /** What the head must produce. */
    Output output();

    /** The entries to store in the model archive under {@code data/}, by name; what {@link DataKind#restore} reads. */
    Map<String, byte[]> store();

    /** The loss when the file names none: cross-entropy for classes and tokens, MSE for values. */
    default LossKind defaultLoss() {
        return output().kind().classifies() ? LossKind.CROSS_ENTROPY : LossKind.MSE;
    }

    /** The metrics when the file names none: those the task is naturally judged by. */
    List<MetricKind> defaultMetrics();

    /**
     * One user record as model input, as {@link #inputType()} says: a {@code [steps, features]} tensor for a
     * sequence of features, a {@code [steps]} tensor of token ids, or a {@code [features]} tensor for one
     * vector (the conditioning of a {@code one_to_many} decoder).
     *
     * <p>{@code rnn4j predict} encodes on a reading thread while the model's thread decodes the previous
     * records: {@code encode} may run at the same time as {@link #decode}, so neither may change state the
     * other reads (a fitted pipeline is normally immutable).
     *
     * @throws RecordException for a missing or extra field, a value of the wrong type, or a shape that is
     *                         not the model's, saying what was expected and what was found
     */
    Tensor encode(Map<String, Object> record);

    /**
     * The model's output for one record as a user record ({@code {"y": ..., "probabilities": {...}}}).
     *
     * @param output  the record's row of the output: {@code [outputs]}, or {@code [steps, outputs]} holding
     *                only the valid steps
     * @param record  the record it was computed from (as given to {@link #encode})
     * @param backend the backend, for its softmax
     */
    Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend);

    /**
     * {@link #decode(Tensor, Map, Backend)} for a model whose head forecasts a distribution (a Gaussian's
     * mean and scale, or quantiles), which a kind may decode into a point forecast and an interval; by
     * default as {@link #decode(Tensor, Map, Backend)}.
     */
    default Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend,
            Optional<io.rnn4j.core.loss.DistributionLoss> distribution) {
        return decode(output, record, backend);
    }

    /**
     * An optional capability of this pipeline ({@link TokenGenerator}, {@link Forecaster}), found by asking:
     * by default the pipeline itself if it implements {@code type}.
     */
    default <C> Optional<C> capability(Class<C> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
