/**
 * What a user of the data end sees: the {@link io.rnn4j.core.data.DataKindRegistry} of discovered data
 * kinds, what a model predicts ({@link io.rnn4j.core.data.Output}), a task's typed
 * {@link io.rnn4j.core.data.TaskReport}, forecast steps, and the error a record that cannot be encoded
 * raises. The service-provider interface a data-kind plugin implements is
 * {@link io.rnn4j.core.spi.DataKind}.
 */
package io.rnn4j.core.data;
