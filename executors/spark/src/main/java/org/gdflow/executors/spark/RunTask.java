package org.gdflow.executors.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkFiles;
import org.gdflow.api.Backend;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.study.PlannedRun;
import org.gdflow.study.RunFiles;
import org.gdflow.study.RunOutcome;
import org.gdflow.study.RunWork;

/**
 * What a Spark task does with one {@link ShippedRun}, in whichever JVM it lands: puts the spec's
 * files where the spec can read them, limits the backend to the task's cores and runs
 * {@link RunWork#detached}. Never throws: a failure is a {@link RunOutcome#FAILED} outcome.
 */
final class RunTask {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunTask() {
    }

    /** Runs {@code shipped} with {@code threads} BLAS/Java threads and returns its files. */
    static RunFiles run(ShippedRun shipped, int threads) {
        PlannedRun run = shipped.run();
        Path inputs = null;
        try {
            // the plugin jars from Spark's copies (SparkFiles), not from the driver's plugin path; discovered once per executor JVM
            Gdflow gdflow = shipped.plugins().jars().isEmpty() ? ShippedPlugins.NONE.gdflow(null, null)
                    : shipped.plugins().gdflow(Path.of(SparkFiles.getRootDirectory()).toAbsolutePath(),
                            name -> Path.of(SparkFiles.get(name)).toAbsolutePath());
            limitThreads(gdflow, run.backend(), threads);
            // the spec's files: used in place when this JVM sees them with the same bytes, else written to a temporary folder
            Map<String, String> moved = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> input : shipped.inputs().entrySet()) {
                Path here = ShippedRun.resolve(run, input.getKey());
                if (!sameBytes(here, input.getValue())) {
                    if (inputs == null) {
                        inputs = Files.createTempDirectory("gdflow-inputs-");
                    }
                    Path copy = inputs.resolve(moved.size() + "-" + here.getFileName());
                    Files.write(copy, input.getValue());
                    moved.put(input.getKey(), copy.toAbsolutePath().toString());
                }
            }
            if (moved.isEmpty()) {
                return RunWork.detached(gdflow, run);
            }
            RunFiles files = RunWork.detached(gdflow, withPaths(run, moved));
            return restorePaths(files, moved);
        } catch (IOException | RuntimeException | LinkageError e) {
            return new RunFiles(new RunOutcome(run.id(), RunOutcome.FAILED, "on a Spark executor: " + e), Map.of());
        } finally {
            if (inputs != null) {
                deleteQuietly(inputs);
            }
        }
    }

    private static boolean sameBytes(Path file, byte[] bytes) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes);
        } catch (IOException e) {
            return false;
        }
    }

    /** The run with every file path of its spec replaced as {@code moved} says. */
    private static PlannedRun withPaths(PlannedRun run, Map<String, String> moved) {
        JsonNode spec = ShippedRun.tree(run.specJson());
        for (String pointer : ShippedRun.FILE_POINTERS) {
            JsonNode node = spec.at(pointer);
            if (node.isTextual() && moved.containsKey(node.textValue())) {
                int slash = pointer.lastIndexOf('/');
                ((ObjectNode) spec.at(pointer.substring(0, slash))).put(pointer.substring(slash + 1), moved.get(node.textValue()));
            }
        }
        return new PlannedRun(run.id(), run.values(), spec.toString(), run.specDir(), run.backend(), run.memoryBytes(),
                run.memory(), run.pluginPath());
    }

    /** The run's files with the temporary paths written back as the spec named them (summary.json holds the spec). */
    private static RunFiles restorePaths(RunFiles files, Map<String, String> moved) throws JsonProcessingException {
        Map<String, byte[]> restored = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
            byte[] bytes = file.getValue();
            if (file.getKey().endsWith(".json")) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                for (Map.Entry<String, String> m : moved.entrySet()) {
                    text = text.replace(jsonString(m.getValue()), jsonString(m.getKey()));
                }
                bytes = text.getBytes(StandardCharsets.UTF_8);
            }
            restored.put(file.getKey(), bytes);
        }
        RunOutcome outcome = files.outcome();
        String message = outcome.message();
        for (Map.Entry<String, String> m : moved.entrySet()) {
            message = message.replace(m.getValue(), m.getKey());
        }
        return new RunFiles(new RunOutcome(outcome.id(), outcome.status(), message), restored);
    }

    private static String jsonString(String text) throws JsonProcessingException {
        return MAPPER.writeValueAsString(text);
    }

    /** Limits the threads of the backend a run names ({@code auto}: of every backend), as the local executor does. */
    private static void limitThreads(Gdflow gdflow, String backend, int threads) {
        for (String name : backend.equals("auto") ? gdflow.catalog().plugins(PluginKind.BACKEND).keySet() : java.util.Set.of(backend)) {
            try {
                gdflow.catalog().create(gdflow.catalog().named(PluginKind.BACKEND, name), Backend.class).limitThreads(threads);
            } catch (RuntimeException | LinkageError e) {
                // the run on this backend fails with core's message, or auto picks another
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
