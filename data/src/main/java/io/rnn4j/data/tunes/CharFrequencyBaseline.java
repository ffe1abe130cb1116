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
