package io.rnn4j.data.tunes;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that every bar of an ABC tune body lasts as long as its meter says: the figure a musician
 * looks at first in a generated tune.
 *
 * <p>The body is scanned as ABC 2.1 describes it, adding up the duration of every note, rest and
 * chord between bar lines, in fractions of a whole note: a note's length is the unit note length
 * times its length suffix ({@code A2}, {@code A/}, {@code A//}, {@code A3/2}); a chord
 * {@code [CEG]2} lasts as long as its first note; broken rhythm {@code A>B} makes the first note
 * {@code 3/2} and the second {@code 1/2} as long ({@code >>}: {@code 7/4} and {@code 1/4}; {@code <}
 * the other way round); a tuplet {@code (p:q:r} plays the next {@code r} notes in {@code q/p} of their
 * time with ABC's defaults for {@code q} (3 for {@code p} = 2, 4, 8; 2 for 3 and 6; for 5, 7, 9: 3 in
 * compound meters, else 2); grace notes {@code {...}}, annotations {@code "..."}, decorations
 * ({@code !trill!}, {@code .}, {@code ~}, {@code H}...{@code v}), slurs, ties, spacers and comments last
 * nothing. Field lines ({@code M:}, {@code L:}) and inline fields ({@code [M:3/4]}) in the body change
 * the meter and unit from there on; a multi-bar rest {@code Z}n lasts n full bars.
 *
 * <p>Which bars may be short: a pickup (anacrusis) and its closing bar are incomplete by nature, so
 * the first bar of the tune and of each section (after {@code ||}, {@code |]}, {@code [|}, a repeat
 * {@code :|}, {@code |:}, {@code ::}) may be shorter than the meter, and so may the last bar of the tune
 * and of each section. Every other bar must match exactly, and no bar may be longer. A bar that holds
 * no notes (between {@code :|} and {@code |:} written {@code :| |:}) is not counted. A character that
 * ABC does not allow in a body is a problem too: the tune does not conform.
 */
public final class BarChecker {

    /**
     * The verdict on one tune.
     *
     * @param bars     bars with at least one note or rest
     * @param problems what is wrong, each naming the body's line and column and the bar's duration
     */
    public record Result(int bars, List<String> problems) {
        /** Copies. */
        public Result {
            problems = List.copyOf(problems);
        }

        /** Whether every bar matches the meter (and there is at least one bar). */
        public boolean conforms() {
            return bars > 0 && problems.isEmpty();
        }
    }

    private static final String DECORATIONS = ".~HLMOPSTuvJR";
    private static final String NOTES = "ABCDEFGabcdefg";

    private final String s;
    private int pos;
    private int line = 1;
    private int lineStart;
    private Meter meter;
    private Fraction unit;
    private final List<String> problems = new ArrayList<>();

    private Fraction bar = Fraction.ZERO;
    private boolean barHasNotes;
    private boolean barAfterSection = true;
    private int barLine = 1;
    private int barColumn = 1;
    private int bars;
    private Fraction pendingBroken; // multiplier for the next note's length after > or <
    private Fraction lastNote = Fraction.ZERO; // the last note's duration, as added to bar
    private int tupletLeft;
    private Fraction tupletFactor = Fraction.ONE;
    /** A short bar that is not at a section edge, waiting to see whether the next bar line ends a section. */
    private String shortPending;

    private BarChecker(String body, Meter meter, Fraction unit) {
        this.s = body;
        this.meter = meter;
        this.unit = unit;
    }

    /** Checks the body of {@code tune} against its meter and unit note length. */
    public static Result check(AbcTune tune) {
        return check(tune.body(), tune.meter(), tune.unit());
    }

    /**
     * Checks a tune body.
     *
     * @param body  the lines after {@code K:}
     * @param meter the meter the tune starts in
     * @param unit  the unit note length it starts with
     */
    public static Result check(String body, Meter meter, Fraction unit) {
        BarChecker c = new BarChecker(body, meter, unit);
        c.run();
        return new Result(c.bars, c.problems);
    }

    private void run() {
        while (pos < s.length() && problems.size() < 20) {
            char c = s.charAt(pos);
            int col = pos - lineStart + 1;
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
                if (lineIsField()) {
                    fieldLine();
                }
            } else if (pos == 0 && lineIsField()) {
                fieldLine();
            } else if (c == ' ' || c == '\t' || c == ')' || c == '-' || c == 'y' || c == '\\' || c == '`' || c == '$'
                    || c == '*' || DECORATIONS.indexOf(c) >= 0) {
                pos++;
            } else if (c == '%') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '"' || c == '!' || c == '+') {
                skipTo(c, col);
            } else if (c == '{') {
                skipTo('}', col);
            } else if (c == '(') {
                tuplet();
            } else if (c == '>' || c == '<') {
                broken(c, col);
            } else if (c == '|' || c == ':' || (c == '[' && peek(1) == '|')) {
                barLine();
            } else if (c == '[' && Character.isDigit(peek(1))) {
                pos++; // an ending [1, [2 after a bar line
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == ',' || s.charAt(pos) == '-')) {
                    pos++;
                }
            } else if (c == '[' && Character.isLetter(peek(1)) && peek(2) == ':') {
                inlineField(col);
            } else if (c == '[') {
                chord(col);
            } else if (c == 'Z') {
                pos++;
                long n = digits();
                addDuration(meter.barLength().times(n == 0 ? 1 : n, 1), false, col);
            } else if (c == 'z' || c == 'x' || NOTES.indexOf(c) >= 0 || "^_=".indexOf(c) >= 0) {
                addDuration(note(col), true, col);
            } else {
                problem(col, "unexpected character '" + c + "'");
                pos++;
            }
        }
        endBar(true);
        if (shortPending != null) {
            shortPending = null; // the tune's last bar may be short
        }
    }

    private char peek(int ahead) {
        return pos + ahead < s.length() ? s.charAt(pos + ahead) : '\0';
    }

    private boolean lineIsField() {
        return pos + 1 < s.length() && Character.isLetter(s.charAt(pos)) && s.charAt(pos + 1) == ':';
    }

    private void fieldLine() {
        int end = s.indexOf('\n', pos);
        String f = s.substring(pos, end < 0 ? s.length() : end);
        applyField(f, 1);
        pos = end < 0 ? s.length() : end;
    }

    private void inlineField(int col) {
        int end = s.indexOf(']', pos);
        int nl = s.indexOf('\n', pos);
        if (end < 0 || (nl >= 0 && nl < end)) {
            problem(col, "inline field '[" + s.charAt(pos + 1) + ":' is not closed by ']' on its line");
            pos = nl < 0 ? s.length() : nl;
            return;
        }
        applyField(s.substring(pos + 1, end), col);
        pos = end + 1;
    }

    private void applyField(String f, int col) {
        String v = f.substring(2).trim();
        try {
            if (f.charAt(0) == 'M') {
                meter = Meter.parse(v);
            } else if (f.charAt(0) == 'L') {
                String u = v.replaceAll("\\s", "");
                if (!u.matches("1/\\d{1,2}")) {
                    throw new IllegalArgumentException("unit note length '" + v + "' is not 1/n");
                }
                unit = Fraction.of(1, Long.parseLong(u.substring(2)));
            }
        } catch (IllegalArgumentException e) {
            problem(col, e.getMessage());
        }
    }

    private void skipTo(char close, int col) {
        int end = s.indexOf(close, pos + 1);
        if (end < 0) {
            problem(col, "'" + s.charAt(pos) + "' is never closed by '" + close + "'");
            pos = s.length();
            return;
        }
        for (int i = pos; i < end; i++) {
            if (s.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        pos = end + 1;
    }

    private long digits() {
        long n = 0;
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos)) && pos - start < 6) {
            n = n * 10 + (s.charAt(pos) - '0');
            pos++;
        }
        return n;
    }

    private void tuplet() {
        pos++;
        if (!Character.isDigit(peek(0))) {
            return; // a slur
        }
        long p = digits();
        long q = 0;
        long r = p;
        if (peek(0) == ':') {
            pos++;
            q = digits();
            if (peek(0) == ':') {
                pos++;
                long rr = digits();
                r = rr == 0 ? p : rr;
            }
        }
        if (p < 2 || p > 9) {
            problem(pos - lineStart, "tuplet (" + p + " is not (2 to (9");
            return;
        }
        if (q == 0) {
            q = p == 3 || p == 6 ? 2 : p == 2 || p == 4 || p == 8 ? 3 : meter.compound() ? 3 : 2;
        }
        tupletLeft = (int) r;
        tupletFactor = Fraction.of(q, p);
    }

    private void broken(char c, int col) {
        int n = 0;
        while (peek(0) == c) {
            n++;
            pos++;
        }
        if (lastNote.isZero() || n > 3) {
            problem(col, "broken rhythm '" + String.valueOf(c).repeat(n) + "' " + (n > 3 ? "is longer than '>>>'"
                    : "does not follow a note"));
            return;
        }
        Fraction small = Fraction.of(1, 1L << n);
        Fraction big = Fraction.of(2, 1).minus(small);
        Fraction first = c == '>' ? big : small;
        // the last note counted at 1; it becomes `first` times as long
        bar = bar.minus(lastNote).plus(lastNote.times(first));
        lastNote = lastNote.times(first);
        pendingBroken = c == '>' ? small : big;
    }

    /** A note or rest: accidentals, pitch, octave marks, length. Returns its duration. */
    private Fraction note(int col) {
        while ("^_=".indexOf(peek(0)) >= 0 && peek(0) != '\0') {
            pos++;
        }
        char c = peek(0);
        if (NOTES.indexOf(c) < 0 && c != 'z' && c != 'x') {
            problem(col, "an accidental not followed by a note");
            return Fraction.ZERO;
        }
        pos++;
        while (peek(0) == '\'' || peek(0) == ',') {
            pos++;
        }
        return length();
    }

    /** The length suffix times the unit: {@code 2}, {@code /}, {@code //}, {@code 3/2}, {@code /4}. */
    private Fraction length() {
        long n = digits();
        long d = 1;
        while (peek(0) == '/') {
            pos++;
            long k = digits();
            d *= k == 0 ? 2 : k;
        }
        if (d > 1024) {
            d = 1024;
        }
        return unit.times(n == 0 ? 1 : n, d);
    }

    private void chord(int col) {
        pos++;
        Fraction first = null;
        while (pos < s.length() && s.charAt(pos) != ']') {
            char c = s.charAt(pos);
            if (NOTES.indexOf(c) >= 0 || "^_=".indexOf(c) >= 0 || c == 'z' || c == 'x') {
                Fraction d = note(col);
                first = first == null ? d : first;
            } else if (c == '\n' || c == '|') {
                problem(col, "chord '[' is not closed by ']' before the " + (c == '|' ? "bar line" : "end of the line"));
                return;
            } else {
                pos++; // decorations, ties inside a chord
            }
        }
        if (pos >= s.length()) {
            problem(col, "chord '[' is never closed by ']'");
            return;
        }
        pos++;
        if (first == null) {
            problem(col, "an empty chord '[]'");
            return;
        }
        Fraction mult = length().times(1, 1);
        // length() returned unit * suffix; the chord lasts first * suffix
        addDuration(first.times(mult).times(unit.denominator(), unit.numerator()), true, col);
    }

    private void addDuration(Fraction d, boolean isNote, int col) {
        if (pendingBroken != null) {
            d = d.times(pendingBroken);
            pendingBroken = null;
        }
        if (tupletLeft > 0 && isNote) {
            d = d.times(tupletFactor);
            tupletLeft--;
        }
        if (!barHasNotes) {
            barLine = line;
            barColumn = col;
        }
        bar = bar.plus(d);
        barHasNotes = true;
        lastNote = d;
    }

    private void barLine() {
        int start = pos;
        while (pos < s.length() && (s.charAt(pos) == '|' || s.charAt(pos) == ':' || s.charAt(pos) == ']'
                || (s.charAt(pos) == '[' && peek(1) == '|'))) {
            pos++;
        }
        String token = s.substring(start, pos);
        while (pos < s.length() && (Character.isDigit(s.charAt(pos))
                || ((s.charAt(pos) == ',' || s.charAt(pos) == '-') && Character.isDigit(peek(1))))) {
            pos++; // an ending number |1, :|2
        }
        boolean section = !token.equals("|");
        endBar(section);
        barAfterSection = section;
    }

    private void endBar(boolean sectionEnd) {
        if (pendingBroken != null) {
            problem(pos - lineStart, "broken rhythm at the end of a bar, with no note after it");
            pendingBroken = null;
        }
        if (shortPending != null) {
            if (!(sectionEnd && !barHasNotes)) {
                problems.add(shortPending); // the short bar was not the last of its section
            }
            shortPending = null;
        }
        if (barHasNotes) {
            bars++;
            int cmp = bar.compareTo(meter.barLength());
            String where = "line " + barLine + ", column " + barColumn;
            if (cmp > 0) {
                problems.add("bar at " + where + " lasts " + bar + " of a whole note; " + meter + " allows " + meter.barLength());
            } else if (cmp < 0 && !barAfterSection && !sectionEnd) {
                shortPending = "bar at " + where + " lasts " + bar + " of a whole note; " + meter + " needs "
                        + meter.barLength();
            }
        }
        bar = Fraction.ZERO;
        barHasNotes = false;
        lastNote = Fraction.ZERO;
        tupletLeft = 0;
    }

    private void problem(int col, String what) {
        problems.add("line " + line + ", column " + col + ": " + what);
    }
}
