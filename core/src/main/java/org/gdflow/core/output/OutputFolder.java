package org.gdflow.core.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.MemoryEstimate;
import org.gdflow.core.run.RunWriter;

/**
 * A run's output folder, held for one process: created if needed, locked ({@value #LOCK_FILE}, an
 * operating-system lock that dies with its process, even on SIGKILL), and probed by writing a file
 * as large as the run's files will be (at least {@value #MIN_PROBE_BYTES} bytes), so a read-only or
 * full disk fails before any work, with the operating system's reason. Temporary files a killed run
 * left are removed. Closing releases the lock (the lock file stays, naming its last holder).
 */
public final class OutputFolder implements AutoCloseable {
    /** The lock file. */
    public static final String LOCK_FILE = ".gdflow.lock";
    /** The probe file, deleted right after it was written. */
    static final String PROBE_FILE = ".gdflow-probe";
    /** The smallest probe. */
    static final long MIN_PROBE_BYTES = 1 << 20;
    /** The largest probe (beyond it the file system's free space is compared instead). */
    static final long MAX_PROBE_BYTES = 16 << 20;
    /** The files of a run that {@link #clear} removes. */
    static final List<String> RUN_FILES = List.of("summary.json", "trajectory.csv", Checkpoint.FILE_NAME,
            "params/w0.csv", "params/a0.csv", "params/w.csv", "params/a.csv");

    private final Path dir;
    private final FileChannel lockChannel;
    private long probed;

    private OutputFolder(Path dir, FileChannel lockChannel) {
        this.dir = dir;
        this.lockChannel = lockChannel;
    }

    /**
     * Opens {@code dir} for a run whose files take about {@code outputBytes}: creates it, locks it,
     * probes it.
     *
     * @param command what this process is doing, written into the lock file for a process that finds it locked
     * @throws GdflowException if the folder cannot be created or written (with the operating system's reason),
     *     or another process holds it (naming that process)
     */
    public static OutputFolder open(Path dir, long outputBytes, String command) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new GdflowException("cannot create the output folder " + dir + ": " + RunWriter.reason(e)
                    + "; choose another folder with --out");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotWrite(dir, e, "the lock file " + LOCK_FILE + " cannot be created");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw cannotWrite(dir, e, "the lock file " + LOCK_FILE + " cannot be locked");
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw new GdflowException(dir + " is in use by another gdflow run (" + holder + "); wait for it to end,"
                    + " or choose another folder with --out");
        }
        OutputFolder folder = new OutputFolder(dir, channel);
        try {
            folder.describeHolder(command);
            folder.removeTemporaryFiles();
            folder.probe(outputBytes);
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
        return folder;
    }

    private static GdflowException cannotWrite(Path dir, IOException e, String what) {
        return new GdflowException("cannot write into " + dir + ": " + RunWriter.reason(e) + " (" + what
                + "); choose another folder with --out");
    }

    /** What the lock file says about the process that holds it. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(4096);
            channel.read(bytes, 0);
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "a process that has not said which yet" : text.replace('\n', ' ').replace("  ", " ");
        } catch (IOException e) {
            return "a process whose lock file cannot be read";
        }
    }

    private void describeHolder(String command) {
        ProcessHandle self = ProcessHandle.current();
        String text = "pid " + self.pid() + " on " + host() + ", since " + Instant.now() + ": " + command + "\n";
        try {
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            throw cannotWrite(dir, e, "the lock file " + LOCK_FILE + " cannot be written");
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    /** Removes the temporary files an atomic write leaves when its process is killed mid-write. */
    private void removeTemporaryFiles() {
        for (Path folder : List.of(dir, dir.resolve("params"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, RunWriter.TEMP_PREFIX + "*" + RunWriter.TEMP_SUFFIX)) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw cannotWrite(dir, e, "a temporary file left by an earlier run cannot be removed");
            }
        }
    }

    /** Writes and forces a probe of about the run's output size (at least 1 MiB), and compares the free space with the rest. */
    private void probe(long outputBytes) {
        long size = Math.min(Math.max(outputBytes, MIN_PROBE_BYTES), MAX_PROBE_BYTES);
        Path probe = dir.resolve(PROBE_FILE);
        try {
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer block = ByteBuffer.allocate(1 << 16);
                while (probed < size) {
                    block.clear();
                    probed += channel.write(block);
                }
                channel.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw new GdflowException("cannot write into " + dir + ": " + RunWriter.reason(e) + " (writing a probe of "
                    + MemoryEstimate.human(size) + "; the run's files take about " + MemoryEstimate.human(outputBytes)
                    + "); free some space or choose another folder with --out");
        }
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (outputBytes > free) {
                throw new GdflowException("cannot write into " + dir + ": its file system has " + MemoryEstimate.human(free)
                        + " free, and the run's files (trajectory, checkpoint, parameters) take about "
                        + MemoryEstimate.human(outputBytes) + "; free some space or choose another folder with --out");
            }
        } catch (IOException e) {
            // the probe was written; a file system that cannot report its free space is not refused for it
        }
    }

    /** The bytes the probe wrote (and deleted). */
    long probed() {
        return probed;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** A file of the folder. */
    Path file(String name) {
        return dir.resolve(name);
    }

    /** Whether the folder holds any of a run's files. */
    boolean holdsRunFiles() {
        for (String name : RUN_FILES) {
            if (Files.exists(dir.resolve(name))) {
                return true;
            }
        }
        return false;
    }

    /** Removes a run's files (those gdflow writes; anything else is left); returns the names removed. */
    List<String> clear() {
        List<String> removed = new ArrayList<>();
        try {
            for (String name : RUN_FILES) {
                if (Files.deleteIfExists(dir.resolve(name))) {
                    removed.add(name);
                }
            }
            Path params = dir.resolve("params");
            if (Files.isDirectory(params)) {
                try (DirectoryStream<Path> left = Files.newDirectoryStream(params)) {
                    if (!left.iterator().hasNext()) {
                        Files.delete(params);
                    }
                }
            }
            RunWriter.forceDirectory(dir);
        } catch (IOException e) {
            throw cannotWrite(dir, e, "an earlier run's files cannot be removed");
        }
        return removed;
    }

    /** Releases the lock (closing its channel releases it). */
    @Override
    public void close() {
        close(lockChannel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it that is not already on disk
        }
    }
}
