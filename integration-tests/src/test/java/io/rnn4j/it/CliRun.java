package io.rnn4j.it;

import io.rnn4j.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the {@code rnn4j} command in this JVM: its exit code and what it printed.
 *
 * @param code the exit code
 * @param out  the standard output
 * @param err  the standard error
 */
record CliRun(int code, String out, String err) {

    /** Runs {@code rnn4j ARGS...} and captures its output. */
    static CliRun of(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new CliRun(code, o.toString(), e.toString());
    }
}
