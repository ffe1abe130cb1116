package io.rnn4j.runtime.spi;

import io.rnn4j.core.train.TrainingListener;
import io.rnn4j.runtime.Prepared;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link DistributedEngine} trains.
 *
 * @param prepared  the prepared experiment (validated, data loaded on the driver, its {@code distributed:}
 *                  section set)
 * @param backend   the backend id every JVM trains on (the {@code --backend} option or the experiment's),
 *                  or {@code null} for each JVM's registry choice
 * @param threads   threads of the driver's backend (validation and checkpoints)
 * @param listeners notified after every epoch (progress, checkpoints) and at the end, as by the local trainer
 */
public record TrainingRequest(Prepared prepared, String backend, int threads, List<TrainingListener> listeners) {

    /** Checks the request. */
    public TrainingRequest {
        Objects.requireNonNull(prepared, "prepared");
        if (prepared.spec().distributed() == null) {
            throw new IllegalArgumentException(prepared.file() + " has no distributed section");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        listeners = List.copyOf(listeners);
    }
}
