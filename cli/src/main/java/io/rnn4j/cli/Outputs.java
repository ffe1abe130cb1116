package io.rnn4j.cli;

import io.rnn4j.core.Rnn4jException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of the files a command writes. */
final class Outputs {
    private Outputs() {
    }

    /**
     * Refuses an output that is one of the command's input files (under any name, or through a link): writing it
     * would replace what the command reads, and the input would be lost. Called before anything is read or written.
     *
     * @param output       the file the command writes
     * @param outputOption how the user named it, e.g. {@code "--onnx"}
     * @param input        a file the command reads (null when not given)
     * @param inputOption  how the user named that one, e.g. {@code "MODEL"} or {@code "--input"}
     * @param lost         what would be lost, e.g. {@code "the model archive"}
     * @throws Rnn4jException {@code RNN4J-RUN-016} when they are the same file
     */
    static void refuseOverwritingInput(Path output, String outputOption, Path input, String inputOption, String lost) {
        if (output == null || input == null || !Files.exists(output) || !Files.exists(input)) {
            return; // a file that does not exist yet is not the input; a missing input is reported where it is read
        }
        boolean same;
        try {
            same = Files.isSameFile(input, output);
        } catch (IOException e) {
            return; // not comparable here: reading or writing reports what is wrong with either
        }
        if (same) {
            throw new Rnn4jException("RNN4J-RUN-016", outputOption + " " + output + " is the " + inputOption + " file "
                    + input + "; writing it would replace " + lost + ". Choose another " + outputOption + ".");
        }
    }
}
