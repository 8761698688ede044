package org.gdflow.core.error;

/**
 * An error a user can meet and fix: bad spec, bad file, unknown plugin, diverged setup. Its message
 * says what was wrong, where (JSON path, file and line) and what to do; the CLI prints it without a
 * stack trace.
 */
public class GdflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GdflowException(String message) {
        super(message);
    }

    public GdflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
