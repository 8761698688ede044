package org.gdflow.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.SpecJson;

/**
 * What holds at t = 0 for a spec, computed without taking a step ({@code gdflow inspect}): the spectrum
 * of H(0) = τ J(θ(0)) J(θ(0))ᵀ, the rate bound 2 λ_min(M^(1/2) H(0) M^(1/2)), λ0 and the width
 * thresholds when the spec's {@code theory} is on, and the memory a run would take. The numbers are
 * those a run of the same spec records for t = 0 ({@code gram_min_eig_initial}, {@code rate_bound},
 * {@code lambda0}): same data, same θ(0), same backend.
 *
 * @param spec the spec, data files pinned
 * @param backend the backend that computed H(0)
 * @param eigenvalues the n eigenvalues of H(0), ascending
 * @param rateBound 2 λ_min(M^(1/2) H(0) M^(1/2)) over the points with μ_i &gt; 0 (NaN if none)
 * @param theory {@code lambda0}, {@code lambda0_method}, ..., {@code width_thresholds} (empty when theory is off)
 * @param memory the memory estimate of a run on {@code backend}
 * @param wallSeconds the time the inspection took
 */
public record Inspection(Spec spec, String backend, double[] eigenvalues, double rateBound, Map<String, Object> theory,
                         MemoryEstimate memory, double wallSeconds) {
    /** The file {@link #write} always writes. */
    public static final String FILE = "inspect.json";
    /** The file of all eigenvalues, one per line, ascending, no header. */
    public static final String EIGENVALUES_FILE = "eigenvalues.csv";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the array and the map. */
    public Inspection {
        eigenvalues = eigenvalues.clone();
        theory = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(theory));
    }

    /** A copy of the eigenvalues of H(0), ascending. */
    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** λ_min(H(0)), what a run records as {@code gram_min_eig_initial}. */
    public double gramMinEig() {
        return eigenvalues.length == 0 ? Double.NaN : eigenvalues[0];
    }

    /** λ_max(H(0)). */
    public double gramMaxEig() {
        return eigenvalues.length == 0 ? Double.NaN : eigenvalues[eigenvalues.length - 1];
    }

    /** The content of inspect.json (numbers that are not finite become null with a note, as in summary.json). */
    public ObjectNode json() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("n", eigenvalues.length);
        root.put("width", spec.model().width());
        root.put("backend", backend);
        root.put("gram_min_eig_initial", gramMinEig());
        root.put("gram_max_eig_initial", gramMaxEig());
        root.put("rate_bound", rateBound);
        for (Map.Entry<String, Object> e : theory.entrySet()) {
            root.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
        }
        ObjectNode mem = root.putObject("memory");
        mem.put("heap_bytes", memory.bytes());
        mem.put("heap", MemoryEstimate.human(memory.bytes()));
        mem.set("heap_parts", MAPPER.valueToTree(memory.parts()));
        mem.put("native_bytes", memory.nativeBytes());
        mem.set("native_parts", MAPPER.valueToTree(memory.nativeParts()));
        root.put("wall_seconds", wallSeconds);
        root.set("spec", SpecJson.write(spec, backend));
        root.put("gdflow_version", Provenance.version());
        RunWriter.finite(root, "");
        return root;
    }

    /**
     * Writes {@value #FILE} into {@code dir} (created if missing), atomically like summary.json, and with
     * {@code eigenvalues} also {@value #EIGENVALUES_FILE} (written first).
     *
     * @throws GdflowException if the folder or a file cannot be written
     */
    public void write(Path dir, boolean eigenvalues) {
        try {
            Files.createDirectories(dir);
            if (eigenvalues) {
                StringBuilder csv = new StringBuilder();
                for (double value : this.eigenvalues) {
                    csv.append(Double.toString(value)).append('\n');
                }
                RunWriter.writeAtomically(dir.resolve(EIGENVALUES_FILE), csv.toString());
            }
            RunWriter.writeAtomically(dir.resolve(FILE), MAPPER.writeValueAsString(json()) + "\n");
        } catch (IOException | UncheckedIOException e) {
            throw new GdflowException("inspect: cannot write into " + dir + ": " + e.getMessage()
                    + "; choose another folder with --out", e);
        }
    }

    /** A few lines for a person: H(0)'s extreme eigenvalues, λ0 and the thresholds, the memory. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "H(0): lambda_min %.6g, lambda_max %.6g, rate bound %.6g (backend %s)%n",
                gramMinEig(), gramMaxEig(), rateBound, backend));
        if (theory.containsKey("lambda0")) {
            s.append(String.format(Locale.ROOT, "lambda0 %.6g (%s); width %d against the thresholds:", (double) theory.get("lambda0"),
                    theory.get("lambda0_method"), spec.model().width()));
            Object thresholds = theory.get("width_thresholds");
            if (thresholds instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getValue() instanceof Map<?, ?> paper && paper.containsKey("value")) {
                        Object value = paper.get("value");
                        s.append(' ').append(e.getKey()).append(' ')
                                .append(value instanceof Double v ? String.format(Locale.ROOT, "%.3g", v) : "n/a");
                    }
                }
            }
            s.append(String.format("%n"));
        }
        s.append("memory of a run: ").append(memory).append(String.format("%n"));
        return s.toString();
    }
}
