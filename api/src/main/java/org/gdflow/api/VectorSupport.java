package org.gdflow.api;

import java.util.Locale;

/**
 * Whether this JVM runs SIMD code written with the JDK Vector API, the incubator module
 * {@code jdk.incubator.vector} of Java 17, which a JVM resolves only when started with
 * {@code --add-modules jdk.incubator.vector} (the {@code gdflow} launcher adds it).
 *
 * <p>The built-in activations run their SIMD passes when {@link #enabled()} and their scalar code
 * otherwise, with the same results bit for bit; a run's provenance records {@link #describe()}. A plugin
 * author may test it the same way, and must load a class that uses {@code jdk.incubator.vector} only
 * when it is true (otherwise that class fails to link). The system property {@code gdflow.vector=false}
 * turns the SIMD passes off, for comparisons. The answer is fixed when this class initialises.
 */
public final class VectorSupport {
    /** The module that must be resolved. */
    public static final String MODULE = "jdk.incubator.vector";
    /** The system property that turns the SIMD passes off when set to {@code false}. */
    public static final String PROPERTY = "gdflow.vector";

    /** Lanes of double in the preferred vector shape, or 0 without the module. */
    private static final int LANES = preferredLanes();
    private static final boolean TURNED_OFF = "false".equals(System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT));
    private static final boolean ENABLED = LANES >= 2 && !TURNED_OFF;

    private VectorSupport() {
    }

    /** Whether SIMD passes may run: the module is resolved, its preferred shape has at least 2 lanes of double, and they are not turned off. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Lanes of double in the preferred vector shape (4 with AVX2, 8 with AVX-512), or 0 when the module is not resolved. */
    public static int lanes() {
        return LANES;
    }

    /**
     * One line for provenance: {@code "jdk.incubator.vector, 8 lanes of double"}, or why the scalar
     * code runs ({@code "scalar: jdk.incubator.vector not resolved (java --add-modules jdk.incubator.vector)"},
     * {@code "scalar: gdflow.vector=false"}, {@code "scalar: 1 lane of double"}).
     */
    public static String describe() {
        return describe(LANES, TURNED_OFF);
    }

    /** {@link #describe()} for given lanes and property (package-private for tests). */
    static String describe(int lanes, boolean turnedOff) {
        if (lanes == 0) {
            return "scalar: " + MODULE + " not resolved (java --add-modules " + MODULE + ")";
        }
        if (turnedOff) {
            return "scalar: " + PROPERTY + "=false";
        }
        if (lanes < 2) {
            return "scalar: " + lanes + " lane of double";
        }
        return MODULE + ", " + lanes + " lanes of double";
    }

    /** DoubleVector.SPECIES_PREFERRED.length() by reflection (api itself does not need the module), 0 when it is not resolved. */
    static int preferredLanes() {
        try {
            Class<?> vector = Class.forName(MODULE + ".DoubleVector");
            Object species = vector.getField("SPECIES_PREFERRED").get(null);
            return (Integer) Class.forName(MODULE + ".VectorSpecies").getMethod("length").invoke(species);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return 0;
        }
    }
}
