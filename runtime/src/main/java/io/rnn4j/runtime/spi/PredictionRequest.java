package io.rnn4j.runtime.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link DistributedEngine} predicts.
 *
 * @param model     the model archive, readable at this path on every executor
 * @param input     the JSON Lines input, readable at this path (or URL) on every executor
 * @param backend   the backend id, or {@code null} for each executor's registry choice
 * @param master    the cluster's master URL ({@code local[2]}, {@code spark://host:7077}), or {@code null}
 *                  for the one the environment gives ({@code spark-submit})
 * @param batchSize records per batch on an executor
 */
public record PredictionRequest(Path model, Path input, String backend, String master, int batchSize) {

    /** Checks the request. */
    public PredictionRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(input, "input");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
    }
}
