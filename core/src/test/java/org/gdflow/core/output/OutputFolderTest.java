package org.gdflow.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gdflow.core.error.GdflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder: made, locked (a second holder is refused, naming the first), probed (a folder
 * that cannot hold the run's files is refused before any work, with the operating system's reason),
 * cleaned of a killed run's temporary files, and cleared of a run's files only.
 */
class OutputFolderTest {
    @TempDir
    Path dir;

    @Test
    void aFolderIsMadeLockedAndNamesItsHolder() throws IOException {
        Path out = dir.resolve("a/b");
        try (OutputFolder folder = OutputFolder.open(out, 10, "gdflow run x.json")) {
            assertEquals(out, folder.dir());
            assertTrue(Files.isDirectory(out));
            String holder = Files.readString(out.resolve(OutputFolder.LOCK_FILE));
            assertTrue(holder.startsWith("pid " + ProcessHandle.current().pid() + " on "), holder);
            assertTrue(holder.endsWith(": gdflow run x.json\n"), holder);
            // the probe is gone once written
            assertFalse(Files.exists(out.resolve(OutputFolder.PROBE_FILE)));

            GdflowException e = assertThrows(GdflowException.class, () -> OutputFolder.open(out, 10, "another"));
            assertEquals(out + " is in use by another gdflow run (" + holder.strip() + "); wait for it to end, or choose another"
                    + " folder with --out", e.getMessage());
        }
        // released on close: the next run takes it and says who it is
        try (OutputFolder again = OutputFolder.open(out, 10, "the next")) {
            assertTrue(Files.readString(out.resolve(OutputFolder.LOCK_FILE)).endsWith(": the next\n"));
        }
    }

    @Test
    void theProbeIsTheRunsFilesBetweenOneAndSixteenMebibytesInBlocksOf64KiB() {
        long block = 1 << 16;
        for (long[] c : new long[][] {{10, 1 << 20}, {3_000_000, 46 * block}, {100_000_000, 16 << 20}}) {
            try (OutputFolder folder = OutputFolder.open(dir, c[0], "run")) {
                assertEquals(c[1], folder.probed(), "a run of " + c[0] + " bytes");
            }
        }
    }

    @Test
    void theLockFileNamesThisHostAndAnEmptyOneSaysSo() throws Exception {
        try (OutputFolder folder = OutputFolder.open(dir, 10, "run")) {
            String holder = Files.readString(dir.resolve(OutputFolder.LOCK_FILE));
            assertTrue(holder.contains(" on " + java.net.InetAddress.getLocalHost().getHostName() + ", since "), holder);
            // a holder that has not written its line yet
            Files.writeString(dir.resolve(OutputFolder.LOCK_FILE), "");
            GdflowException e = assertThrows(GdflowException.class, () -> OutputFolder.open(dir, 10, "another"));
            assertEquals(dir + " is in use by another gdflow run (a process that has not said which yet); wait for it to end, or choose"
                    + " another folder with --out", e.getMessage());
        }
    }

