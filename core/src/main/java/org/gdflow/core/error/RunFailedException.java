package org.gdflow.core.error;

/**
 * A run that started and could not go on, for a reason outside its spec: its output folder became
 * unwritable (a full disk), a file it keeps was changed under it. The message says what happened
 * and how to continue (the last checkpoint is intact); the CLI exits with status 1.
 */
public class RunFailedException extends GdflowException {
    private static final long serialVersionUID = 1L;

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
