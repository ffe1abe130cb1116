package io.rnn4j.data.internal;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.data.DataErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way rnn4j reads a data file as text, whatever its format (CSV, JSON Lines, plain text) and
 * whoever reads it (training, {@code evaluate}, {@code predict}): the file must exist; it is decoded as
 * strict UTF-8, so that bytes that are not UTF-8 are an error naming the line and column (counted in
 * bytes) rather than replacement characters; and a leading UTF-8 byte-order mark, which spreadsheet
 * programs write, is skipped. Line endings are left as they are; {@link #lines} splits on
 * {@code \n}, {@code \r\n} and {@code \r}, as line numbers in every message count them.
 */
public final class DataText {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private DataText() {
    }

    /** The text of {@code file}, which the YAML key or CLI option {@code option} named. */
    public static String read(Path file, String option) {
        TextFiles.requireFile(file, option);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw TextFiles.readFailed(file, e);
        }
        return decode(file, bytes);
    }

    /** {@code bytes} as strict UTF-8 text, a leading byte-order mark skipped; {@code file} names it in errors. */
    public static String decode(Object file, byte[] bytes) {
        int start = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw notUtf8(file, bytes, start, in.position(), r.length());
        }
        out.flip();
        return out.toString();
    }

    /**
     * One line's bytes (no line break) as strict UTF-8 from {@code start}; a bad byte is an error naming
     * {@code line}, its column and its offset in the file ({@code lineOffset} is where the line starts).
     */
    static String decodeLine(Object file, byte[] bytes, int start, int line, long lineOffset) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw notUtf8(file, bytes, in.position(), r.length(), line, start, lineOffset);
        }
        out.flip();
        return out.toString();
    }

    /** The lines of {@code text}: split on {@code \n}, {@code \r\n} and {@code \r}; a final line ending adds no line. */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(from, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                from = i + 1;
            }
        }
        if (from < n) {
            lines.add(text.substring(from));
        }
        return lines;
    }

    private static Rnn4jException notUtf8(Object file, byte[] bytes, int start, int at, int length) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < at; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return notUtf8(file, bytes, at, length, line, lineStart, 0);
    }

    /** {@code at} indexes {@code bytes}; {@code bytesBefore} is the file offset of {@code bytes[0]}. */
    private static Rnn4jException notUtf8(Object file, byte[] bytes, int at, int length, int line, int lineStart,
            long bytesBefore) {
        StringBuilder hex = new StringBuilder();
        for (int i = at; i < Math.min(bytes.length, at + Math.max(length, 1)); i++) {
            hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
        }
        return Problem.of(DataErrors.READ_FAILED, "not UTF-8 text").file(file).line(line).column(at - lineStart + 1, null)
                .found("the byte" + (length > 1 ? "s " : " ") + hex + ", which " + (length > 1 ? "are" : "is")
                        + " not UTF-8 (byte " + (bytesBefore + at + 1) + " of the file)")
                .expected("UTF-8 text (a byte-order mark at the start is allowed)")
                .fix("convert the file to UTF-8, for example: iconv -f latin1 -t utf-8 in.csv > out.csv.")
                .error();
    }
}
