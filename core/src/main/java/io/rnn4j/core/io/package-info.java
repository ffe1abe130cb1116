/**
 * File helpers shared by the modules that save files: {@link io.rnn4j.core.io.TempFiles} for the
 * temporary file of an atomic save, created with the user's umask.
 */
package io.rnn4j.core.io;
