package org.gdflow.study;

import java.io.Serializable;
import java.util.List;

/**
 * One run of a study, as plain serialisable data so that any executor (a local pool, a cluster) can
 * carry it: no plugin instances, only JSON text and paths.
 *
 * @param id the variant's id, also the name of its folder in the study folder
 * @param values the swept values of this variant, in the sweep's order
 * @param specJson the variant's resolved spec (every default filled in), as JSON text
 * @param specDir the folder relative paths of the spec are resolved against
 * @param backend the backend the spec names ({@code auto} when it leaves the choice to gdflow)
 * @param memoryBytes the run's {@link org.gdflow.core.run.MemoryEstimate}, in bytes
 * @param memory the same estimate in words, by part, for messages
 * @param pluginPath the plugin path (absolute folders and jars) of the study, whose plugins the
 *     spec may name: a worker in another JVM runs it with {@code Gdflow.discover(run.pluginPathList())}
 */
public record PlannedRun(String id, List<SweptValue> values, String specJson, String specDir, String backend,
                         long memoryBytes, String memory, List<String> pluginPath) implements Serializable {
    private static final long serialVersionUID = 3L;

    /** Copies the lists. */
    public PlannedRun {
        values = List.copyOf(values);
        pluginPath = List.copyOf(pluginPath);
    }

    /** A run with the built-in plugins only. */
    public PlannedRun(String id, List<SweptValue> values, String specJson, String specDir, String backend,
                      long memoryBytes, String memory) {
        this(id, values, specJson, specDir, backend, memoryBytes, memory, List.of());
    }

    /** A run on ejml with no memory counted (for tests and hand-made plans). */
    public PlannedRun(String id, List<SweptValue> values, String specJson, String specDir) {
        this(id, values, specJson, specDir, "ejml", 0, "0 B");
    }

    /** The plugin path as paths, for {@code Gdflow.discover}. */
    public List<java.nio.file.Path> pluginPathList() {
        return pluginPath.stream().map(java.nio.file.Path::of).toList();
    }
}
