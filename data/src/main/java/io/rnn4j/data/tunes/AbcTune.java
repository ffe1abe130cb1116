package io.rnn4j.data.tunes;

import io.rnn4j.data.DataErrors;
import io.rnn4j.data.internal.Problem;
import io.rnn4j.data.internal.TextFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tune in ABC notation: the header fields a model is conditioned on and the body it learns to
 * write.
 *
 * <p>A tune starts at an {@code X:} line; its header is field lines ({@code T:}, {@code R:},
 * {@code M:}, {@code L:}, {@code K:}, ...) up to and including {@code K:}; its body is the lines after
 * {@code K:} up to a blank line, the next {@code X:} or the end of the file (ABC 2.1, section 2.2).
 *
 * @param number the {@code X:} reference number
 * @param title  the first {@code T:} field, or {@code ""}
 * @param rhythm the {@code R:} field, normalised ({@link Rhythm#OTHER} if absent)
 * @param meter  the {@code M:} field
 * @param unit   the unit note length ({@code L:}, else the meter's default)
 * @param key    the {@code K:} field, normalised by {@link #normaliseKey}: {@code D}, {@code Am},
 *               {@code Dmix}, {@code Edor}
 * @param body   the body lines joined with {@code \n}, no trailing newline
 * @param line   the 1-based line of the {@code X:} field in its file (0 if not from a file)
 */
public record AbcTune(int number, String title, Rhythm rhythm, Meter meter, Fraction unit, String key, String body,
                      int line) {
    /** An ABC tune file that breaks the rules above; the message names file, line and field. */
    public static final String BAD_TUNE = "RNN4J-DATA-141";

    private static final Pattern FIELD = Pattern.compile("^([A-Za-z]):(.*)$");
    private static final Pattern KEY = Pattern.compile("^([A-Ga-g])([#b]?)\\s*([A-Za-z]*)$");

    /** Validates. */
    public AbcTune {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(rhythm, "rhythm");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        if (body.isBlank()) {
            throw new IllegalArgumentException("a tune needs a body");
        }
    }

    /**
     * The tune as ABC text: header {@code X, T, R, M, L, K} in that order, then the body and a newline.
     */
    public String toAbc() {
        return header(number, title, rhythm, meter, unit, key) + body + "\n";
    }

    /** The header lines {@code X:} to {@code K:}, each ending in a newline: a prompt for a language model. */
    public static String header(int number, String title, Rhythm rhythm, Meter meter, Fraction unit, String key) {
        return "X:" + number + "\nT:" + title + "\nR:" + rhythm.label() + "\nM:" + meter.text() + "\nL:" + unit
                + "\nK:" + key + "\n";
    }

    /**
     * A key field normalised: the tonic upper-case with its accidental, then {@code m} for minor
     * ({@code m}, {@code min}, {@code minor}, {@code aeo}), nothing for major ({@code maj},
     * {@code ion}), or the mode's first three letters lower-case ({@code mix}, {@code dor}, {@code phr},
     * {@code lyd}, {@code loc}). Returns {@code null} for something that is not a key.
     */
    public static String normaliseKey(String field) {
        Matcher m = KEY.matcher(field.trim());
        if (!m.matches()) {
            return null;
        }
        String tonic = m.group(1).toUpperCase(Locale.ROOT) + m.group(2);
        String mode = m.group(3).toLowerCase(Locale.ROOT);
        String three = mode.length() >= 3 ? mode.substring(0, 3) : mode;
        return switch (three) {
            case "", "maj", "ion" -> tonic;
            case "m", "min", "aeo" -> tonic + "m";
            case "mix", "dor", "phr", "lyd", "loc" -> tonic + three;
            default -> null;
        };
    }

    /**
     * Reads every tune of an ABC file.
     *
     * @param file   the file
     * @param option the experiment option that named it, for messages ({@code data.train})
     * @throws io.rnn4j.core.Rnn4jException {@code RNN4J-DATA-001/002} for a missing or unreadable file,
     *         {@link #BAD_TUNE} naming the line for a tune without {@code M:} or {@code K:}, a bad field
     *         value, an empty body, or text before the first {@code X:}; {@code RNN4J-DATA-011} for a file
     *         without tunes
     */
    public static List<AbcTune> read(Path file, String option) {
        return parse(TextFiles.readAll(file, option), file.toString());
    }

    /** Reads every tune of ABC text (see {@link #read}); {@code source} names it in messages. */
    public static List<AbcTune> parse(String text, String source) {
        String[] lines = text.split("\n", -1);
        List<AbcTune> tunes = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String l = lines[i];
            if (l.isBlank() || l.startsWith("%")) {
                i++;
                continue;
            }
            if (!l.startsWith("X:")) {
                throw bad(source, i + 1, Problem.quote(l), "an X: line that starts a tune, a blank line or a % comment",
                        "start every tune with its X: reference number (\"X:1\") and separate tunes by a blank line.");
            }
            int start = i;
            List<String[]> header = new ArrayList<>();
            List<Integer> headerLines = new ArrayList<>();
            boolean key = false;
            while (i < lines.length && !key) {
                String h = lines[i];
                if (h.startsWith("%")) {
                    i++;
                    continue;
                }
                Matcher m = FIELD.matcher(h);
                if (!m.matches()) {
                    throw bad(source, i + 1, Problem.quote(h), "a header field such as \"M:6/8\" (the header ends at K:)",
                            "give the tune a K: field before its first line of music.");
                }
                header.add(new String[] {m.group(1), m.group(2).trim()});
                headerLines.add(i + 1);
                key = m.group(1).equals("K");
                i++;
            }
            if (!key) {
                throw bad(source, start + 1, "a tune without a K: field", "a header that ends with K: (the key)",
                        "add a K: line, such as \"K:D\", after the other header fields.");
            }
            StringBuilder body = new StringBuilder();
            while (i < lines.length && !lines[i].isBlank() && !lines[i].startsWith("X:")) {
                body.append(body.length() == 0 ? "" : "\n").append(lines[i]);
                i++;
            }
            tunes.add(build(header, headerLines, body.toString(), source, start + 1));
        }
        if (tunes.isEmpty()) {
            throw Problem.of(DataErrors.EMPTY, "no tunes").file(source).found("no X: line")
                    .expected("ABC tunes, each starting with an X: line").fix("check that this is an ABC file.").error();
        }
        return tunes;
    }

    private static AbcTune build(List<String[]> header, List<Integer> lines, String body, String source, int line) {
        String xs = header.get(0)[1];
        if (!xs.matches("\\d{1,9}")) {
            throw bad(source, line, "X:" + xs, "a reference number such as X:12", "number the tune with digits.");
        }
        String title = "";
        Rhythm rhythm = Rhythm.OTHER;
        Meter meter = null;
        Fraction unit = null;
        String key = null;
        for (int f = 1; f < header.size(); f++) {
            String name = header.get(f)[0];
            String value = header.get(f)[1];
            int at = lines.get(f);
            switch (name) {
                case "T" -> title = title.isEmpty() ? value : title;
                case "R" -> rhythm = Rhythm.normalise(value);
                case "M" -> {
                    try {
                        meter = Meter.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw bad(source, at, "M:" + value, "a meter: C, C| or n/d such as 6/8", e.getMessage() + ".");
                    }
                }
                case "L" -> {
                    String v = value.replaceAll("\\s", "");
                    if (!v.matches("1/(1|2|4|8|16|32|64)")) {
                        throw bad(source, at, "L:" + value, "a unit note length 1/n, n a power of two (L:1/8)",
                                "write the unit note length as a fraction such as 1/8.");
                    }
                    unit = Fraction.of(1, Long.parseLong(v.substring(2)));
                }
                case "K" -> {
                    key = normaliseKey(value);
                    if (key == null) {
                        throw bad(source, at, "K:" + value, "a key: a tonic A-G with # or b, then a mode (m, mix, dor, "
                                + "phr, lyd, loc, maj)", "write the key as, for example, K:D, K:Em or K:Ador.");
                    }
                }
                default -> {
                    // other fields (B:, N:, Z:, C:, S:, Q:...) carry no conditioning
                }
            }
        }
        if (meter == null) {
            throw bad(source, line, "a tune without an M: field", "an M: field (the meter) in the header",
                    "add a line such as \"M:6/8\" before K:.");
        }
        if (body.isBlank()) {
            throw bad(source, line, "a tune with no music after K:", "at least one line of music after the K: field",
                    "give the tune a body, or remove it.");
        }
        return new AbcTune(Integer.parseInt(xs), title, rhythm, meter, unit == null ? meter.defaultUnit() : unit, key,
                body, line);
    }

    private static RuntimeException bad(String source, int line, String found, String expected, String fix) {
        return Problem.of(BAD_TUNE, "bad ABC tune").file(source).line(line).found(found).expected(expected).fix(fix)
                .error();
    }
}
