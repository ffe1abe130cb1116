/**
 * The {@code data:} section of experiment files: one record per data type, chosen by {@code type:}.
 * They are the YAML face of the {@code rnn4j-data} loaders' specs.
 */
package io.rnn4j.dsl.spec;
