package io.rnn4j.data.internal;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.data.DataErrors;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening data files with clear errors. */
public final class TextFiles {
    private TextFiles() {
    }

    /** A {@code FILE_NOT_FOUND} error unless {@code file} is a regular file. */
    public static void requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            String found = Files.isDirectory(file) ? "a directory" : "no such file";
            Path abs = file.toAbsolutePath().normalize();
            throw Problem.of(DataErrors.FILE_NOT_FOUND, "data file not found (from `" + option + "`)").file(file)
                    .found(found + (abs.toString().equals(file.toString()) ? "" : " at " + abs))
                    .expected("an existing file")
                    .fix("check the path in `" + option + "`; a relative path is resolved against "
                            + (option.startsWith("-") ? "the current directory (" + Path.of("").toAbsolutePath() + ")"
                                    : "the experiment file's folder") + ". The example data sets are under examples/data/.")
                    .error();
        }
    }

    /**
     * The whole file as text ({@link DataText}: strict UTF-8 with located errors, a leading byte-order
     * mark dropped), {@code \r\n} and {@code \r} read as {@code \n}.
     */
    public static String readAll(Path file, String option) {
        return DataText.read(file, option).replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A {@code READ_FAILED} error. */
    public static Rnn4jException readFailed(Path file, IOException e) {
        boolean encoding = e instanceof CharacterCodingException;
        return Problem.of(DataErrors.READ_FAILED, "cannot read data file").file(file)
                .found(encoding ? "bytes that are not UTF-8 text (" + e + ")" : e.toString())
                .expected("a readable UTF-8 text file")
                .fix(encoding ? "convert the file to UTF-8, for example: iconv -f latin1 -t utf-8 in.csv > out.csv."
                        : "check that the file is readable by this user.")
                .error(e);
    }
}
