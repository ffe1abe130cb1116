/**
 * Binding of located YAML trees to spec records, driven by the records' components and the
 * annotations of {@code io.rnn4j.core.spec}. Every problem becomes a located diagnostic and binding goes
 * on, so one run reports all the errors of a file.
 */
package io.rnn4j.dsl.bind;
