package org.gdflow.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gdflow.core.error.GdflowException;

/**
 * Which runs of a study are already finished in its folder: those whose {@code summary.json} parses
 * and holds the run's resolved spec. A finished run with another spec is refused (naming the
 * differing paths) unless {@code force}, which runs it again.
 */
final class FinishedRuns {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FinishedRuns() {
    }

    /** The ids of {@code runs} finished in {@code studyDir} with the same spec. */
    static Set<String> of(List<PlannedRun> runs, Path studyDir, boolean force) {
        Set<String> finished = new HashSet<>();
        List<String> changed = new ArrayList<>();
        for (PlannedRun run : runs) {
            JsonNode stored = storedSpec(studyDir.resolve(run.id()).resolve("summary.json"));
            if (stored == null) {
                continue;
            }
            List<String> differences = JsonPaths.differences(planned(run, stored), stored);
            if (differences.isEmpty()) {
                finished.add(run.id());
            } else if (!force) {
                changed.add(run.id() + " (" + String.join(", ", differences) + ")");
            }
        }
        if (!changed.isEmpty()) {
            throw new GdflowException("study folder " + studyDir + " already holds runs of another spec: "
                    + String.join("; ", changed) + "; choose another folder, or force to run them again");
        }
        return finished;
    }

    /** The spec in a summary.json, or null if there is none, it does not parse, or its run was interrupted. */
    private static JsonNode storedSpec(Path summary) {
        if (!Files.isRegularFile(summary)) {
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(summary.toFile());
            JsonNode spec = root.path("spec");
            // an interrupted run is not finished: running it again resumes it from its checkpoint
            boolean interrupted = root.path("status").asText().equals("interrupted");
            return spec.isObject() && !interrupted ? spec : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The planned spec as a summary would hold it: "auto" names the backend that actually ran. */
    private static JsonNode planned(PlannedRun run, JsonNode stored) {
        try {
            ObjectNode planned = (ObjectNode) MAPPER.readTree(run.specJson());
            if (planned.path("backend").path("name").asText().equals("auto")) {
                planned.set("backend", stored.get("backend"));
            }
            return planned;
        } catch (IOException e) {
            throw new IllegalStateException("a planned spec is JSON written by the planner", e);
        }
    }
}
