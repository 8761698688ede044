package org.gdflow.study;

/** Hears about a study's runs; an executor running runs in parallel calls it from several threads. */
public interface StudyListener {
    /** Nothing is reported. */
    StudyListener NONE = outcome -> { };

    /** Called once per planned run: when it finished, failed, or was found finished already. */
    void ended(RunOutcome outcome);
}
