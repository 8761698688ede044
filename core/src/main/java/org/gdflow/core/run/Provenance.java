package org.gdflow.core.run;

import java.time.Instant;
import java.util.Map;

/**
 * Where a result came from: enough to re-create it from the spec.
 *
 * @param gdflowVersion the gdflow version
 * @param javaVersion the Java runtime version
 * @param javaVendor the Java runtime vendor
 * @param os operating system name and version
 * @param arch CPU architecture
 * @param cores available processors
 * @param vector the SIMD state of the activations' passes, {@link org.gdflow.api.VectorSupport#describe()}
 * @param backend the backend that ran (after {@code auto} was resolved)
 * @param seed the run's seed
 * @param startTime when the run started
 * @param versions gdflow's version and each plugin's the run used, as its checkpoints record them
 *     ({@link PluginVersions#of}: {@code "activation/tanh" → "0.1.0 sha256:…"}, the first 16 hex digits of the
 *     plugin jar's SHA-256), in spec order
 */
public record Provenance(String gdflowVersion, String javaVersion, String javaVendor, String os, String arch,
                         int cores, String vector, String backend, long seed, Instant startTime, Map<String, String> versions) {

    /** Copies the versions, keeping their order. */
    public Provenance {
        versions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
    }

    /** The provenance of a run starting now on this machine, with the given plugin versions. */
    public static Provenance now(String backend, long seed, Map<String, String> versions) {
        return new Provenance(version(), System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), org.gdflow.api.VectorSupport.describe(), backend, seed, Instant.now(),
                versions);
    }

    /** The gdflow version from the jar manifest ("dev" when run from classes). */
    public static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
