/**
 * The exporter SPI: how a layer kind is written as ONNX nodes. A plugin that adds a layer kind adds a
 * {@link io.rnn4j.onnx.spi.LayerExporter} for it (listed in
 * {@code META-INF/services/io.rnn4j.onnx.spi.LayerExporter}); the {@link io.rnn4j.onnx.spi.ExportContext}
 * gives it the graph under construction without exposing protobuf types, and
 * {@link io.rnn4j.onnx.spi.OnnxValue} says what flows between layers (kind, layout, features).
 */
package io.rnn4j.onnx.spi;
