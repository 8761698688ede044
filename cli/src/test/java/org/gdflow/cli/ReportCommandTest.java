package org.gdflow.cli;

import static org.gdflow.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.gdflow.cli.CliTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gdflow report DIR}: the printed line, the files, nothing run again, and the refusals with their messages. */
class ReportCommandTest {
    private static final String STUDY = """
            { "name": "widths", "seed": 3,
              "data": {"kind": "sphere", "n": 6, "d": 3, "target": {"kind": "random"}},
              "model": {"width": 8, "activation": "tanh", "scaling": "ntk"},
              "integrator": {"name": "euler", "dt": 0.1},
              "stop": {"max_steps": 3},
              "backend": "ejml",
              "sweep": {"model.width": [4, 8]} }
            """;

    @TempDir
    Path dir;

    @Test
    void reportRedrawsAStudyFolderWithoutRunningIt() throws Exception {
        Path spec = Files.writeString(dir.resolve("widths.json"), STUDY);
        Path out = dir.resolve("out");
        assertEquals(0, cli("run", spec.toString(), "--out", out.toString()).status());
        Path summary = out.resolve("width=4").resolve("summary.json");
        Files.setLastModifiedTime(summary, FileTime.fromMillis(1_000_000_000_000L));
        byte[] bytes = Files.readAllBytes(summary);
        Files.delete(out.resolve("report.html"));
        Files.delete(out.resolve("loss.png"));

        Outcome o = cli("report", out.toString());

        assertEquals(0, o.status(), o.err());
        // loss against t, final_loss and rate against width (gram_min_eig_initial too)
        assertEquals("wrote " + out.resolve("report.html") + " and " + out.resolve("report.md") + " (4 plots, PNG and SVG)\n",
                o.out().replace(System.lineSeparator(), "\n"));
        assertEquals("", o.err());
        assertFalse(o.out().contains("\u001B["));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.isRegularFile(out.resolve("loss.png")));
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(summary));
        assertArrayEquals(bytes, Files.readAllBytes(summary));
        // a single run's folder: a report of one run
        Outcome one = cli("report", out.resolve("width=8").toString());
        assertEquals(0, one.status(), one.err());
        assertEquals("wrote " + out.resolve("width=8").resolve("report.html") + " and " + out.resolve("width=8").resolve("report.md")
                + " (1 plot, PNG and SVG)\n", one.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aFolderThatIsNoResultIsRefusedWithExitTwo() throws Exception {
        Outcome missing = cli("report", dir.resolve("nothing").toString());
        assertEquals(2, missing.status());
        assertEquals("gdflow: error: report: " + dir.resolve("nothing") + " is not a folder; give the folder that 'gdflow run'"
                + " wrote (its --out)\n", missing.err().replace(System.lineSeparator(), "\n"));
        assertEquals("", missing.out());
        Outcome empty = cli("report", dir.toString());
        assertEquals(2, empty.status());
        assertEquals("gdflow: error: report: " + dir + " holds neither index.csv (a study) nor summary.json (a run); give the"
                + " folder that 'gdflow run' wrote (its --out)\n", empty.err().replace(System.lineSeparator(), "\n"));
        Outcome none = cli("report");
        assertEquals(2, none.status());
        assertTrue(none.err().startsWith("gdflow: error: Missing required parameter: 'DIR'"), none.err());
    }
}
