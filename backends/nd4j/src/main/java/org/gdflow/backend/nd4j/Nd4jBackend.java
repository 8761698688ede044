package org.gdflow.backend.nd4j;

import java.util.Map;
import java.util.Objects;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;

/**
 * The native backend on ND4J's memory and its bundled OpenBLAS/LAPACK, in double precision.
 * Immutable; each {@link #open} makes an {@code Nd4jKernels} that owns the native work arrays of one
 * run (two n×m matrices and a few small ones).
 *
 * <p>The first {@link #open} in a JVM loads the natives and checks them (see {@link #nativeInfo}):
 * it refuses to run, with an {@link IllegalStateException} naming {@code OPENBLAS_CORETYPE}, when
 * that variable selects kernels the CPU cannot execute or when native DGEMM gives wrong results.
 */
public final class Nd4jBackend implements Backend {
    private final Nd4jParameters parameters;

    /** A backend with the default parameters. */
    public Nd4jBackend() {
        this(Nd4jParameters.DEFAULTS);
    }

    /**
     * A backend with the given parameters.
     *
     * @param parameters the parameters. Not modified.
     */
    public Nd4jBackend(Nd4jParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Loads and checks the natives (once per JVM), then allocates the work arrays for one run.
     *
     * @param problem the problem. Not modified; its arrays are shared, X is copied to native memory.
     * @throws IllegalStateException if native BLAS is unusable on this machine (the message says what to set)
     * @throws IllegalArgumentException if an n×m matrix is too large for one native buffer
     */
    @Override
    public NetworkKernels open(NetworkProblem problem) {
        NativeBlas.Status status = NativeBlas.ensureReady();
        return new Nd4jKernels(problem, NativeBlas.threads(status));
    }

    /** Limits OpenBLAS's threads and the Java passes of every later run in this JVM (loads the natives first). */
    @Override
    public void limitThreads(int threads) {
        NativeBlas.limitThreads(threads);
    }

    /**
     * Loads and checks the natives if that has not happened yet, and describes them: the OpenBLAS
     * core type in use ({@code openblas_core}), the {@code OPENBLAS_CORETYPE} variable, the BLAS
     * thread count and the self-check's relative DGEMM error. For benchmark headers and diagnostics.
     *
     * @throws IllegalStateException if native BLAS is unusable on this machine
     */
    public static Map<String, String> nativeInfo() {
        return NativeBlas.describe();
    }
}
