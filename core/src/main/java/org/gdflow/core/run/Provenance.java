package org.gdflow.core.run;

import java.time.Instant;

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
 */
public record Provenance(String gdflowVersion, String javaVersion, String javaVendor, String os, String arch,
                         int cores, String vector, String backend, long seed, Instant startTime) {

    /** The provenance of a run starting now on this machine. */
    public static Provenance now(String backend, long seed) {
        return new Provenance(version(), System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), org.gdflow.api.VectorSupport.describe(), backend, seed, Instant.now());
    }

    /** The gdflow version from the jar manifest ("dev" when run from classes). */
    public static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
