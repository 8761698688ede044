package org.gdflow.core.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.error.RunFailedException;
import org.gdflow.core.run.RunStatus;
import org.gdflow.core.run.RunStop;
import org.gdflow.core.run.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trajectory.csv as the run writes it: byte for byte the text of the same rows kept in memory
 * ({@link Trajectory#toCsv}), readable at every row, cut back to a checkpoint's rows on resume.
 */
class TrajectoryFileTest {
    private static final List<String> COLUMNS = List.of("step", "time", "loss", "gram_min_eig");

    @TempDir
    Path dir;

    private static double[] row(long step) {
        return new double[] {step, step * 0.1, 1.0 / (step + 1), step == 2 ? Double.NaN : -step};
    }

    private static List<double[]> rows(int count) {
        List<double[]> rows = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            rows.add(row(k));
        }
        return rows;
    }

    @Test
    void rowsAreOnDiskAsSoonAsRecordedAndMatchTheInMemoryText() throws IOException {
        Path file = dir.resolve("trajectory.csv");
        try (TrajectoryFile t = TrajectoryFile.fresh(file)) {
            t.started(COLUMNS);
            assertEquals("step,time,loss,gram_min_eig\n", Files.readString(file));
            for (double[] row : rows(4)) {
                t.recorded(row);
                // no buffer of gdflow's own: a reader (or a kill) sees every row recorded so far
                assertEquals(new Trajectory(COLUMNS, rows((int) row[0] + 1)).toCsv(), Files.readString(file));
            }
            t.finished(new RunStop(RunStatus.STEP_LIMIT, "done"));
            assertEquals(4, t.rows());
            assertEquals(COLUMNS, t.trajectory().columns());
            assertEquals(0, t.trajectory().rows().size(), "the rows stay on disk");
            List<double[]> seen = new ArrayList<>();
            t.visitTimeLoss(2, (time, loss) -> seen.add(new double[] {time, loss}));
            assertEquals(2, seen.size());
            assertArrayEquals(new double[] {0.2, 1.0 / 3}, seen.get(0), 0.0);
            assertArrayEquals(new double[] {0.30000000000000004, 0.25}, seen.get(1), 0.0);
        }
        // the file reads back to the rows, NaN included
        Trajectory back = Trajectory.read(file);
        assertEquals(COLUMNS, back.columns());
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(row(k), back.rows().get(k), 0.0);
        }
    }

    @Test
    void aTrajectoryThatDoesNotReadBackIsReportedWithItsLine() throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "step,time,loss\n0,0.0,1.0\n1,0.1\n");
        assertEquals(file + " line 3: 2 values for 3 columns", assertThrows(GdflowException.class, () -> Trajectory.read(file)).getMessage());
        Files.writeString(file, "");
        assertEquals(file + ": empty; a trajectory starts with its header line",
                assertThrows(GdflowException.class, () -> Trajectory.read(file)).getMessage());
        Files.writeString(file, "step,time,loss\n0,zero,1.0\n");
        assertEquals("cannot read " + file + ": For input string: \"zero\"",
                assertThrows(GdflowException.class, () -> Trajectory.read(file)).getMessage());
        assertEquals(0, Trajectory.read(Files.writeString(file, "step,time,loss\n")).rows().size());
    }

    @Test
    void aFreshFileReplacesAnOldOne() throws IOException {
        Path file = dir.resolve("trajectory.csv");
        Files.writeString(file, "old,old\n1,2\n3,4\n5,6\n");
        try (TrajectoryFile t = TrajectoryFile.fresh(file)) {
            t.started(COLUMNS);
            t.recorded(row(0));
        }
        assertEquals(new Trajectory(COLUMNS, rows(1)).toCsv(), Files.readString(file));
    }

    @Test
    void aResumedFileIsCutBackToTheCheckpointsRowsAndGoesOn() throws IOException {
        Path file = dir.resolve("trajectory.csv");
        // five rows, then half a row a kill left
        String five = new Trajectory(COLUMNS, rows(5)).toCsv();
        Files.writeString(file, five + "5,0.5,0.16");
        try (TrajectoryFile t = TrajectoryFile.resumed(file, 3)) {
            assertEquals(3, t.rows(), "the checkpoint's rows count before the run starts");
            t.started(COLUMNS);
            assertEquals(new Trajectory(COLUMNS, rows(3)).toCsv(), Files.readString(file));
            t.recorded(row(3));
            t.recorded(row(4));
            assertEquals(5, t.rows());
            List<Double> times = new ArrayList<>();
            t.visitTimeLoss(0, (time, loss) -> times.add(time));
            assertEquals(5, times.size());
        }
        assertEquals(five, Files.readString(file));
    }

    @Test
    void aResumedFileThatDoesNotHoldTheCheckpointsRowsIsRefused() throws IOException {
        Path file = dir.resolve("trajectory.csv");
        assertEquals(file + " is missing; the checkpoint follows 3 of its rows, so the run cannot be resumed: run it again with --force",
                started(file, 3));
        Files.writeString(file, new Trajectory(COLUMNS, rows(2)).toCsv());
        assertEquals(file + " holds 2 rows, but the checkpoint follows 3; the folder was changed: run it again with --force",
                started(file, 3));
        Files.writeString(file, "step,time,loss\n0,0.0,1.0\n");
        assertEquals(file + ": the header is 'step,time,loss', not this run's 'step,time,loss,gram_min_eig'; the folder was changed:"
                + " run it again with --force", started(file, 0));
        Files.writeString(file, "");
        assertEquals(file + ": the header is 'null', not this run's 'step,time,loss,gram_min_eig'; the folder was changed:"
                + " run it again with --force", started(file, 0));
    }

    private static String started(Path file, long rows) {
        try (TrajectoryFile t = TrajectoryFile.resumed(file, rows)) {
            return assertThrows(GdflowException.class, () -> t.started(COLUMNS)).getMessage();
        }
    }

    @Test
    void aRowThatCannotBeWrittenFailsTheRunNamingTheFileAndTheWayOn() {
        Path file = dir.resolve("trajectory.csv");
        TrajectoryFile t = TrajectoryFile.fresh(file);
        t.started(COLUMNS);
        t.close();
        // a closed channel stands for a disk that refuses the write
        RunFailedException e = assertThrows(RunFailedException.class, () -> t.recorded(row(0)));
        assertTrue(e.getMessage().startsWith("cannot append a row to " + file + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the last checkpoint is intact: make room, then resume the run (gdflow resume " + dir + ")"),
                e.getMessage());
        assertThrows(RunFailedException.class, () -> t.finished(new RunStop(RunStatus.STEP_LIMIT, "done")));
        // closing twice is harmless
        t.close();
    }

    @Test
    void aFolderThatIsNotThereCannotHoldTheFile() {
        Path file = dir.resolve("missing/trajectory.csv");
        try (TrajectoryFile t = TrajectoryFile.fresh(file)) {
            RunFailedException e = assertThrows(RunFailedException.class, () -> t.started(COLUMNS));
            assertEquals("cannot open " + file + ": No such file or directory; the last checkpoint is intact: make room, then resume"
                    + " the run (gdflow resume " + dir.resolve("missing") + ")", e.getMessage());
        }
    }
}
