/**
 * Diagnostics: problems found in user input, each with a stable id, a severity, a source location,
 * the path of the offending value, and a hint. Validation collects every problem of a file in a
 * {@link io.rnn4j.core.diag.Diagnostics} and throws one
 * {@link io.rnn4j.core.diag.ValidationException} that lists them all, sorted by position (the
 * Guice {@code Errors}/{@code CreationException} pattern).
 */
package io.rnn4j.core.diag;
