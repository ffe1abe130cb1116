package io.rnn4j.data.tunes;

import io.rnn4j.core.RandomSource;
import java.util.List;
import java.util.TreeMap;

/**
 * The floor a tune generator must clear: tune bodies drawn one character at a time, independently,
 * from the character frequencies of the training bodies (newlines included), each as long as the
 * tune it stands in for. It knows which symbols ABC uses and how often, nothing of their order.
 */
public final class CharFrequencyBaseline {
    private final int[] chars;
    private final double[] cumulative;

    /** Counts the characters of the bodies of {@code training}. */
    public CharFrequencyBaseline(List<AbcTune> training) {
        TreeMap<Integer, Long> counts = new TreeMap<>();
        long total = 0;
        for (AbcTune t : training) {
            for (int i = 0; i < t.body().length(); i++) {
                counts.merge((int) t.body().charAt(i), 1L, Long::sum);
                total++;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("no training tunes to count characters in");
        }
        chars = new int[counts.size()];
        cumulative = new double[counts.size()];
        int i = 0;
        long run = 0;
        for (var e : counts.entrySet()) {
            chars[i] = e.getKey();
            run += e.getValue();
            cumulative[i++] = (double) run / total;
        }
    }

    private CharFrequencyBaseline(int[] chars, double[] cumulative) {
        if (chars.length == 0 || chars.length != cumulative.length) {
            throw new IllegalArgumentException("character frequencies need as many characters as cumulative shares "
                    + "(and at least one), got " + chars.length + " and " + cumulative.length);
        }
        this.chars = chars.clone();
        this.cumulative = cumulative.clone();
    }

    /** Its state as JSON ({@code chars}: code units, {@code cumulative}: their cumulative shares), for a model archive. */
    public String toJson() {
        com.fasterxml.jackson.databind.node.ObjectNode n = io.rnn4j.data.internal.Json.header(FORMAT);
        java.util.Arrays.stream(chars).forEach(n.putArray("chars")::add);
        java.util.Arrays.stream(cumulative).forEach(n.putArray("cumulative")::add);
        return io.rnn4j.data.internal.Json.write(n);
    }

    /**
     * Reads {@link #toJson()}'s form; {@code source} names it in messages.
     *
     * @throws io.rnn4j.core.Rnn4jException (from {@link io.rnn4j.data.internal.Json#read}) if it is not that form
     * @throws IllegalArgumentException     if its arrays do not fit together
     */
    public static CharFrequencyBaseline fromJson(String json, String source) {
        com.fasterxml.jackson.databind.JsonNode n = io.rnn4j.data.internal.Json.read(json, source, FORMAT,
                "character frequencies");
        int[] c = new int[n.path("chars").size()];
        double[] q = new double[n.path("cumulative").size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = n.path("chars").get(i).asInt();
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = n.path("cumulative").get(i).asDouble();
        }
        return new CharFrequencyBaseline(c, q);
    }

    /** The JSON form's {@code format}. */
    private static final String FORMAT = "rnn4j-char-frequencies";

    /**
     * A body of {@code length} characters, runs of newlines collapsed to one (a blank line would end
     * the tune) and leading and trailing blanks trimmed; never empty.
     */
    public String body(int length, RandomSource random) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.toString().isBlank()) {
            sb.setLength(0);
            for (int k = 0; k < length; k++) {
                double u = random.nextDouble();
                int i = 0;
                while (i < cumulative.length - 1 && cumulative[i] <= u) {
                    i++;
                }
                sb.append((char) chars[i]);
            }
        }
        return sb.toString().replaceAll("\n\\s*\n", "\n").strip();
    }

    /** {@code like} with its body replaced by a drawn one of the same length. */
    public AbcTune standIn(AbcTune like, RandomSource random) {
        return new AbcTune(like.number(), like.title(), like.rhythm(), like.meter(), like.unit(), like.key(),
                body(like.body().length(), random), 0);
    }
}
