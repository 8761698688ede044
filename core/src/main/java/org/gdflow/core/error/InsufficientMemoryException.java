package org.gdflow.core.error;

/**
 * A run refused before any work because it cannot fit: its memory estimate exceeds what the JVM
 * or the machine has, or an array it needs is longer than Java allows. The message gives the
 * estimate, the limit and what to change; the CLI exits with status 4.
 */
public class InsufficientMemoryException extends GdflowException {
    private static final long serialVersionUID = 1L;

    public InsufficientMemoryException(String message) {
        super(message);
    }
}
