package io.rnn4j.core.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value an option takes when a file does not give it, written as YAML ({@code "0.2"},
 * {@code "concat"}, {@code "true"}). An option with neither a default nor a primitive type is
 * optional and may be absent ({@code null}); a primitive option without a default is required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Default {
    /** The default, as YAML text. */
    String value();
}
