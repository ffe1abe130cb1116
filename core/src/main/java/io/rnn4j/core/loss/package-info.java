/**
 * Training losses: {@link io.rnn4j.core.loss.CrossEntropyLoss} (softmax, class indices, optional class
 * weights and label smoothing), {@link io.rnn4j.core.loss.BinaryCrossEntropyLoss} (sigmoid, from logits),
 * {@link io.rnn4j.core.loss.MseLoss}, {@link io.rnn4j.core.loss.MaeLoss},
 * {@link io.rnn4j.core.loss.HuberLoss} and {@link io.rnn4j.core.loss.CtcLoss} (Connectionist Temporal
 * Classification over per-frame scores and label sequences; its reduction is PyTorch's per-sequence mean,
 * checked against {@code tools/reference/ctc_reference.py}).
 *
 * <p>Every loss returns the mean over valid elements (PyTorch's {@code reduction='mean'}) and writes
 * the gradient of that mean with respect to the predictions, which is what the backward pass starts
 * from. Sequence batches {@code [batch, time, n]} honour a {@link io.rnn4j.core.SequenceMask}: padded
 * steps add nothing to the value, to the count it is averaged over, or to the gradient. Values and
 * gradients are checked against PyTorch ({@code tools/reference/torch_training_reference.py}) and by
 * finite differences.
 *
 * <p>Losses take logits, never probabilities: the softmax or sigmoid is fused into the loss because
 * that is both exact for large logits and a simpler gradient ({@code p - y}). A model's head therefore
 * ends in a linear layer during training; apply softmax/sigmoid for inference.
 */
package io.rnn4j.core.loss;
