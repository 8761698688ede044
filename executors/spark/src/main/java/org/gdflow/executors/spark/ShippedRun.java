package org.gdflow.executors.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gdflow.study.PlannedRun;

/**
 * One run as a Spark task carries it: the planned run and the bytes of every csv file its spec
 * names, so that a worker without the study's files (another machine) can run it.
 *
 * @param run the planned run
 * @param inputs the files the spec names, by the path string written in the resolved spec, and their bytes
 * @param plugins the plugin jars shipped with the job, which the task loads from Spark's copies
 */
record ShippedRun(PlannedRun run, Map<String, byte[]> inputs, ShippedPlugins plugins) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The JSON pointers of a resolved spec that name files: the data's csv files and csv initialisations. */
    static final List<String> FILE_POINTERS = List.of("/data/x", "/data/y", "/data/weights", "/model/init/w/path", "/model/init/a/path");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Copies the map, sorted by path. */
    ShippedRun {
        inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
    }

    /**
     * Reads the files {@code run}'s spec names, on the driver, where the planner found them; a file
     * that has gone since is not shipped, and the run fails on the worker with core's message.
     */
    static ShippedRun of(PlannedRun run) {
        return of(run, ShippedPlugins.NONE);
    }

    /** As {@link #of(PlannedRun)}, with the plugin jars registered with the job. */
    static ShippedRun of(PlannedRun run, ShippedPlugins plugins) {
        Map<String, byte[]> inputs = new TreeMap<>();
        for (String path : namedFiles(run)) {
            try {
                inputs.put(path, Files.readAllBytes(resolve(run, path)));
            } catch (IOException e) {
                // the run itself reports the missing file, naming its spec path
            }
        }
        return new ShippedRun(run, inputs, plugins);
    }

    /** The path strings of the files the spec names, at {@link #FILE_POINTERS}. */
    static List<String> namedFiles(PlannedRun run) {
        JsonNode spec = tree(run.specJson());
        return FILE_POINTERS.stream().map(spec::at).filter(JsonNode::isTextual).map(JsonNode::textValue).distinct().toList();
    }

    /** A spec's path, resolved against the run's spec folder as the spec reader resolves it. */
    static Path resolve(PlannedRun run, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || run.specDir() == null ? p : Path.of(run.specDir()).resolve(p);
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a planned spec is JSON written by the planner", e);
        }
    }
}
