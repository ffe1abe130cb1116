package io.rnn4j.data.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A data file read line by line as a stream, with the same rules as {@link DataText} (strict UTF-8 with
 * the line and column of a bad byte, a leading byte-order mark skipped, lines split on {@code \n},
 * {@code \r\n} and {@code \r}). Lines are split on the bytes before decoding (a line break byte never
 * occurs inside a UTF-8 sequence), so an error is always on the line it names, whatever was buffered.
 */
public final class DataLines implements Closeable {
    private final Path file;
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int number;
    private long offset;
    private boolean first = true;

    private DataLines(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /**
     * Opens {@code file} (a regular file or a pipe such as {@code /dev/stdin}), named by {@code option} in
     * messages; a missing file or a directory is {@code FILE_NOT_FOUND}.
     */
    public static DataLines open(Path file, String option) {
        if (!Files.exists(file) || Files.isDirectory(file)) {
            TextFiles.requireFile(file, option); // the located FILE_NOT_FOUND error; a pipe (/dev/stdin) is read as is
        }
        try {
            return new DataLines(file, new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (IOException e) {
            throw TextFiles.readFailed(file, e);
        }
    }

    /** The number of the line {@link #next()} returned last (from 1). */
    public int number() {
        return number;
    }

    /** The next line without its line break, or {@code null} at the end of the file. */
    public String next() {
        line.reset();
        long start = offset;
        try {
            int b;
            boolean any = false;
            while ((b = in.read()) != -1) {
                offset++;
                any = true;
                if (b == '\n') {
                    break;
                }
                if (b == '\r') {
                    in.mark(1);
                    int c = in.read();
                    if (c == '\n') {
                        offset++;
                    } else if (c != -1) {
                        in.reset();
                    }
                    break;
                }
                line.write(b);
            }
            if (!any) {
                return null;
            }
        } catch (IOException e) {
            throw TextFiles.readFailed(file, e);
        }
        number++;
        byte[] bytes = line.toByteArray();
        boolean bom = first && bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        first = false;
        return DataText.decodeLine(file, bytes, bom ? 3 : 0, number, start);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was written; nothing to lose
        }
    }
}
