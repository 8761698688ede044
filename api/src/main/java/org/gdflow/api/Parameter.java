package org.gdflow.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one component of a plugin's parameter record and holds its default: the one place a
 * default lives. The spec's JSON key is the component name written in snake_case
 * ({@code batchSize} is {@code batch_size}).
 *
 * <pre>{@code
 * public record GdParameters(
 *     @Parameter(description = "learning rate; each step advances time by lr") double lr,
 *     @Parameter(description = "heavy-ball momentum", defaultValue = "0") double momentum) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Parameter {
    /** Marks a parameter without default: the spec must give it. */
    String REQUIRED = "\u0000required";

    /** One line: what the parameter means, with its unit or range. */
    String description();

    /** The default as a JSON literal ({@code "0"}, {@code "\"mean\""}, {@code "null"}), or {@link #REQUIRED}. */
    String defaultValue() default REQUIRED;
}
