package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gdflow.core.output.OutputFolder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output folders that cannot take a run are refused before any work: read-only, full (a file-size
 * limit, {@code ulimit -f}, in a child process), locked by another run (a child JVM that holds it),
 * or holding another spec's results. Each spec here would run for hours, so a refusal that came
 * after any work could not come in time; each is timed from the moment the run prints its first
 * line (the spec read) to its exit, and must take under a second.
 */
class FolderRefusalTest {
    /** Hours of steps: only a refusal before the work ends in time. */
    private static final String LONG = """
            { "name": "long", "seed": 5,
              "data": {"kind": "sphere", "n": 24, "d": 6, "target": {"kind": "teacher", "width": 3, "activation": "tanh"}},
              "model": {"width": 96, "activation": "tanh", "scaling": "ntk"},
              "integrator": {"name": "rk4", "dt": 0.01},
              "stop": {"max_steps": 1000000000},
              "observe": {"every": 100},
              "backend": "ejml",
              "output": {"parameters": true} }
            """;

    @TempDir
    Path dir;

    /** An outcome, and the seconds from the first line the run printed to its end. */
    record Timed(int status, String out, String err, double secondsAfterStart) {
    }

    /** Runs the CLI in this JVM, timing from its first line of output. */
    private static Timed timed(String... args) {
        long[] firstLine = {0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStream stamping = new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n' && firstLine[0] == 0) {
                    firstLine[0] = System.nanoTime();
                }
                out.write(b);
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(stamping, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
        double seconds = (System.nanoTime() - firstLine[0]) / 1e9;
        return new Timed(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), seconds);
    }

    private Path spec(String text) throws IOException {
        Path spec = dir.resolve("long.json");
        Files.writeString(spec, text);
        return spec;
    }

    private static void assertRefusedInTime(Timed t, String message) {
        assertEquals(2, t.status(), t.out() + t.err());
        assertEquals("gdflow: error: " + message + System.lineSeparator(), t.err());
        assertTrue(t.secondsAfterStart() < 1.0, "refused after " + t.secondsAfterStart() + " s");
        assertFalse(t.out().contains("step "), "no step was taken: " + t.out());
    }

    /** A folder this process cannot write: by its permissions, or (as root, who ignores them) a read-only mount. */
    private static final class ReadOnlyFolder implements AutoCloseable {
        final Path path;
        final String reason;
        private final boolean mounted;

        private ReadOnlyFolder(Path path, String reason, boolean mounted) {
            this.path = path;
            this.reason = reason;
            this.mounted = mounted;
        }

