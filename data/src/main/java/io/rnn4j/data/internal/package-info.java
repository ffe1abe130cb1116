/**
 * Implementation of the data module: CSV and JSON Lines readers with line tracking, the loaders of
 * each data set type, splitting, and error message building. Not API: other modules use
 * {@link io.rnn4j.data}.
 */
package io.rnn4j.data.internal;
