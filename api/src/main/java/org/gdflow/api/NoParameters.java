package org.gdflow.api;

/** The parameter record of a plugin that takes no parameters. */
public record NoParameters() {
    /** The single instance. */
    public static final NoParameters INSTANCE = new NoParameters();
}