        static ReadOnlyFolder make(Path path) throws IOException, InterruptedException {
            Files.createDirectories(path);
            if (!"root".equals(System.getProperty("user.name"))) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r-xr-xr-x"));
                return new ReadOnlyFolder(path, "Permission denied", false);
            }
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", path.toString())
                    .redirectErrorStream(true).start();
            return mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0 ? new ReadOnlyFolder(path, "Read-only file system", true)
                    : null;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (mounted) {
                new ProcessBuilder("umount", path.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            } else {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void aReadOnlyFolderIsRefusedWithTheOperatingSystemsReason() throws Exception {
        ReadOnlyFolder readOnly = ReadOnlyFolder.make(dir.resolve("ro"));
        Assumptions.assumeTrue(readOnly != null, "as root, a read-only folder needs a read-only mount, which this machine refuses");
        try (readOnly) {
            Path spec = spec(LONG);
            assertRefusedInTime(timed("run", spec.toString(), "--out", readOnly.path.toString()), "cannot write into " + readOnly.path
                    + ": " + readOnly.reason + " (the lock file .gdflow.lock cannot be created); choose another folder with --out");
            assertRefusedInTime(timed("run", spec.toString(), "--out", readOnly.path.resolve("out").toString()), "cannot create the"
                    + " output folder " + readOnly.path.resolve("out") + ": " + readOnly.reason + "; choose another folder with --out");
        }
    }

    @Test
    void aFullDiskIsRefusedByItsProbe() throws Exception {
        Path spec = spec(LONG);
        Path out = dir.resolve("full");
        // a limit of 256 KiB per file, in a child: what a nearly full disk does to a file larger than that
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -f 256; exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", spec.toString(), "--out", out.toString()));
        Process child = new ProcessBuilder(command).start();
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String first = reader.readLine();
        long started = System.nanoTime();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - started) / 1e9;
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(first.startsWith("gdflow run long:"), first);
        assertEquals(2, child.exitValue(), err);
        assertTrue(err.startsWith("gdflow: error: cannot write into " + out + ": File too large (writing a probe of "), err);
        assertTrue(err.strip().endsWith("); free some space or choose another folder with --out"), err);
        assertTrue(seconds < 1.0, "refused after " + seconds + " s");
        assertFalse(Files.exists(out.resolve("trajectory.csv")));
    }

    @Test
    void aFolderLockedByAnotherRunIsRefusedNamingThatProcess() throws Exception {
        Path spec = spec(LONG);
        Path out = dir.resolve("locked");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", spec.toString(), "--out", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Path lock = out.resolve(OutputFolder.LOCK_FILE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String holder = "";
            while (!holder.startsWith("pid " + other.pid() + " ") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                holder = Files.exists(lock) ? Files.readString(lock) : "";
            }
            assertTrue(holder.startsWith("pid " + other.pid() + " on "), holder);
            assertTrue(holder.strip().endsWith(": gdflow run " + spec), holder);
            Timed t = timed("run", spec.toString(), "--out", out.toString());
            assertRefusedInTime(t, out + " is in use by another gdflow run (" + holder.strip() + "); wait for it to end, or choose"
                    + " another folder with --out");
            // resume too
            Timed resume = timed("resume", out.toString());
            assertEquals(2, resume.status(), resume.err());
            assertTrue(resume.err().contains(" is in use by another gdflow run (pid " + other.pid() + " "), resume.err());
        } finally {
            other.destroyForcibly();
            other.waitFor(30, TimeUnit.SECONDS);
        }
        // the lock died with its process, even killed: the folder can be taken again
        OutputFolder.open(out, 10, "the next run").close();
    }

    @Test
    void aFolderOfAnotherSpecIsRefusedNamingTheDifferenceAndForceClearsIt() throws Exception {
        Path spec = spec(LONG.replace("1000000000", "20"));
        Path out = dir.resolve("other");
        assertEquals(0, CliTest.cli("run", spec.toString(), "--out", out.toString()).status());
        Path wider = dir.resolve("wider.json");
        Files.writeString(wider, LONG.replace("\"width\": 96", "\"width\": 64"));
        assertRefusedInTime(timed("run", wider.toString(), "--out", out.toString()), out + " holds the results of another spec"
                + " (model.width: 64 here, 96 there; stop.max_steps: 1000000000 here, 20 there); choose another folder with --out, or"
                + " add --force to clear it first");
        // --force clears it first: no parameter file of the old width is left beside the new summary
        Path shorter = dir.resolve("shorter.json");
        Files.writeString(shorter, LONG.replace("\"width\": 96", "\"width\": 64").replace("1000000000", "20"));
        Timed forced = timed("run", shorter.toString(), "--out", out.toString(), "--force");
        assertEquals(0, forced.status(), forced.err());
        assertTrue(forced.out().contains("  cleared " + out + " first (summary.json, trajectory.csv, params/w0.csv, params/a0.csv,"
                + " params/w.csv, params/a.csv)"), forced.out());
        assertEquals(64, Files.readAllLines(out.resolve("params/w.csv")).size());
        // the same spec again: reported, not run
        Timed again = timed("run", shorter.toString(), "--out", out.toString());
        assertEquals(0, again.status());
        assertTrue(again.out().contains(out + " holds this run finished already (step_limit after 20 steps"), again.out());
    }
}
