/**
 * The five built-in data kinds, each a {@link io.rnn4j.core.spi.DataKind} found by
 * {@link java.util.ServiceLoader} like a plugin's: {@code sequences}, {@code time_series},
 * {@code text_classification}, {@code text} and {@code pairs}. Each has its options record (the YAML
 * {@code data:} section of its type), loads with the loaders of {@code io.rnn4j.data}, and has a pipeline
 * built on the loaded {@link io.rnn4j.data.DataSchema} that is stored in and restored from a model
 * archive. The options records are the files as written (paths relative to the experiment, splits as
 * fractions or files); the loaders' {@code *Spec} records are the same options resolved against the
 * experiment's directory and seed.
 */
package io.rnn4j.data.kind;
