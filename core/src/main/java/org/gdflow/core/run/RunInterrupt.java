package org.gdflow.core.run;

/**
 * A request to stop a run at its next step boundary, from another thread (a signal handler, a
 * study that is being stopped). The run then ends with {@link RunStatus#INTERRUPTED}, and a
 * checkpoint observer saves the state it can be resumed from. Thread-safe; the first reason given
 * is kept.
 */
public final class RunInterrupt {
    private volatile String reason;

    /** Asks the run to stop; {@code reason} (such as {@code "SIGINT"}) goes into its message. */
    public synchronized void request(String reason) {
        if (this.reason == null) {
            this.reason = reason;
        }
    }

    /** Whether a stop was asked for. */
    public boolean requested() {
        return reason != null;
    }

    /** Why the run was asked to stop, or null. */
    public String reason() {
        return reason;
    }
}
