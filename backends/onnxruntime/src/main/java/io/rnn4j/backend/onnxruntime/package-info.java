/**
 * The {@code onnxruntime} backend: inference of rnn4j models in ONNX Runtime.
 *
 * <p>The backend SPI is primitive-level (GEMM, element-wise operations, ...) while ONNX Runtime runs whole
 * graphs, so this module has two parts:
 * <ul>
 *   <li>{@link io.rnn4j.backend.onnxruntime.OnnxRuntimeModel}: the real work. It exports a
 *       {@link io.rnn4j.core.model.Network} to ONNX in memory with {@code rnn4j-onnx} (so the export is
 *       parity-checked like any other), opens it in one ONNX Runtime session and predicts batch-wise
 *       ({@code predict}), or runs one call with explicit recurrent states for streaming ({@code run}).
 *       It also opens an exported file as it is. A model with a {@code seq2seq} or {@code one_to_many} head
 *       is exported as an encoder and a decoder step and runs by greedy decoding through both
 *       ({@code predict}: the logits or values of every step with the decoded lengths as mask, as the
 *       network's inference returns them; {@code decode}: also the tokens).</li>
 *   <li>{@link io.rnn4j.backend.onnxruntime.OnnxRuntimeBackend}, found by {@link java.util.ServiceLoader}
 *       through {@link io.rnn4j.backend.onnxruntime.OnnxRuntimeBackendProvider} (id {@code onnxruntime},
 *       priority 1, so never chosen unless named; available when ONNX Runtime's native library loads). Its
 *       only capability is {@link io.rnn4j.core.spi.Capability#INFERENCE}. Its primitives delegate to the
 *       reference backend ({@code cpu}) rather than throw: a network bound to it can hold a checkpoint's
 *       parameters, be exported and be run, and gives the reference's numbers; an application that selected
 *       {@code onnxruntime} asks the backend for its whole-model runner
 *       ({@link io.rnn4j.core.spi.Backend#wholeModel}: the network's {@code OnnxRuntimeModel}) and predicts
 *       through it; {@code ModelLoader} does so for every backend (it asks, it does not test the id), so a plugin
 *       backend that runs ONNX files (or any whole graph) takes the same path by overriding
 *       {@code wholeModel}.</li>
 * </ul>
 *
 * <p>Training is refused early: {@link io.rnn4j.core.model.Network#requireTraining(java.util.List)} (which
 * the trainer calls when it starts) fails with {@code RNN4J-BACKEND-005} naming the backends that can train,
 * and a recurrent layer's training pass fails with the same id.
 *
 * <p>Native resources: every {@code OnnxRuntimeModel} owns an ONNX Runtime session and must be closed; the
 * tensors of a call are closed before it returns; ONNX Runtime's environment is a process-wide singleton
 * that ONNX Runtime itself manages.
 */
package io.rnn4j.backend.onnxruntime;
