package io.rnn4j.core.spec;

import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.optim.LrSchedule;
import io.rnn4j.core.optim.OptimizerSpec;
import java.util.List;

/**
 * The {@code training:} section: how a model is trained. Pure data; the trainer is built from it.
 *
 * @param epochs         passes over the training data
 * @param batchSize      examples per batch
 * @param optimizer      the optimizer and its options
 * @param schedule       the learning-rate schedule (stepped once per epoch)
 * @param clipNorm       clip the gradients' global L2 norm to this value, or {@code null}
 * @param clipValue      clip every gradient element to {@code [-clipValue, clipValue]}, or {@code null}
 * @param loss           the loss; {@code null} picks the head's natural loss (cross-entropy for classes,
 *                       MSE for values)
 * @param metrics        metrics computed on the validation and test splits (besides the loss); empty
 *                       picks the head's natural ones (accuracy for classes, RMSE/MAE for values,
 *                       perplexity for language models)
 * @param earlyStopping  stop when a monitored metric stops improving, or {@code null}
 * @param tbptt          truncated backpropagation through time, or {@code null} for full BPTT
 * @param bucketByLength batch sequences of similar length together (less padding)
 * @param shuffle        shuffle the training examples every epoch (seeded)
 * @param explosionGuard when a growing but still finite loss or gradient stops training (or warns)
 */
@Doc("How the model is trained.")
public record TrainingSpec(
        @Doc("Passes over the training data.") @Default("10") @Range(min = 1) int epochs,
        @Doc("Examples per batch.") @Default("32") @Range(min = 1) int batchSize,
        @Doc("The optimizer: sgd, adam, adamw or rmsprop, with its options.") @Default("{adam: {}}") OptimizerSpec optimizer,
        @Doc("Learning-rate schedule, stepped once per epoch.") @Default("{constant: {}}") LrSchedule schedule,
        @Doc("Clip the global L2 norm of all gradients to this value.") @Range(min = 0, minExclusive = true) Double clipNorm,
        @Doc("Clip every gradient element to [-clip_value, clip_value].") @Range(min = 0, minExclusive = true) Double clipValue,
        @Doc("The loss; by default cross_entropy for classes and mse for values.") LossKind loss,
        @Doc("Metrics reported on validation and test (accuracy, precision, recall, f1, mae, rmse, mape, perplexity, cer, wer, sequence_accuracy, recall_at_20, mrr_at_20); empty picks the head's natural ones.") @Default("[]") List<MetricKind> metrics,
        @Doc("Stop when a monitored metric stops improving, restoring the best weights.") EarlyStoppingSpec earlyStopping,
        @Doc("Truncated backpropagation through time; absent for full BPTT.") TbpttSpec tbptt,
        @Doc("Batch sequences of similar length together (less padding).") @Default("false") boolean bucketByLength,
        @Doc("Shuffle the training examples every epoch (seeded).") @Default("true") boolean shuffle,
        @Doc("Stop (or warn) when the loss or the gradient grows out of bounds, before it reaches infinity.") @Default("{}") ExplosionGuardSpec explosionGuard) {

    /** Copies the metric list; a {@code null} guard is the default one. */
    public TrainingSpec {
        metrics = List.copyOf(metrics);
        explosionGuard = explosionGuard == null ? ExplosionGuardSpec.DEFAULT : explosionGuard;
    }

    /** A training spec with the default explosion guard (the form before the guard existed). */
    public TrainingSpec(int epochs, int batchSize, OptimizerSpec optimizer, LrSchedule schedule, Double clipNorm,
            Double clipValue, LossKind loss, List<MetricKind> metrics, EarlyStoppingSpec earlyStopping, TbpttSpec tbptt,
            boolean bucketByLength, boolean shuffle) {
        this(epochs, batchSize, optimizer, schedule, clipNorm, clipValue, loss, metrics, earlyStopping, tbptt,
                bucketByLength, shuffle, ExplosionGuardSpec.DEFAULT);
    }

    /** The same training with another number of epochs (what a resumed run may change). */
    public TrainingSpec withEpochs(int n) {
        return new TrainingSpec(n, batchSize, optimizer, schedule, clipNorm, clipValue, loss, metrics, earlyStopping,
                tbptt, bucketByLength, shuffle, explosionGuard);
    }

    /** The same training with other early stopping. */
    public TrainingSpec withEarlyStopping(EarlyStoppingSpec stopping) {
        return new TrainingSpec(epochs, batchSize, optimizer, schedule, clipNorm, clipValue, loss, metrics, stopping,
                tbptt, bucketByLength, shuffle, explosionGuard);
    }

    /** The same training with another explosion guard. */
    public TrainingSpec withExplosionGuard(ExplosionGuardSpec guard) {
        return new TrainingSpec(epochs, batchSize, optimizer, schedule, clipNorm, clipValue, loss, metrics, earlyStopping,
                tbptt, bucketByLength, shuffle, guard);
    }
}
