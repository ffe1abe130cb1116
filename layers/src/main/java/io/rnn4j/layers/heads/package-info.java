/**
 * The heads of rnn4j: the last node of every model, which turns what the layers computed into
 * predictions. Each head is a {@link io.rnn4j.core.spi.LayerKind} with {@code isHead() == true}, a spec
 * record (pure data, validated in its compact constructor, {@link io.rnn4j.core.spec.DataDependent} for
 * sizes that come from the data) and a runtime {@link io.rnn4j.core.model.Layer} composed of the
 * layers in {@link io.rnn4j.layers} ({@link io.rnn4j.layers.DenseLayer},
 * {@link io.rnn4j.layers.EmbeddingLayer}, {@link io.rnn4j.layers.RecurrentLayer}), so the math runs on
 * any backend's primitives.
 *
 * <ul>
 *   <li>{@code many_to_one} ({@link io.rnn4j.layers.heads.ManyToOneHead}): pool the valid steps
 *       ({@link io.rnn4j.layers.heads.Pooling}: last, mean, max), then a linear layer;</li>
 *   <li>{@code many_to_many} ({@link io.rnn4j.layers.heads.ManyToManyHead}): a linear layer at every
 *       valid step;</li>
 *   <li>{@code one_to_many} ({@link io.rnn4j.layers.heads.OneToManyHead}): a vector starts a decoder
 *       that emits a sequence, with teacher forcing in training and greedy, temperature or top-k
 *       generation ({@link io.rnn4j.layers.heads.Sampling});</li>
 *   <li>{@code seq2seq} ({@link io.rnn4j.layers.heads.Seq2SeqHead}): a decoder started from the
 *       encoder's final state, teacher-forced in training, decoding until {@code <eos>} at
 *       inference.</li>
 * </ul>
 *
 * <p>Decisions, as a PyTorch or Keras user would expect them:
 * <ul>
 *   <li>Heads output logits, never probabilities: the loss applies the softmax (as
 *       {@code torch.nn.CrossEntropyLoss} does), which is both stabler and what ONNX exporters expect.</li>
 *   <li>A head sets either {@code classes} (logits) or {@code outputs} (regression values); with
 *       neither it classifies into the data's classes ({@code RNN4J-DSL-044} for both).</li>
 *   <li>Teacher forcing: the trainer passes the target in {@link io.rnn4j.core.model.LayerContext#teacher()}.
 *       {@code one_to_many} shifts it right itself (its start symbol is an extra embedding row,
 *       {@code classes}); {@code seq2seq} takes the decoder input as given ({@code <bos>} + target),
 *       because text pairs are tokenized with {@code <bos>}/{@code <eos>} already. In training,
 *       {@code one_to_many} emits as many steps as the teacher has; at inference, {@code length}.</li>
 *   <li>A training pass without a teacher decodes greedily and then runs teacher-forced on what the
 *       head fed itself: the output is the free-running one and the fed-back outputs are treated as
 *       constants in the backward pass (no gradient through the feedback loop).</li>
 *   <li>Sub-layer parameters are named after the head ({@code <head>_bridge}, {@code <head>_embedding},
 *       {@code <head>_decoder}, {@code <head>_out}), so their {@link io.rnn4j.core.ParamId}s are unique
 *       and readable in checkpoints and ONNX initializers.</li>
 *   <li>Shape errors: {@code RNN4J-DSL-041} token ids where vectors are needed, {@code RNN4J-DSL-043} a
 *       sequence where a vector is needed or the reverse, {@code RNN4J-DSL-044} both {@code classes} and
 *       {@code outputs}, {@code RNN4J-DSL-045} a {@code seq2seq} head without a recurrent encoder,
 *       {@code RNN4J-DSL-061} a {@code ctc} head without a number of labels or with its blank out of range.</li>
 *   <li>{@code ctc} ({@link io.rnn4j.layers.heads.CtcHead}): the {@code many_to_many} dense layer to the labels
 *       plus a blank, then a log-softmax: the model outputs per-step log-probabilities, which the CTC loss
 *       trains and {@link io.rnn4j.core.ctc.CtcDecoder} decodes.</li>
 * </ul>
 */
package io.rnn4j.layers.heads;
