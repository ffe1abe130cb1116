/**
 * Experiment specs: records that are pure data, with every default resolved, and the annotations that
 * document their options ({@link io.rnn4j.core.spec.Doc}, {@link io.rnn4j.core.spec.Default},
 * {@link io.rnn4j.core.spec.Range}). The DSL binds YAML to these records by their component names
 * (written in snake_case in YAML), checks ranges with located errors, and generates the JSON Schema from
 * the same annotations; nothing here knows about YAML.
 */
package io.rnn4j.core.spec;
