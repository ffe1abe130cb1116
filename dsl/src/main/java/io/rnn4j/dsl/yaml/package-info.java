/**
 * A located YAML tree: the safe reader that turns experiment files into {@link io.rnn4j.dsl.yaml.Node}s
 * which remember the line and column of every key and value.
 */
package io.rnn4j.dsl.yaml;
