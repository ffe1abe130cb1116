/**
 * The {@code rnn4j} command (picocli) and the Guice wiring of the application. Each subcommand is a
 * small class whose collaborators Guice injects through its constructor; errors become one clear
 * message and a non-zero exit code (a stack trace only with {@code --debug}).
 *
 * <p>Exit codes: 0 success, 1 an error the user can act on ({@code RNN4J-...}), 2 an invalid experiment
 * file or bad command-line usage, 3 an internal error.
 */
package io.rnn4j.cli;
