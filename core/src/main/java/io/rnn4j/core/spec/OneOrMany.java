package io.rnn4j.core.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code List} component: the YAML may give one value instead of a list of one, as in
 * {@code difference: 12} for {@code difference: [12]}. The JSON Schema accepts both forms.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface OneOrMany {
}
