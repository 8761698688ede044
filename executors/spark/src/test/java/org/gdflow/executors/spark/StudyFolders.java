package org.gdflow.executors.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gdflow.core.Gdflow;
import org.gdflow.core.plugin.PluginDiscovery;

/** The tests' study specs and the comparison of two study folders. */
final class StudyFolders {
    static final Gdflow GDFLOW = Gdflow.withCatalog(PluginDiscovery.discover());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StudyFolders() {
    }

    /**
     * A small teacher problem (n=6 on S², 8 tanh neurons, 4 gd steps) swept over two seeds and two
     * step sizes, the second of which (lr = 10⁶) diverges.
     */
    static String sweep(String executor) {
        return """
                { "name": "tiny", "seed": 5, %s
                  "sweep": {"seed": [1, 2], "integrator.lr": [0.5, 1e6]},
                  "data": {"kind": "sphere", "n": 6, "d": 3, "target": {"kind": "teacher", "width": 2, "activation": "tanh"}},
                  "model": {"width": 8, "activation": "tanh", "scaling": "ntk", "train": ["w", "a"]},
                  "integrator": {"name": "gd", "lr": 0.5},
                  "stop": {"max_steps": 4},
                  "observe": {"every": 1, "metrics": ["max_weight_change"]},
                  "output": {"parameters": true},
                  "backend": "ejml" }
                """.formatted(executor.isEmpty() ? "" : "\"executor\": " + executor + ",");
    }

    /** Every file of the two folders, by relative path; summary.json without wall time and provenance, the study's tables without wall_seconds columns, the rest byte for byte. */
    static void assertSameFolder(Path expected, Path actual) throws IOException {
        List<String> names = files(expected);
        assertEquals(names, files(actual));
        for (String name : names) {
            byte[] a = Files.readAllBytes(expected.resolve(name));
            byte[] b = Files.readAllBytes(actual.resolve(name));
            if (name.endsWith("summary.json")) {
                assertEquals(withoutWall(a), withoutWall(b), name);
            } else if (!name.contains("/") && name.endsWith(".csv")) {
                assertEquals(withoutWallColumn(a), withoutWallColumn(b), name);
            } else {
                assertArrayEquals(a, b, name);
            }
        }
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(n -> !n.endsWith(".lock")).sorted().toList();
        }
    }

    private static ObjectNode withoutWall(byte[] summary) throws IOException {
        ObjectNode node = (ObjectNode) MAPPER.readTree(summary);
        node.remove("wall_seconds");
        node.remove("provenance");
        return node;
    }

    /** A study table (index.csv, aggregate.csv) with the cells of every wall_seconds column emptied and the wall_seconds rows left out. */
    private static List<String> withoutWallColumn(byte[] csv) {
        List<String> lines = new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        String[] header = lines.get(0).split(",", -1);
        // slopes.csv has a row per quantity: the wall_seconds row is left out
        return lines.stream().filter(line -> line == lines.get(0) || !List.of(line.split(",", -1)).contains("wall_seconds")).map(line -> {
            String[] cells = line.split(",", -1);
            for (int c = 0; c < header.length; c++) {
                if (header[c].contains("wall_seconds")) {
                    cells[c] = "";
                }
            }
            return String.join(",", cells);
        }).toList();
    }
}
