package org.gdflow.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rows of a study's {@code index.csv}, read back from each run's files so that a run found
 * finished and a run just computed give the same row: {@code id}, one column per swept path, the
 * summary quantities, then {@code final_<metric>} from the last row of trajectory.csv for every
 * metric any run recorded.
 */
final class StudyIndex {
    /** The summary.json keys copied into the index, in column order. */
    static final List<String> SUMMARY = List.of("status", "final_loss", "steps", "time", "wall_seconds", "rate",
            "rate_bound", "gram_min_eig_initial", "lambda0");
    /** trajectory.csv's leading columns, which are not metrics. */
    private static final int LEADING = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StudyIndex() {
    }

    /** One row per run of {@code runs}, in their order; {@code failed} holds the ids of runs that threw. */
    static List<IndexRow> rows(List<PlannedRun> runs, Set<String> failed, Path studyDir) {
        List<Map<String, String>> metrics = new ArrayList<>();
        Set<String> metricNames = new LinkedHashSet<>();
        for (PlannedRun run : runs) {
            Map<String, String> last = failed.contains(run.id()) ? Map.of() : lastRow(studyDir.resolve(run.id()));
            metrics.add(last);
            metricNames.addAll(last.keySet());
        }
        List<IndexRow> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            PlannedRun run = runs.get(i);
            Map<String, String> cells = new LinkedHashMap<>();
            cells.put("id", run.id());
            for (SweptValue v : run.values()) {
                cells.put(v.path(), v.cell());
            }
            JsonNode summary = failed.contains(run.id()) ? MAPPER.createObjectNode() : summary(studyDir.resolve(run.id()));
            for (String key : SUMMARY) {
                JsonNode value = summary.path(key);
                cells.put(key, value.isValueNode() && !value.isNull() ? value.asText() : "");
            }
            if (failed.contains(run.id())) {
                cells.put("status", RunOutcome.FAILED);
            }
            for (String metric : metricNames) {
                cells.put("final_" + metric, metrics.get(i).getOrDefault(metric, ""));
            }
            rows.add(new IndexRow(cells));
        }
        return rows;
    }

    private static JsonNode summary(Path dir) {
        try {
            return MAPPER.readTree(dir.resolve("summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("summary.json"), e);
        }
    }

    /** The metric cells of trajectory.csv's last row, by column name (step, time and loss left out). */
    private static Map<String, String> lastRow(Path dir) {
        Path file = dir.resolve("trajectory.csv");
        try (Stream<String> lines = Files.lines(file)) {
            List<String> headerAndLast = new ArrayList<>();
            lines.forEach(line -> {
                if (headerAndLast.size() == 2) {
                    headerAndLast.set(1, line);
                } else {
                    headerAndLast.add(line);
                }
            });
            Map<String, String> out = new LinkedHashMap<>();
            // a trajectory holding only its header has no last row, so no metric values
            if (headerAndLast.size() == 2) {
                String[] header = headerAndLast.get(0).split(",");
                String[] last = headerAndLast.get(1).split(",");
                for (int c = LEADING; c < header.length; c++) {
                    out.put(header[c], last[c]);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
