package io.rnn4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Cuts text into tokens, deterministically and independently of the default locale.
 *
 * @param kind      words or characters, see {@link TokenizerKind}
 * @param lowercase whether text is lower-cased first (with {@link Locale#ROOT})
 */
public record Tokenizer(TokenizerKind kind, boolean lowercase) {

    /** Checks for null. */
    public Tokenizer {
        Objects.requireNonNull(kind, "kind");
    }

    /** A word tokenizer. */
    public static Tokenizer words(boolean lowercase) {
        return new Tokenizer(TokenizerKind.WORD, lowercase);
    }

    /** A character tokenizer. */
    public static Tokenizer chars(boolean lowercase) {
        return new Tokenizer(TokenizerKind.CHAR, lowercase);
    }

    /** The tokens of {@code text}, in order. */
    public List<String> tokenize(String text) {
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        return kind == TokenizerKind.WORD ? words(s) : chars(s);
    }

    private static List<String> chars(String s) {
        List<String> out = new ArrayList<>(s.length());
        s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int[] cps = s.codePoints().toArray();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (isApostrophe(cp) && word.length() > 0 && i + 1 < cps.length
                    && Character.isLetterOrDigit(cps[i + 1])) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019';
    }
}
