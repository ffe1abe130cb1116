package io.rnn4j.core.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The allowed interval of a numeric option; the DSL reports values outside it with their location. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Range {
    /** Smallest allowed value. */
    double min() default Double.NEGATIVE_INFINITY;

    /** Largest allowed value. */
    double max() default Double.POSITIVE_INFINITY;

    /** Whether {@link #min()} itself is excluded. */
    boolean minExclusive() default false;

    /** Whether {@link #max()} itself is excluded. */
    boolean maxExclusive() default false;
}
