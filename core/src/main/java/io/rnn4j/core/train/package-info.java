/**
 * The trainer: {@link io.rnn4j.core.train.Trainer} runs epochs of backpropagation through time over a
 * {@link io.rnn4j.core.train.BatchSource} of {@link io.rnn4j.core.train.TrainBatch}es, validates,
 * schedules the learning rate, stops early, and reports to
 * {@link io.rnn4j.core.train.TrainingListener}s ({@link io.rnn4j.core.train.History} records epochs and
 * writes CSV).
 *
 * <p>Decisions, as a PyTorch or Keras user would expect them:
 * <ul>
 *   <li>Epochs are numbered from 1 in everything a user reads ({@link io.rnn4j.core.train.EpochResult},
 *       messages, CSV); a {@link io.rnn4j.core.train.BatchSource} is asked for the 0-based epoch index,
 *       as the data module's batcher counts.</li>
 *   <li>The training loss of an epoch is the mean over its valid targets of the loss measured on the
 *       training passes (dropout on, before each update), as Keras reports it; training metrics are
 *       measured on the same passes. Validation runs after the epoch in inference passes.</li>
 *   <li>Decoder heads ({@code seq2seq}, {@code one_to_many}) are validated and evaluated teacher-forced:
 *       the batch's teacher goes into a non-training context. This measures the same quantity as the
 *       training loss; free-running generation quality is the application's to measure.</li>
 *   <li>The schedule steps once per epoch, after validation ({@code reduce_on_plateau} is fed the
 *       monitored value). Clipping is by global norm first, then by value, when both are set.</li>
 *   <li>Truncated BPTT ({@code tbptt: {forward: k1, backward: k2}}): windows of {@code k1} steps with
 *       the recurrent state carried across windows of a batch (as a value, no gradient across a
 *       boundary), one optimizer step per window. With {@code k2 < k1} the first {@code k1 - k2} steps of
 *       each window only advance the state, in an inference pass, and the loss and gradient cover the
 *       last {@code k2} steps; those first steps' targets are never in the loss. Validation runs on
 *       whole sequences. It applies only to sequence inputs with per-step targets ({@code many_to_many});
 *       otherwise training fails at once with {@code RNN4J-TRAIN-001} saying why, never falls back to
 *       full BPTT silently. Recurrent layers take part through {@link io.rnn4j.core.model.Stateful}.</li>
 *   <li>A NaN or infinite loss or gradient norm, or a finite one that the explosion guard
 *       ({@link io.rnn4j.core.spec.ExplosionGuardSpec}) finds growing out of bounds, stops training ({@code RNN4J-TRAIN-002},
 *       {@link io.rnn4j.core.train.TrainingDivergedException}) with the weights and trainer state put
 *       back to the end of the last completed epoch, rather than skipping the batch (PyTorch AMP's
 *       choice) or continuing (Keras without {@code TerminateOnNaN}): a diverged run is a configuration
 *       problem that the user should see and fix.</li>
 *   <li>{@link io.rnn4j.core.train.TrainerState} (with the weights) resumes a run bit for bit.</li>
 * </ul>
 *
 * <p>Error ids: {@code RNN4J-TRAIN-001} truncated BPTT cannot apply; {@code -002} divergence;
 * {@code -003} an early-stopping monitor that is not measured; {@code -004} a trainer state that does not
 * fit the model; {@code -005} a batch that does not fit the model, or no batches.
 */
package io.rnn4j.core.train;
