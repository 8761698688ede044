package org.gdflow.core.run;

/**
 * Why a run stopped: its status and a sentence for summary.json's {@code message}.
 *
 * @param status how the run ended
 * @param message what happened, with the step and time, and what to do when that is useful
 */
public record RunStop(RunStatus status, String message) {
}
