/**
 * Internals of the ONNX export: the protobuf graph builder and the built-in
 * {@link io.rnn4j.onnx.spi.LayerExporter}s. Not an API: nothing outside {@code rnn4j-onnx} imports it.
 */
package io.rnn4j.onnx.internal;
