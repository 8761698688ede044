package org.gdflow.core.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.error.RunFailedException;
import org.gdflow.core.run.RowHistory;
import org.gdflow.core.run.RunStop;
import org.gdflow.core.run.Trajectory;

/**
 * trajectory.csv, written as the run goes: each recorded row is appended with one write of the
 * whole line, straight to the operating system (no buffer of gdflow's own), so a run killed at any
 * moment loses at most the row being written and the memory does not grow with the run. The
 * end-of-run diagnostics read time and loss back from the file. A resumed run first cuts the file
 * back to the rows its checkpoint follows.
 */
final class TrajectoryFile implements RowHistory, AutoCloseable {
    private final Path file;
    private final long keepRows;
    private List<String> columns = List.of();
    private FileChannel channel;
    private long rows;
    private final StringBuilder line = new StringBuilder(256);

    private TrajectoryFile(Path file, long keepRows) {
        this.file = file;
        this.keepRows = keepRows;
        this.rows = Math.max(keepRows, 0);
    }

    /** A new trajectory.csv (any file there is replaced), written from the run's first row. */
    static TrajectoryFile fresh(Path file) {
        return new TrajectoryFile(file, -1);
    }

    /** The trajectory.csv of a run resumed from a checkpoint that follows {@code rows} rows: later rows are cut off. */
    static TrajectoryFile resumed(Path file, long rows) {
        return new TrajectoryFile(file, rows);
    }

    @Override
    public void started(List<String> columns) {
        this.columns = List.copyOf(columns);
        String header = Trajectory.header(columns);
        try {
            if (keepRows < 0) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                write(header);
            } else {
                long end = endOfRows(header, keepRows);
                channel = FileChannel.open(file, StandardOpenOption.WRITE);
                channel.truncate(end);
                channel.position(end);
            }
        } catch (IOException e) {
            throw failed("open", e);
        }
    }

    /** The byte offset just after row {@code keep}; refuses a file whose header is not this run's or that holds fewer rows. */
    private long endOfRows(String header, long keep) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new GdflowException(file + " is missing; the checkpoint follows " + keep + " of its rows, so the run cannot"
                    + " be resumed: run it again with --force");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null || !(first + "\n").equals(header)) {
                throw new GdflowException(file + ": the header is '" + first + "', not this run's '" + header.strip()
                        + "'; the folder was changed: run it again with --force");
            }
            long offset = first.getBytes(StandardCharsets.UTF_8).length + 1;
            for (long r = 0; r < keep; r++) {
                String row = reader.readLine();
                if (row == null) {
                    throw new GdflowException(file + " holds " + r + " rows, but the checkpoint follows " + keep
                            + "; the folder was changed: run it again with --force");
                }
                // every row trajectory.csv holds is ASCII and ends with one '\n'
                offset += row.length() + 1;
            }
            return offset;
        }
    }

    @Override
    public void recorded(double[] row) {
        line.setLength(0);
        try {
            write(Trajectory.appendRow(line, row).toString());
        } catch (IOException e) {
            throw failed("append a row to", e);
        }
        rows++;
    }

    private void write(String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public void finished(RunStop stop) {
        try {
            // the rows are on disk before any summary says the run ended
            channel.force(false);
        } catch (IOException e) {
            throw failed("force to disk", e);
        }
    }

    private RunFailedException failed(String what, IOException e) {
        return new RunFailedException("cannot " + what + " " + file + ": " + org.gdflow.core.run.RunWriter.reason(e)
                + "; the last checkpoint is intact: make room, then resume the run (gdflow resume " + file.getParent() + ")", e);
    }

    @Override
    public long rows() {
        return rows;
    }

    /** Only the columns: the rows are in the file (read them with {@link Trajectory#read}). */
    @Override
    public Trajectory trajectory() {
        return new Trajectory(columns, List.of());
    }

    @Override
    public void visitTimeLoss(long from, TimeLossVisitor visitor) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.readLine();
            for (long r = 0; r < rows; r++) {
                String row = reader.readLine();
                if (r < from) {
                    continue;
                }
                int a = row.indexOf(',');
                int b = row.indexOf(',', a + 1);
                int c = row.indexOf(',', b + 1);
                visitor.visit(Double.parseDouble(row.substring(a + 1, b)), Double.parseDouble(c < 0 ? row.substring(b + 1) : row.substring(b + 1, c)));
            }
        } catch (NoSuchFileException e) {
            throw new RunFailedException(file + " disappeared while the run was writing it", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing after the rows were forced to disk loses nothing
            }
        }
    }
}
