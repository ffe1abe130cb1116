package io.rnn4j.data.kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The label vocabulary of transcripts: characters (every character a label, the space the word
 * separator) or words (split at whitespace, every word a label). Fitted on the training transcripts,
 * sorted, so it does not depend on the order of the file.
 */
final class Transcripts {
    private final TokenUnit unit;
    private final List<String> tokens;
    private final Map<String, Integer> index = new java.util.HashMap<>();

    Transcripts(TokenUnit unit, List<String> tokens) {
        this.unit = unit;
        this.tokens = List.copyOf(tokens);
        for (int i = 0; i < this.tokens.size(); i++) {
            index.put(this.tokens.get(i), i);
        }
    }

    /** The vocabulary of these transcripts. */
    static Transcripts fit(TokenUnit unit, List<String> texts) {
        TreeSet<String> seen = new TreeSet<>();
        for (String t : texts) {
            seen.addAll(split(unit, t));
        }
        return new Transcripts(unit, new ArrayList<>(seen));
    }

    static List<String> split(TokenUnit unit, String text) {
        List<String> out = new ArrayList<>();
        if (unit == TokenUnit.CHARACTERS) {
            text.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        } else {
            for (String w : text.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    TokenUnit unit() {
        return unit;
    }

    List<String> tokens() {
        return tokens;
    }

    int size() {
        return tokens.size();
    }

    /**
     * The labels of a transcript.
     *
     * @throws IllegalArgumentException naming an unknown token and the vocabulary
     */
    int[] labels(String text) {
        List<String> parts = split(unit, text);
        int[] out = new int[parts.size()];
        for (int i = 0; i < out.length; i++) {
            Integer k = index.get(parts.get(i));
            if (k == null) {
                throw new IllegalArgumentException("'" + parts.get(i) + "' is not in the training transcripts' "
                        + (unit == TokenUnit.CHARACTERS ? "characters" : "words") + " " + tokens);
            }
            out[i] = k;
        }
        return out;
    }

    /** The transcript of labels. */
    String text(int[] labels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            if (unit == TokenUnit.WORDS && i > 0) {
                sb.append(' ');
            }
            sb.append(tokens.get(labels[i]));
        }
        return sb.toString();
    }

    /** The space's label for characters (words are separated by it), else -1. */
    int separator() {
        Integer k = unit == TokenUnit.CHARACTERS ? index.get(" ") : null;
        return k == null ? -1 : k;
    }
}
