package io.rnn4j.core.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for names a user typed: the closest of the known names, when it is close enough to be a
 * likely typo. One implementation for every message that suggests a name (YAML keys and kinds in the DSL,
 * backend ids in the backend registry).
 */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The closest candidate to {@code found} (case-insensitive optimal string alignment distance), if it is
     * within a third of the shorter name (at least 2 edits), or one name starts with the other and
     * {@code found} has at least 3 characters.
     */
    public static Optional<String> closest(String found, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(found.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(2, Math.min(found.length(), best.length()) / 3);
        boolean prefix = best.startsWith(found) || found.startsWith(best);
        return bestDistance <= allowed || (prefix && found.length() >= 3) ? Optional.of(best) : Optional.empty();
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
