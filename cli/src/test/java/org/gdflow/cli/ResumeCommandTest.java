package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gdflow resume} in this JVM, on folders whose run has ended (the kill and resume of a live run are
 * {@code ResumeAfterKillTest}'s, in child JVMs): the outcome is reported from summary.json with the run's exit
 * status, and the hint names the command that runs it again.
 */
class ResumeCommandTest {
    @TempDir
    Path dir;

    private Path spec() throws IOException {
        Path file = dir.resolve("quick.json");
        Files.writeString(file, CliTest.QUICK);
        return file;
    }

    private static JsonNode summary(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void aFinishedRunIsReportedWithExitZeroAndHowToRunItAgain() throws IOException {
        Path out = dir.resolve("finished");
        assertEquals(0, CliTest.cli("run", spec().toString(), "--out", out.toString(), "--set", "stop={\"max_steps\": 20}").status());
        JsonNode summary = summary(out);
        CliTest.Outcome o = CliTest.cli("resume", out.toString());
        assertEquals(0, o.status(), o.err());
        assertEquals("gdflow resume " + out + System.lineSeparator() + out + " holds this run finished already (step_limit after 20"
                + " steps, t = " + String.format(java.util.Locale.ROOT, "%.6g", summary.get("time").asDouble()) + ": loss "
                + String.format(java.util.Locale.ROOT, "%.6e", summary.get("final_loss").asDouble()) + "); nothing to do (gdflow run"
                + " SPEC --out " + out + " --force runs it again)" + System.lineSeparator(), o.out());
        assertEquals("", o.err());
    }

    @Test
    void aDivergedRunKeepsExitOne() throws IOException {
        Path out = dir.resolve("diverged");
        CliTest.Outcome run = CliTest.cli("run", spec().toString(), "--out", out.toString(),
                "--set", "integrator={\"name\": \"euler\", \"dt\": 400}", "--set", "model.train=[\"w\", \"a\"]",
                "--set", "stop={\"max_steps\": 50}");
        assertEquals(1, run.status(), run.out() + run.err());
        CliTest.Outcome o = CliTest.cli("resume", out.toString());
        assertEquals(1, o.status(), o.out() + o.err());
        assertEquals(true, o.out().contains(out + " holds this run finished already (diverged after "
                + summary(out).get("steps").asLong() + " steps"), o.out());
    }

    @Test
    void aFolderWithoutARunIsNamed() {
        Path missing = dir.resolve("nothere");
        CliTest.Outcome o = CliTest.cli("resume", missing.toString());
        assertEquals(2, o.status());
        assertEquals("gdflow: error: " + missing + " is not a folder; resume takes the output folder of a run (its --out)"
                + System.lineSeparator(), o.err());
    }
}
