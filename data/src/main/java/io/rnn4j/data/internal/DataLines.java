package io.rnn4j.data.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
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
            return new DataLines(file, Files.newInputStream(file));
        } catch (IOException e) {
            throw TextFiles.readFailed(file, e);
        }
    }

    /** The number of the line {@link #next()} returned last (from 1). */
    public int number() {
        return number;
    }

    /**
     * The next line without its line break, or {@code null} at the end of the file. The bytes are scanned
     * in the reader's own buffer (no call per byte); a line of ASCII bytes is made a string directly, any
     * other is decoded strictly.
     */
    public String next() {
        long start = offset;
        int length = 0;
        boolean ascii = true;
        boolean any = false;
        try {
            while (true) {
                if (pos == limit && !fill()) {
                    break;
                }
                any = true;
                int from = pos;
                int i = from;
                int end = limit;
                byte[] b = buffer;
                int stop = -1;
                for (; i < end; i++) {
                    byte c = b[i];
                    if (c == '\n' || c == '\r') {
                        stop = c;
                        break;
                    }
                    ascii &= c >= 0; // bytes above 0x7F are negative
                }
                length = append(b, from, i - from, length);
                offset += i - from;
                pos = i;
                if (stop >= 0) {
                    pos++;
                    offset++;
                    if (stop == '\r' && (pos < limit || fill()) && buffer[pos] == '\n') {
                        pos++;
                        offset++;
                    }
                    break;
                }
            }
        } catch (IOException e) {
            throw TextFiles.readFailed(file, e);
        }
        if (!any) {
            return null;
        }
        number++;
        boolean bom = first && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF;
        first = false;
        if (ascii) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1); // ASCII is Latin-1
        }
        return DataText.decodeLine(file, java.util.Arrays.copyOf(line, length), bom ? 3 : 0, number, start);
    }

    /** Appends {@code n} bytes to the line (grown as needed); the line's new length. */
    private int append(byte[] from, int at, int n, int length) {
        if (length + n > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(from, at, line, length, n);
        return length + n;
    }

    /** Reads more bytes into the buffer; false at the end of the file. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
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
