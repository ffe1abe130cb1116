package io.rnn4j.dsl.bind;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Naming rules of the DSL: Java component names in snake_case, and "did you mean" suggestions. */
public final class Names {
    private Names() {
    }

    /** {@code returnSequences} becomes {@code return_sequences}. */
    public static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The YAML key of a record component: its {@link io.rnn4j.core.spec.Key} or its name in snake_case. */
    public static String key(java.lang.reflect.RecordComponent c) {
        io.rnn4j.core.spec.Key k = c.getAnnotation(io.rnn4j.core.spec.Key.class);
        return k != null ? k.value() : snake(c.getName());
    }

    /** The YAML id of an enum constant: {@code GLOROT_UNIFORM} becomes {@code glorot_uniform}. */
    public static String enumId(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The closest candidate to {@code found}, if it is close enough to be a likely typo. */
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

    /**
     * The hint for a name that is not allowed: {@code hint: did you mean 'units'? allowed keys: units, ...}
     * (the suggestion only when one is close enough).
     *
     * @param found   what the file says
     * @param allowed the valid names, in the order to list them
     * @param label   how the list is introduced ({@code allowed keys}, {@code known layer kinds}, ...)
     */
    public static String hint(String found, Collection<String> allowed, String label) {
        return closest(found, allowed).map(s -> "hint: did you mean '" + s + "'? ").orElse("hint: ") + label + ": "
                + String.join(", ", allowed);
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
    static int distance(String a, String b) {
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
