package io.rnn4j.dsl;

import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.ExportSpec;
import io.rnn4j.core.spec.ModelSpec;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.spec.DataSpec;

/**
 * A whole experiment file, bound and with every default resolved.
 *
 * @param version  schema version of the file (1)
 * @param name     the experiment's name
 * @param seed     fixes every random choice: weights, shuffling, dropout, splits
 * @param backend  the backend id, or {@code null} for the default choice
 * @param data     the data
 * @param model    the network
 * @param training how to train
 * @param export   where to export
 */
@Doc("An rnn4j experiment: data, model, training and export in one file.")
public record ExperimentSpec(
        @Doc("Schema version of this file. This rnn4j reads version 1.") @Range(min = 1, max = 1) int version,
        @Doc("Name of the experiment, used in reports and the model archive.") @Required String name,
        @Doc("Seed that fixes every random choice: weights, shuffling, dropout, splits.") @Default("42") long seed,
        @Doc("Backend id (cpu, vector, ...); by default RNN4J_BACKEND or the fastest available.") String backend,
        @Doc("The data: its type, files and preprocessing.") @Required DataSpec data,
        @Doc("The network: layers and a head.") @Required ModelSpec model,
        @Doc("How to train: epochs, batches, optimizer, schedule, clipping, early stopping.") @Default("{}") TrainingSpec training,
        @Doc("Where the trained model is exported.") @Default("{}") ExportSpec export) {

    /** The schema version this rnn4j reads. */
    public static final int VERSION = 1;

    /** The same experiment with other training options. */
    public ExperimentSpec withTraining(TrainingSpec t) {
        return new ExperimentSpec(version, name, seed, backend, data, model, t, export);
    }
}
