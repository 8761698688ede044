package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.error.GdflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the result files hold and how they are made: JSON without NaN (null, with a note that says
 * why), files with the permissions any program's files get under this umask, written whole or not
 * at all, and the reason of the operating system in every write error.
 */
class RunWriterTest {
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aDivergedRunsNaNLossIsNullWithTheReasonBesideIt() throws IOException {
        // euler with a step far too large: the loss becomes NaN or infinite
        RunResult diverged = GDFLOW.run(GDFLOW.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 1e6}", "{\"max_steps\": 50}"), null));
        assertEquals(RunStatus.DIVERGED, diverged.status());
        ObjectNode summary = RunWriter.summary(diverged);
        String text = summary.toString();
        assertFalse(text.contains("NaN") && text.contains("\"final_loss\":\"NaN\""), text);
        if (!Double.isFinite(diverged.finalLoss())) {
            assertTrue(summary.get("final_loss").isNull(), text);
            assertEquals("not a finite number (" + diverged.finalLoss() + "); " + diverged.message(), summary.get("final_loss_note").asText());
        }
        // the file parses as strict JSON, whatever the numbers were
        RunWriter.writeSummary(diverged, dir);
        JsonNode parsed = MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals("diverged", parsed.get("status").asText());
    }

    @Test
    void aNaNLossIsNullWithTheRunsMessageOnlyWhenTheRunDiverged() {
        RunResult r = GDFLOW.run(GDFLOW.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 1}"), null));
        for (RunStatus status : List.of(RunStatus.DIVERGED, RunStatus.STEP_LIMIT)) {
            RunResult nan = new RunResult(r.spec(), status, "the loss became NaN at step 1", Double.NaN, 1, 0.1, 0.5, r.trajectory(),
                    r.initialParameters(), r.finalParameters(), java.util.Map.of("rate", Double.POSITIVE_INFINITY), r.provenance());
            ObjectNode summary = RunWriter.summary(nan);
            assertTrue(summary.get("final_loss").isNull());
            assertTrue(summary.get("rate").isNull());
            String why = status == RunStatus.DIVERGED ? "; the loss became NaN at step 1" : "";
            assertEquals("not a finite number (NaN)" + why, summary.get("final_loss_note").asText());
            assertEquals("not a finite number (Infinity)" + why, summary.get("rate_note").asText());
        }
    }

    @Test
    void aBufferIsWrittenFromItsPosition() throws IOException {
        byte[] bytes = "..abc..".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        RunWriter.writeAtomically(dir.resolve("b"), java.nio.ByteBuffer.wrap(bytes, 2, 3));
        assertEquals("abc", Files.readString(dir.resolve("b")));
    }

    @Test
    void everyNonFiniteNumberIsNullWithANoteInObjectsAndNullInLists() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("a", Double.NaN);
        root.put("b", 1.5);
        root.putObject("c").put("d", Double.POSITIVE_INFINITY).put("e", "text");
        root.putArray("f").add(1.0).add(Double.NEGATIVE_INFINITY);
        root.putArray("g").addArray().add(Double.NaN);
        RunWriter.finite(root, "");
        assertEquals("{\"a\":null,\"b\":1.5,\"c\":{\"d\":null,\"e\":\"text\",\"d_note\":\"not a finite number (Infinity)\"},"
                + "\"f\":[1.0,null],\"g\":[[null]],\"a_note\":\"not a finite number (NaN)\"}", root.toString());
    }

    @Test
    void filesGetThePermissionsOfAnyOtherProgramsFilesUnderThisUmask() throws IOException {
        Path out = dir.resolve("out");
        GDFLOW.run(GDFLOW.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 3}")
                .replace("\"backend\": \"ejml\"", "\"backend\": \"ejml\", \"output\": {\"parameters\": true}"), null),
                out, ProgressListener.NONE);
        // a file made the ordinary way, with this process's umask: the reference
        Set<PosixFilePermission> ordinary = Files.getPosixFilePermissions(Files.createFile(dir.resolve("ordinary")));
        for (String name : List.of("summary.json", "trajectory.csv", "params/w.csv", "params/a0.csv")) {
            assertEquals(ordinary, Files.getPosixFilePermissions(out.resolve(name)), name);
        }
        assertTrue(ordinary.contains(PosixFilePermission.OWNER_READ));
    }

    @Test
    void anAtomicWriteReplacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("f.txt");
        Files.writeString(target, "old");
        RunWriter.writeAtomically(target, "new text");
        assertEquals("new text", Files.readString(target));
        RunWriter.writeAtomically(target, out -> out.write("streamed".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("streamed", Files.readString(target));
        // content that fails half way leaves the old file as it was
        IOException e = assertThrows(IOException.class, () -> RunWriter.writeAtomically(target, out -> {
            out.write("half".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("streamed", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("f.txt"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFolderThatCannotBeWrittenNamesTheOperatingSystemsReason() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        RunResult result = GDFLOW.run(GDFLOW.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 1}"), null));
        GdflowException e = assertThrows(GdflowException.class, () -> RunWriter.write(result, file.resolve("out")));
        assertEquals("cannot write results into " + file.resolve("out") + ": Not a directory; choose another folder with --out", e.getMessage());
        assertEquals("Permission denied", RunWriter.reason(new java.nio.file.AccessDeniedException("/x")));
        assertEquals("No such file or directory", RunWriter.reason(new java.nio.file.NoSuchFileException("/x")));
        assertEquals("File exists", RunWriter.reason(new java.nio.file.FileAlreadyExistsException("/x")));
        assertEquals("Not a directory", RunWriter.reason(new java.nio.file.NotDirectoryException("/x")));
        assertEquals("Directory not empty", RunWriter.reason(new java.nio.file.DirectoryNotEmptyException("/x")));
        assertEquals("FileSystemLoopException", RunWriter.reason(new java.nio.file.FileSystemLoopException("/x")));
        assertEquals("Read-only file system", RunWriter.reason(new java.nio.file.FileSystemException("/x", null, "Read-only file system")));
        assertEquals("No space left on device", RunWriter.reason(new IOException("No space left on device")));
    }

    @Test
    void aRunWrittenFromMemoryHasAllItsFiles() throws IOException {
        RunResult result = GDFLOW.run(GDFLOW.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 2}")
                .replace("\"backend\": \"ejml\"", "\"backend\": \"ejml\", \"output\": {\"parameters\": true}"), null));
        GDFLOW.write(result, dir.resolve("m"));
        assertEquals(result.trajectory().toCsv(), Files.readString(dir.resolve("m/trajectory.csv")));
        assertEquals(16, Files.readAllLines(dir.resolve("m/params/w.csv")).size());
        assertEquals(result.finalLoss(), MAPPER.readTree(dir.resolve("m/summary.json").toFile()).get("final_loss").asDouble(), 0.0);
    }
}
