package io.rnn4j.dsl.bind;

import io.rnn4j.core.diag.Suggestions;
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

    /** The closest candidate to {@code found}, if it is close enough to be a likely typo (see {@link Suggestions}). */
    public static Optional<String> closest(String found, Collection<String> candidates) {
        return Suggestions.closest(found, candidates);
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
}
