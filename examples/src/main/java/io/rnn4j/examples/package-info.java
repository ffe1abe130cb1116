/**
 * Short programs that use rnn4j as a library, without the command line or Guice: {@link
 * io.rnn4j.examples.TrainAndServe} trains an experiment in Java, exports it to ONNX and serves
 * predictions from the exported file in ONNX Runtime.
 */
package io.rnn4j.examples;
