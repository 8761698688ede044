package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gdflow inspect}: the numbers of a run at t = 0, its files, and bad input as {@code run} reports it. */
class InspectCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void inspectRecordsWhatTheRunRecordsAtTimeZero() throws IOException {
        String spec = CliTest.QUICK.replace("\"backend\": \"ejml\",", "\"backend\": \"ejml\", \"theory\": true,");
        Path file = write("quick.json", spec);
        Path inspected = dir.resolve("inspected");
        CliTest.Outcome o = CliTest.cli("inspect", file.toString(), "--out", inspected.toString(), "--eigenvalues");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("H(0): lambda_min "), o.out());
        assertTrue(o.out().contains("lambda0 "), o.out());
        assertTrue(o.out().contains("memory of a run: "), o.out());
        assertTrue(o.out().endsWith("  wrote " + inspected.resolve("inspect.json") + " and " + inspected.resolve("eigenvalues.csv")
                + System.lineSeparator()), o.out());
        // without --eigenvalues: inspect.json alone
        Path plain = dir.resolve("plain");
        CliTest.Outcome p = CliTest.cli("inspect", file.toString(), "--out", plain.toString());
        assertEquals(0, p.status(), p.err());
        assertTrue(p.out().endsWith("  wrote " + plain.resolve("inspect.json") + System.lineSeparator()), p.out());
        assertFalse(Files.exists(plain.resolve("eigenvalues.csv")));
        JsonNode inspect = new ObjectMapper().readTree(inspected.resolve("inspect.json").toFile());
        List<String> eigenvalues = Files.readAllLines(inspected.resolve("eigenvalues.csv"));
        assertEquals(16, eigenvalues.size());
        Path ran = dir.resolve("ran");
        assertEquals(0, CliTest.cli("run", write("one.json", spec.replace("\"max_steps\": 100000", "\"max_steps\": 1")).toString(),
                "--out", ran.toString()).status());
        JsonNode summary = new ObjectMapper().readTree(ran.resolve("summary.json").toFile());
        for (String key : List.of("gram_min_eig_initial", "rate_bound", "lambda0")) {
            assertEquals(summary.get(key).asDouble(), inspect.get(key).asDouble(), 0.0, key);
        }
        assertEquals(summary.get("gram_min_eig_initial").asDouble(), Double.parseDouble(eigenvalues.get(0)), 0.0);
        assertFalse(Files.exists(inspected.resolve("trajectory.csv")), "no step was taken");
    }

    @Test
    void badInputExitsTwoAsRunDoes() throws IOException {
        Path file = write("bad.json", CliTest.QUICK.replace("\"width\": 32", "\"width\": 0"));
        CliTest.Outcome inspect = CliTest.cli("inspect", file.toString(), "--out", dir.resolve("x").toString());
        CliTest.Outcome run = CliTest.cli("run", file.toString(), "--out", dir.resolve("y").toString());
        assertEquals(2, inspect.status());
        assertEquals(run.err(), inspect.err());
        assertTrue(inspect.err().contains("model.width: must be a positive integer, got 0"), inspect.err());
        assertFalse(Files.exists(dir.resolve("x").resolve("inspect.json")));
    }
}
