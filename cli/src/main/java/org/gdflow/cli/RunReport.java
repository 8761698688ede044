package org.gdflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.gdflow.core.output.FolderRun;

/**
 * What {@code gdflow run} and {@code gdflow resume} print when a run into a folder ends, read from
 * its summary.json, and the exit status it ends with: 0 finished (converged, a time or step limit),
 * 1 diverged, 3 interrupted.
 */
final class RunReport {
    /** Exit status: finished. */
    static final int FINISHED = 0;
    /** Exit status: the run failed (diverged, or an error while it ran). */
    static final int FAILED = 1;

    private RunReport() {
    }

    /**
     * Prints the outcome; returns the exit status.
     *
     * @param again how to run a finished run again, for the command that found it finished
     */
    static int print(FolderRun.Outcome outcome, PrintStream out, PrintStream err, String again) {
        JsonNode summary = outcome.summary();
        String status = outcome.status();
        String backend = summary.at("/provenance/backend").asText("?");
        String loss = summary.path("final_loss").isNumber()
                ? String.format(Locale.ROOT, "%.6e", summary.path("final_loss").doubleValue()) : "not a number";
        String line = String.format(Locale.ROOT, "%s after %d steps, t = %.6g: loss %s", status, summary.path("steps").asLong(),
                summary.path("time").asDouble(), loss);
        if (outcome.kind() == FolderRun.Kind.ALREADY_FINISHED) {
            out.println(outcome.dir() + " holds this run finished already (" + line + "); nothing to do (" + again + ")");
            return exitStatus(status);
        }
        out.printf(Locale.ROOT, "%s (%.2f s on %s)%n", line, summary.path("wall_seconds").asDouble(), backend);
        Iterator<Map.Entry<String, JsonNode>> fields = summary.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getValue().isNumber() && !e.getKey().equals("final_loss") && !e.getKey().equals("steps")
                    && !e.getKey().equals("time") && !e.getKey().equals("wall_seconds")) {
                out.printf(Locale.ROOT, "  %s = %s%n", e.getKey(), e.getValue().asText());
            }
        }
        switch (status) {
            case "diverged" -> err.println("gdflow: the run diverged: " + summary.path("message").asText());
            case "interrupted" -> err.println("gdflow: " + summary.path("message").asText() + "; continue it with: gdflow resume "
                    + outcome.dir());
            default -> out.println("wrote " + outcome.dir().resolve("summary.json") + " and " + outcome.dir().resolve("trajectory.csv"));
        }
        return exitStatus(status);
    }

    /** 0 for a finished run, 1 diverged, 3 interrupted. */
    static int exitStatus(String status) {
        return switch (status) {
            case "diverged" -> FAILED;
            case "interrupted" -> InterruptSignals.STATUS;
            default -> FINISHED;
        };
    }
}
