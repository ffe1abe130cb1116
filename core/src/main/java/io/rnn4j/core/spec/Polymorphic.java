package io.rnn4j.core.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sealed interface whose implementations ({@link Variant}-annotated records) are chosen in
 * YAML either by a discriminator key ({@code data: {type: time_series, ...}}) or, when {@link #key()}
 * is empty, by a single key that wraps the options ({@code optimizer: {adam: {lr: 0.001}}}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Polymorphic {
    /** The discriminator key, or {@code ""} for the single-key form. */
    String key() default "";
}
