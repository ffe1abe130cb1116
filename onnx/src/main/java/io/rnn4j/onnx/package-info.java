/**
 * Export of a trained rnn4j model to ONNX, checked in ONNX Runtime, and import of recurrent ONNX models
 * ({@code torch.onnx.export}'s and rnn4j's own) into rnn4j layers ({@link io.rnn4j.onnx.OnnxImporter}, giving an
 * {@link io.rnn4j.onnx.ImportedModel}; the import is checked against the file in ONNX Runtime too).
 *
 * <p>{@link io.rnn4j.onnx.OnnxExporter} writes a {@link io.rnn4j.core.model.Network} with ONNX's native
 * {@code RNN}/{@code LSTM}/{@code GRU} operators; {@link io.rnn4j.onnx.ParityChecker} runs every export
 * in ONNX Runtime ({@link io.rnn4j.onnx.OnnxModelRunner}) and against the reference backend; the graph's
 * contract (input, {@code sequence_lens}, optional state inputs, output, final states) is in
 * {@link io.rnn4j.onnx.OnnxNames}.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Layout: ONNX Runtime rejects {@code layout=1} on its recurrent operators, so the graph uses
 *       {@code layout=0} and transposes the batch-major input once; stacked layers stay time-major
 *       between them, and the output is batch-major again, like rnn4j.</li>
 *   <li>Masks: {@code sequence_lens} (int32, as ONNX requires) drives the recurrent operators; every other
 *       layer reproduces rnn4j's mask semantics explicitly ({@code Where} on the valid steps), so padded
 *       steps are never read and are zero in every output, in any runtime.</li>
 *   <li>State: initial states are graph inputs (optional at export time, {@link io.rnn4j.onnx.StateInputs}:
 *       ONNX has no portable run-time default for an input whose shape follows the batch) and every final
 *       state is an output, so a stream is fed in chunks by passing {@code Y_h_*}/{@code Y_c_*} back as
 *       {@code initial_h_*}/{@code initial_c_*}.</li>
 *   <li>Heads: {@code many_to_one} and {@code many_to_many} are exported as one graph. {@code one_to_many}
 *       and {@code seq2seq}, whose inference is an autoregressive loop, are exported as two graphs, the
 *       encoder ({@code <name>.onnx}: the layers before the head, ending with the decoder's first state
 *       {@code h}/{@code c}) and one decoder step ({@code <name>.decoder.onnx}: {@code token} or
 *       {@code value} and {@code h}/{@code c} in, {@code logits} or {@code values} and
 *       {@code h_next}/{@code c_next} out, ONNX's recurrent operator at sequence length 1), with the loop
 *       ({@code <bos>}, {@code <eos>}, {@code max_length}) in {@code metadata_props}
 *       ({@link io.rnn4j.onnx.DecoderLoop}). This is the usual form of encoder-decoder exports: every
 *       runtime can drive it, stop at {@code <eos>} and choose its sampling, where an ONNX {@code Loop}
 *       would fix greedy decoding inside the graph. The check drives it greedily
 *       ({@link io.rnn4j.onnx.OnnxPairRunner}) and compares every step and every token with the head's own
 *       decoding on the reference backend.</li>
 *   <li>Dropout is the identity at inference and leaves no node.</li>
 *   <li>The reference backend of the parity check is found by id ({@code cpu}), so this module depends on
 *       it at run time only.</li>
 * </ul>
 *
 * <p>Error ids: {@code RNN4J-ONNX-001} no exporter for a kind, {@code -002} a layer that cannot be
 * exported, {@code -003} a reserved metadata key, {@code -004} two exporters for one kind,
 * {@code -005} ONNX Runtime cannot load a model (or two models are not an encoder and its decoder step), {@code -006} ONNX Runtime fails to run it,
 * {@code -007} the file cannot be written, {@code -010} the parity check failed (for a decoder pair, also
 * when a decoded token differs); import: {@code -020} unsupported nodes (all listed), {@code -021} the supported
 * nodes do not form an rnn4j network, {@code -022} no rnn4j network reproduces the graph's output,
 * {@code -023} the file cannot be read or run.
 */
package io.rnn4j.onnx;
