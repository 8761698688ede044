package org.gdflow.core.run;

/** Hears about a run while it goes; the CLI prints a progress line from it. */
public interface ProgressListener {
    /** Nothing is reported. */
    ProgressListener NONE = (step, time, loss) -> { };

    /** Called at every recorded step. */
    void recorded(long step, double time, double loss);
}