    @Test
    void aRefusedOpenLeavesNoFileOpenAndNoLockHeld() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "counts open files through /proc");
        try (OutputFolder folder = OutputFolder.open(dir, 10, "run")) {
            long before;
            try (var open = Files.list(fds)) {
                before = open.count();
            }
            for (int i = 0; i < 50; i++) {
                assertThrows(GdflowException.class, () -> OutputFolder.open(dir, 10, "another"));
            }
            try (var open = Files.list(fds)) {
                assertTrue(open.count() < before + 10, "50 refusals leave their files open");
            }
        }
        // a probe that fails releases the lock it took: the folder opens at once afterwards
        Files.createDirectories(dir.resolve(OutputFolder.PROBE_FILE).resolve("x"));
        assertThrows(GdflowException.class, () -> OutputFolder.open(dir, 10, "run"));
        Files.delete(dir.resolve(OutputFolder.PROBE_FILE).resolve("x"));
        Files.delete(dir.resolve(OutputFolder.PROBE_FILE));
        OutputFolder.open(dir, 10, "run").close();
    }

    @Test
    void aPathUnderAFileIsRefusedWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        GdflowException e = assertThrows(GdflowException.class, () -> OutputFolder.open(file.resolve("out"), 10, "run"));
        assertEquals("cannot create the output folder " + file.resolve("out") + ": Not a directory; choose another folder with --out",
                e.getMessage());
    }

    @Test
    void aFolderWithLessFreeSpaceThanTheRunsFilesIsRefused() throws IOException {
        long huge = Long.MAX_VALUE / 4;
        GdflowException e = assertThrows(GdflowException.class, () -> OutputFolder.open(dir, huge, "run"));
        String free = e.getMessage();
        assertTrue(free.startsWith("cannot write into " + dir + ": its file system has "), free);
        assertTrue(free.endsWith(" free, and the run's files (trajectory, checkpoint, parameters) take about 2305.8 PB; free some"
                + " space or choose another folder with --out"), free);
        // refused and released: the folder can be opened at once
        OutputFolder.open(dir, 10, "run").close();
    }

    @Test
    void temporaryFilesOfAKilledWriteAreRemovedAndNothingElse() throws IOException {
        Files.createDirectories(dir.resolve("params"));
        Path leftTop = Files.writeString(dir.resolve(".summary.json.1234abcd.gdflow-tmp"), "{half");
        Path leftParams = Files.writeString(dir.resolve("params/.w.csv.99.gdflow-tmp"), "1,");
        Path mine = Files.writeString(dir.resolve(".notes.tmp"), "mine");
        OutputFolder.open(dir, 10, "run").close();
        assertFalse(Files.exists(leftTop));
        assertFalse(Files.exists(leftParams));
        assertTrue(Files.exists(mine));
    }

    @Test
    void clearRemovesTheRunsFilesOnly() throws IOException {
        Files.createDirectories(dir.resolve("params"));
        for (String name : List.of("summary.json", "trajectory.csv", "checkpoint.bin", "params/w0.csv", "params/a.csv", "notes.txt")) {
            Files.writeString(dir.resolve(name), "x");
        }
        try (OutputFolder folder = OutputFolder.open(dir, 10, "run")) {
            assertTrue(folder.holdsRunFiles());
            assertEquals(List.of("summary.json", "trajectory.csv", "checkpoint.bin", "params/w0.csv", "params/a.csv"), folder.clear());
            assertFalse(folder.holdsRunFiles());
            assertFalse(Files.exists(dir.resolve("params")), "an emptied params/ goes too");
            assertTrue(Files.exists(dir.resolve("notes.txt")), "a file gdflow did not write stays");
            assertEquals(List.of(), folder.clear());
        }
        Files.createDirectories(dir.resolve("params"));
        Files.writeString(dir.resolve("params/mine.csv"), "x");
        Files.writeString(dir.resolve("params/w.csv"), "x");
        try (OutputFolder folder = OutputFolder.open(dir, 10, "run")) {
            assertEquals(List.of("params/w.csv"), folder.clear());
            assertTrue(Files.exists(dir.resolve("params/mine.csv")), "a params/ with other files stays");
        }
    }

    @Test
    void aFolderWhoseLockFileCannotBeMadeIsRefusedWithTheReason() throws IOException {
        // a folder where the lock file should be stands for a folder that refuses the file (read-only: see the cli's FolderRefusalTest)
        Files.createDirectories(dir.resolve(OutputFolder.LOCK_FILE));
        GdflowException e = assertThrows(GdflowException.class, () -> OutputFolder.open(dir, 10, "run"));
        assertEquals("cannot write into " + dir + ": Is a directory (the lock file .gdflow.lock cannot be created); choose another"
                + " folder with --out", e.getMessage());
    }

    @Test
    void aProbeThatCannotBeWrittenIsRefusedWithTheReason() throws IOException {
        Files.createDirectories(dir.resolve(OutputFolder.PROBE_FILE));
        GdflowException e = assertThrows(GdflowException.class, () -> OutputFolder.open(dir, 3_000_000, "run"));
        assertEquals("cannot write into " + dir + ": Is a directory (writing a probe of 3.0 MB; the run's files take about 3.0 MB);"
                + " free some space or choose another folder with --out", e.getMessage());
        // the probe is at least 1 MiB and at most 16 MiB, whatever the run's files take
        assertEquals(1 << 20, OutputFolder.MIN_PROBE_BYTES);
        assertEquals(16 << 20, OutputFolder.MAX_PROBE_BYTES);
    }
}
