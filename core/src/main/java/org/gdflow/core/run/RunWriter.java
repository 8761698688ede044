package org.gdflow.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.data.NumericCsv;
import org.gdflow.core.spec.SpecJson;

/**
 * Writes a run's files into its output folder: {@code trajectory.csv}, {@code summary.json} and,
 * when asked, {@code params/}. Every file is written to a temporary name and renamed, so a reader
 * never sees half a file; summary.json is written last.
 */
public final class RunWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunWriter() {
    }

    /** Writes all files of {@code result} into {@code dir}, creating it. */
    public static void write(RunResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve("trajectory.csv"), result.trajectory().toCsv());
            if (result.spec().output().parameters()) {
                int m = result.spec().model().width();
                int d = (result.initialParameters().length - m) / m;
                Path params = Files.createDirectories(dir.resolve("params"));
                writeParameters(params, "0", result.initialParameters(), m, d);
                writeParameters(params, "", result.finalParameters(), m, d);
            }
            writeAtomically(dir.resolve("summary.json"), MAPPER.writeValueAsString(summary(result)) + "\n");
        } catch (IOException e) {
            throw new GdflowException("cannot write results into " + dir + ": " + e.getMessage()
                    + "; choose another folder with --out");
        }
    }

    private static void writeParameters(Path dir, String suffix, double[] theta, int m, int d) throws IOException {
        double[] w = java.util.Arrays.copyOfRange(theta, 0, m * d);
        double[] a = java.util.Arrays.copyOfRange(theta, m * d, m * d + m);
        writeAtomically(dir.resolve("w" + suffix + ".csv"), NumericCsv.format(w, m, d));
        writeAtomically(dir.resolve("a" + suffix + ".csv"), NumericCsv.format(a, m, 1));
    }

    /** The content of summary.json. */
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
        return root;
    }

    /** Writes {@code text} (UTF-8) to a temporary file beside {@code target}, then renames it over the target. */
    public static void writeAtomically(Path target, String text) throws IOException {
        writeAtomically(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to a temporary file beside {@code target}, then renames it over the target. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
