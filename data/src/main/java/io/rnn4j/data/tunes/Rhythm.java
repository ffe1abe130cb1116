package io.rnn4j.data.tunes;

import java.util.Locale;

/**
 * The rhythm of a tune ({@code R:} field), normalised to the few that Irish dance music and
 * O'Neill's collection distinguish. Spellings vary between transcribers ({@code Reel}, {@code reel};
 * {@code slipjig}, {@code slip jig}; {@code double jig}), so a field is compared on its letters only,
 * case-insensitively.
 */
public enum Rhythm {
    /** A slow air or song tune. */
    AIR("air"),
    /** A (double or single) jig, 6/8. */
    JIG("jig"),
    /** A slip jig, 9/8. */
    SLIP_JIG("slip jig"),
    /** A reel, 4/4 or 2/2. */
    REEL("reel"),
    /** A hornpipe, 4/4 or 2/4. */
    HORNPIPE("hornpipe"),
    /** Anything else (march, waltz, slide, polka, long dance), or no {@code R:} field. */
    OTHER("other");

    private final String label;

    Rhythm(String label) {
        this.label = label;
    }

    /** The normalised name, as written back into an {@code R:} field: {@code slip jig}. */
    public String label() {
        return label;
    }

    /**
     * The rhythm an {@code R:} value names: {@code Reel} and {@code reel} are {@link #REEL},
     * {@code double jig}, {@code single jig} and {@code jig} are {@link #JIG}, {@code slipjig} and
     * {@code Slip-Jig} are {@link #SLIP_JIG}; anything else, and an empty or missing field, is
     * {@link #OTHER}.
     */
    public static Rhythm normalise(String field) {
        String r = field == null ? "" : field.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return switch (r) {
            case "air", "slowair", "song" -> AIR;
            case "jig", "doublejig", "singlejig" -> JIG;
            case "slipjig" -> SLIP_JIG;
            case "reel" -> REEL;
            case "hornpipe" -> HORNPIPE;
            default -> OTHER;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
