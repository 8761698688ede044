package org.gdflow.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.gdflow.core.data.NumericCsv;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.SpecJson;

/**
 * Writes a run's files into its output folder: {@code trajectory.csv}, {@code summary.json} and,
 * when asked, {@code params/} and {@code data/}. Every file is written to a temporary name, forced to disk and
 * renamed, so a reader (or a run killed at any moment) never sees half a file; summary.json is
 * written last. Files are created with the process's umask, as any other program's.
 */
public final class RunWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The prefix and suffix of the temporary files {@link #writeAtomically} makes (a killed run may leave one). */
    public static final String TEMP_PREFIX = ".";
    /** See {@link #TEMP_PREFIX}. */
    public static final String TEMP_SUFFIX = ".gdflow-tmp";

    private RunWriter() {
    }

    /** Writes all files of {@code result} (its trajectory from memory) into {@code dir}, creating it. */
    public static void write(RunResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve("trajectory.csv"), result.trajectory().toCsv());
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        writeResults(result, dir);
    }

    /**
     * Writes what a finished run leaves besides its trajectory: the files the spec's {@code output}
     * asks for, then summary.json, last. A run into a folder, whose trajectory.csv was written as it
     * went, ends with this.
     */
    public static void writeResults(RunResult result, Path dir) {
        writeParameters(result, dir);
        writeData(result, dir);
        writeSummary(result, dir);
    }

    /**
     * Writes {@code data/x.csv} (n×d) and {@code data/y.csv} (n), and {@code data/x_test.csv},
     * {@code data/y_test.csv} for a run with {@code data.test}, when the spec asks for them
     * ({@code output.data}); each atomically. Per-sample weights are the spec's own file and are not copied.
     */
    public static void writeData(RunResult result, Path dir) {
        if (!result.spec().output().data() || result.data() == null) {
            return;
        }
        try {
            Path data = Files.createDirectories(dir.resolve("data"));
            writeData(data, "", result.data());
            if (result.testData() != null) {
                writeData(data, "_test", result.testData());
            }
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    private static void writeData(Path dir, String suffix, org.gdflow.core.data.DataSet set) throws IOException {
        writeAtomically(dir.resolve("x" + suffix + ".csv"), NumericCsv.format(set.x(), set.n(), set.d()));
        writeAtomically(dir.resolve("y" + suffix + ".csv"), NumericCsv.format(set.y(), set.n(), 1));
    }

    /** Writes {@code params/} when the spec asks for it ({@code output.parameters}). */
    public static void writeParameters(RunResult result, Path dir) {
        if (!result.spec().output().parameters()) {
            return;
        }
        try {
            int m = result.spec().model().width();
            int d = (result.initialParameters().length - m) / m;
            Path params = Files.createDirectories(dir.resolve("params"));
            writeParameters(params, "0", result.initialParameters(), m, d);
            writeParameters(params, "", result.finalParameters(), m, d);
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    /** Writes summary.json. */
    public static void writeSummary(RunResult result, Path dir) {
        try {
            writeAtomically(dir.resolve("summary.json"), MAPPER.writeValueAsString(summary(result)) + "\n");
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    /** The error of a folder that cannot be written, with the operating system's reason. */
    public static GdflowException cannotWrite(Path dir, IOException e) {
        return new GdflowException("cannot write results into " + dir + ": " + reason(e) + "; choose another folder with --out");
    }

    /** What went wrong, in the operating system's words: {@code Read-only file system}. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs) {
            String why = fs.getReason();
            if (why == null) {
                why = switch (e.getClass().getSimpleName()) {
                    case "AccessDeniedException" -> "Permission denied";
                    case "NoSuchFileException" -> "No such file or directory";
                    case "FileAlreadyExistsException" -> "File exists";
                    case "NotDirectoryException" -> "Not a directory";
                    case "DirectoryNotEmptyException" -> "Directory not empty";
                    default -> e.getClass().getSimpleName();
                };
            }
            return why;
        }
        return String.valueOf(e.getMessage());
    }

    private static void writeParameters(Path dir, String suffix, double[] theta, int m, int d) throws IOException {
        double[] w = java.util.Arrays.copyOfRange(theta, 0, m * d);
        double[] a = java.util.Arrays.copyOfRange(theta, m * d, m * d + m);
        writeAtomically(dir.resolve("w" + suffix + ".csv"), NumericCsv.format(w, m, d));
        writeAtomically(dir.resolve("a" + suffix + ".csv"), NumericCsv.format(a, m, 1));
    }

    /**
     * The content of summary.json. JSON has no NaN nor infinity: a number that is not finite is
     * written as {@code null}, with {@code <key>_note} beside it saying what it was and why.
     */
    public static ObjectNode summary(RunResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", result.status().label());
        root.put("message", result.message());
        root.put("final_loss", result.finalLoss());
        root.put("steps", result.steps());
        root.put("time", result.time());
        root.put("wall_seconds", result.wallSeconds());
        for (Map.Entry<String, Object> e : result.diagnostics().entrySet()) {
            root.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
        }
        root.set("spec", SpecJson.write(result.spec(), result.provenance().backend()));
        Provenance p = result.provenance();
        ObjectNode provenance = root.putObject("provenance");
        provenance.put("gdflow_version", p.gdflowVersion());
        provenance.put("java_version", p.javaVersion());
        provenance.put("java_vendor", p.javaVendor());
        provenance.put("os", p.os());
        provenance.put("arch", p.arch());
        provenance.put("cores", p.cores());
        provenance.put("simd", p.vector());
        provenance.put("backend", p.backend());
        provenance.put("seed", p.seed());
        provenance.put("start_time", p.startTime().toString());
        ObjectNode versions = provenance.putObject("versions");
        p.versions().forEach(versions::put);
        String why = result.status() == RunStatus.DIVERGED ? "; " + result.message() : "";
        finite(root, why);
        return root;
    }

    /** Replaces every non-finite number under {@code node} by null, with a note beside it; {@code why} ends the notes. */
    static void finite(JsonNode node, String why) {
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode value = object.get(key);
                if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
                    object.putNull(key);
                    object.put(key + "_note", "not a finite number (" + value.asText() + ")" + why);
                } else {
                    finite(value, why);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
                    array.setNull(i);
                } else {
                    finite(value, why);
                }
            }
        }
    }

    /** Writes {@code text} (UTF-8) to a temporary file beside {@code target}, then renames it over the target. */
    public static void writeAtomically(Path target, String text) throws IOException {
        writeAtomically(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code target} (created with the umask's
     * permissions), forces it to disk, renames it over the target and forces the folder's entry,
     * so that after a crash the target is either the old file or the new one, whole.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        writeAtomically(target, ByteBuffer.wrap(bytes));
    }

    /** {@link #writeAtomically(Path, byte[])} of the buffer's remaining bytes. */
    public static void writeAtomically(Path target, ByteBuffer bytes) throws IOException {
        writeAtomically(target, out -> out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining()));
    }

    /** The content of a file, written to a stream (so a large file is never whole in memory). */
    @FunctionalInterface
    public interface Content {
        /** Writes the content; the stream is buffered and closed by the caller. */
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /** {@link #writeAtomically(Path, byte[])} of content written to a stream. */
    public static void writeAtomically(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve(TEMP_PREFIX + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + TEMP_SUFFIX);
        try {
            // CREATE_NEW without explicit permissions: the file gets 0666 less the umask, as files of other programs do
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Forces a folder's entries to disk (a rename is durable once its folder is); a no-op where folders cannot be opened. */
    public static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some systems cannot open a folder for reading; the rename itself is still atomic
        }
    }
}
