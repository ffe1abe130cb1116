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

    /**
     * Runs of letters and digits (with an apostrophe inside a word kept): every word is a contiguous part
     * of the text, taken as a substring rather than rebuilt code point by code point. An ASCII character is
     * classified by a table (what {@link Character#isLetterOrDigit(int)} says of it), any other by
     * {@link Character#isLetterOrDigit(int)} on its code point: the same words, without a code point decoded
     * and looked up for each character of English text.
     */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Words w = new Words(s);
        while (w.next()) {
            out.add(s.substring(w.start, w.end));
        }
        return out;
    }

    /**
     * The words of a text one after the other, as ranges {@code [start, end)} of it: the one scanner behind
     * {@link #tokenize} and {@link #ids}, so that both cut the same words.
     */
    private static final class Words {
        private final String s;
        private final int n;
        private int i;
        int start;
        int end;

        Words(String s) {
            this.s = s;
            this.n = s.length();
        }

        /** Moves to the next word; false when there is none left. */
        boolean next() {
            int begin = -1; // where the current word began, -1 outside a word
            while (i < n) {
                char ch = s.charAt(i);
                int after;
                boolean inWord;
                if (ch < 128) {
                    after = i + 1;
                    inWord = ASCII_WORD[ch]
                            || (ch == '\'' && begin >= 0 && after < n && isLetterOrDigitAt(s, after));
                } else {
                    int cp = s.codePointAt(i);
                    after = i + Character.charCount(cp);
                    inWord = Character.isLetterOrDigit(cp)
                            || (isApostrophe(cp) && begin >= 0 && after < n && isLetterOrDigitAt(s, after));
                }
                if (inWord) {
                    if (begin < 0) {
                        begin = i;
                    }
                } else if (begin >= 0) {
                    start = begin;
                    end = i;
                    i = after;
                    return true;
                }
                i = after;
            }
            if (begin >= 0) {
                start = begin;
                end = n;
                return true;
            }
            return false;
        }
    }

    /**
     * The vocabulary ids of the first {@code max} tokens of {@code text} (all of them if {@code max <= 0}):
     * {@code vocabulary.encode(tokenize(text))} truncated to {@code max}, but a word is looked up on its
     * range of the (lower-cased) text ({@link Vocabulary#id(String, int, int)}) instead of being cut out as
     * a {@code String}, and reading stops at the {@code max}-th token.
     */
    public int[] ids(String text, Vocabulary vocabulary, int max) {
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        int limit = max > 0 ? max : Integer.MAX_VALUE;
        if (kind != TokenizerKind.WORD) {
            List<String> tokens = chars(s);
            int[] out = new int[Math.min(limit, tokens.size())];
            for (int i = 0; i < out.length; i++) {
                out[i] = vocabulary.id(tokens.get(i));
            }
            return out;
        }
        int[] out = new int[Math.min(limit, s.length() / 2 + 1)]; // a word and its separator take two characters
        int k = 0;
        Words w = new Words(s);
        while (k < limit && w.next()) {
            if (k == out.length) {
                out = java.util.Arrays.copyOf(out, (int) Math.min(limit, 2L * k + 1));
            }
            out[k++] = vocabulary.id(s, w.start, w.end);
        }
        return k == out.length ? out : java.util.Arrays.copyOf(out, k);
    }

    /** Which ASCII characters are letters or digits ({@link Character#isLetterOrDigit(int)}). */
    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c);
        }
    }

    private static boolean isLetterOrDigitAt(String s, int i) {
        char ch = s.charAt(i);
        return ch < 128 ? ASCII_WORD[ch] : Character.isLetterOrDigit(s.codePointAt(i));
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019';
    }
}
