package org.gdflow.core.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.gdflow.api.Activation;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;

/**
 * Times one vector-field evaluation, one rk4 step, the two products of an evaluation alone and the
 * activation pass of a backend on fixed workloads: the harness behind {@code gdflow bench}, and the
 * numbers of docs/PERFORMANCE.md.
 *
 * <p>Each workload is a seeded random problem (x_i uniform on the unit sphere, y_i ~ N(0, 1),
 * mean loss, w_r ~ N(0, I), a_r = ±1, so w_r·x_i ~ N(0, 1)), with σ = tanh (or the activation given), ntk scaling
 * (s = m^−1/2, τ = 1) and both W and a trained; bench/numpy_baseline.py draws the same
 * distributions. A kernel is first warmed up (at least {@link #WARMUP_REPETITIONS} runs and
 * {@link #WARMUP_SECONDS} s, and then until a run allocates less than {@link #WARM_BYTES}, at most
 * {@link #WARMUP_LIMIT_SECONDS} s in all: the backends' SIMD code allocates its vectors until C2 has compiled
 * it, and on a busy machine that can take longer than the two seconds), then timed over at least
 * {@link #MIN_REPETITIONS} runs and {@link #TARGET_SECONDS} s (at most {@link #MAX_REPETITIONS});
 * the median is reported. Work arrays are allocated before timing; the rk4 step is written inline
 * (k1..k4 and the axpys), since the integrators are plugins that core does not depend on. The
 * activation pass runs row by row as in the backends ({@link ActivationRows}); {@code gdflow bench}
 * times it in several fresh JVMs ({@link ActivationForks}), since its speed differs more from one JVM to
 * the next than between the repetitions of one.
 */
public final class VectorFieldBenchmark {
    /** Warm-up: at least this many runs ... */
    public static final int WARMUP_REPETITIONS = 3;
    /** ... and at least this long, in seconds. */
    public static final double WARMUP_SECONDS = 2.0;
    /** Timed: at least this many runs ... */
    public static final int MIN_REPETITIONS = 5;
    /** ... and at least this long, in seconds ... */
    public static final double TARGET_SECONDS = 6.0;
    /** ... but at most this many runs. */
    public static final int MAX_REPETITIONS = 200;
    /** The rk4 step size (small, so θ barely moves over the repetitions). */
    public static final double RK4_STEP = 1e-3;
    /** The seed of the data and of θ. */
    public static final long SEED = 20_240_601L;
    /** Elements of the timed activation pass: the first rows of the workload's Z (at most n·m), as the backends pass them. */
    public static final int ACTIVATION_ELEMENTS = 1 << 16;
    /**
     * A run that allocates this many bytes or more is not warm: the backends' and activations' SIMD code allocates
     * nothing once C2 has compiled it, and at least 6 bytes per element before (a boxed vector of 8 doubles); a line
     * whose timed runs allocate this much per run gets a warning ({@link #allocationWarning}).
     */
    public static final long WARM_BYTES = 1 << 16;
    /** The warm-up waits for a run under {@link #WARM_BYTES} for at most this long in all, in seconds. */
    public static final double WARMUP_LIMIT_SECONDS = 20.0;

    private VectorFieldBenchmark() {
    }

    /**
     * The repetition and time bounds of warm-up and timing (package-private, so tests can time a
     * tiny workload quickly or drive the loop with a fake clock).
     */
    record Timing(int warmupRepetitions, double warmupSeconds, int minRepetitions, double targetSeconds,
            int maxRepetitions, double warmupLimitSeconds) {
        /** The bounds {@code gdflow bench} and docs/PERFORMANCE.md use. */
        static final Timing STANDARD = new Timing(WARMUP_REPETITIONS, WARMUP_SECONDS, MIN_REPETITIONS, TARGET_SECONDS,
                MAX_REPETITIONS, WARMUP_LIMIT_SECONDS);
    }

    /**
     * Times the activation line of a workload: in this JVM ({@link #activationInThisJvm}), or in JVMs
     * started for it ({@link ActivationForks}).
     */
    @FunctionalInterface
    public interface ActivationLine {
        /** The {@link BenchResult#ACTIVATION} result of the workload, named for the backend. */
        BenchResult time(Workload workload, String backendName);
    }

    /**
     * Benchmarks one backend on the given workloads: for each, one vector-field evaluation, one rk4 step,
     * the two products of an evaluation alone (where the backend can run them) with the ratio
     * evaluation / products, and the activation pass on one core, timed in this JVM.
     *
     * @param backend the backend. Not modified.
     * @param backendName its name, for the results
     * @param activation the activation (the plugin a run would use; tanh in docs/PERFORMANCE.md)
     * @param workloads the workloads, in order
     * @param progress receives one line per result as it is measured, and the ratio line (and nothing else); may be null
     * @return per workload: {@link BenchResult#FIELD}, {@link BenchResult#RK4}, {@link BenchResult#PRODUCTS} (if the
     *     backend runs them) and {@link BenchResult#ACTIVATION}
     */
    public static List<BenchResult> run(Backend backend, String backendName, Activation activation, List<Workload> workloads,
            PrintStream progress) {
        return run(backend, backendName, activation, workloads, progress, null);
    }

    /**
     * {@link #run(Backend, String, Activation, List, PrintStream)} with the activation line timed by
     * {@code activationLine} ({@code gdflow bench}: {@link ActivationForks}), or in this JVM if it is null.
     */
    public static List<BenchResult> run(Backend backend, String backendName, Activation activation, List<Workload> workloads,
            PrintStream progress, ActivationLine activationLine) {
        return run(backend, backendName, activation, workloads, progress, Timing.STANDARD, System::nanoTime, activationLine);
    }

    /** {@link #run(Backend, String, Activation, List, PrintStream)} with the given bounds and clock (nanoseconds). */
    static List<BenchResult> run(Backend backend, String backendName, Activation activation, List<Workload> workloads,
            PrintStream progress, Timing timing, LongSupplier clock) {
        return run(backend, backendName, activation, workloads, progress, timing, clock, null);
    }

    private static List<BenchResult> run(Backend backend, String backendName, Activation activation, List<Workload> workloads,
            PrintStream progress, Timing timing, LongSupplier clock, ActivationLine activationLine) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(activation, "activation");
        ActivationLine line = activationLine != null ? activationLine
                : (workload, name) -> activationInThisJvm(workload, name, activation, timing, clock);
        List<BenchResult> results = new ArrayList<>();
        for (Workload workload : workloads) {
            NetworkProblem problem = problem(workload, activation);
            double[] theta = initialTheta(problem);
            try (NetworkKernels kernels = backend.open(problem)) {
                double[] velocity = new double[problem.dimension()];
                BenchResult field = time(workload, backendName, BenchResult.FIELD, 1,
                        () -> kernels.evaluate(theta, velocity), timing, clock);
                report(progress, field, results);
                Rk4 rk4 = new Rk4(kernels, theta);
                report(progress, time(workload, backendName, BenchResult.RK4, 4, rk4::step, timing, clock), results);
                if (kernels.products(theta)) {
                    BenchResult products = time(workload, backendName, BenchResult.PRODUCTS, 1,
                            () -> kernels.products(theta) ? 0 : Double.NaN, timing, clock);
                    report(progress, products, results);
                    if (progress != null) {
                        progress.println(ratioLine(field, products));
                    }
                }
            }
            report(progress, line.time(workload, backendName), results);
        }
        return results;
    }

    /**
     * The activation line timed in this JVM: σ and σ' over the workload's first {@link #ACTIVATION_ELEMENTS}
     * pre-activations (at most n·m), row by row of m as the backends pass them ({@link ActivationRows}).
     */
    static BenchResult activationInThisJvm(Workload workload, String backendName, Activation activation, Timing timing,
            LongSupplier clock) {
        NetworkProblem problem = problem(workload, activation);
        double[] z = preActivations(problem, initialTheta(problem), Math.min(ACTIVATION_ELEMENTS, problem.n() * problem.width()));
        ActivationRows rows = new ActivationRows(z, problem.width());
        return time(workload, backendName, BenchResult.ACTIVATION, 0, () -> rows.pass(activation), timing, clock);
    }

    /** {@code evaluation / products}: how far one evaluation is from the time of its two products alone. */
    static String ratioLine(BenchResult field, BenchResult products) {
        return String.format(Locale.ROOT, "%-7s %-8s %-10s %.2f (evaluation / products, medians)",
                field.workload(), field.backend(), "ratio", field.medianMillis() / products.medianMillis());
    }

    /** The first {@code count} pre-activations z_ir = w_r·x_i of the workload (row by row), as the backends pass them to σ. */
    static double[] preActivations(NetworkProblem problem, double[] theta, int count) {
        int d = problem.d();
        int m = problem.width();
        double[] z = new double[count];
        for (int e = 0; e < count; e++) {
            int i = e / m;
            int r = e % m;
            double sum = 0;
            for (int k = 0; k < d; k++) {
                sum += problem.x()[i * d + k] * theta[r * d + k];
            }
            z[e] = sum;
        }
        return z;
    }

    private static void report(PrintStream progress, BenchResult result, List<BenchResult> results) {
        results.add(result);
        if (progress != null) {
            progress.println(result);
            String warning = allocationWarning(result);
            if (warning != null) {
                progress.println(warning);
            }
            progress.flush();
        }
    }

    /**
     * The line printed under a result that allocated at least {@link #WARM_BYTES} per repetition (warm, the SIMD
     * code of gdflow's backends and activations allocates nothing), or null.
     */
    static String allocationWarning(BenchResult result) {
        if (result.bytesPerRepetition() < WARM_BYTES) {
            return null;
        }
        return "warning: the " + result.kernel() + " line of " + result.backend() + " on " + result.workload() + " allocated "
                + org.gdflow.core.run.MemoryEstimate.human(result.bytesPerRepetition()) + " per repetition: part of it ran SIMD code that the JIT had"
                + " not compiled yet or left boxed, so it reads slow (docs/PERFORMANCE.md, \"Allocation per repetition\");"
                + " run the bench again, on a quieter machine if this repeats";
    }

    /** The seeded problem of a workload: x_i uniform on the unit sphere, y_i ~ N(0, 1), μ_i = 1/n, ntk scaling. */
    public static NetworkProblem problem(Workload workload, Activation activation) {
        int n = workload.n();
        int d = workload.d();
        int m = workload.width();
        SplittableRandom random = new SplittableRandom(SEED);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            double norm2 = 0;
            for (int k = 0; k < d; k++) {
                double v = gaussian(random);
                x[i * d + k] = v;
                norm2 += v * v;
            }
            // x_i = g/|g|, g ~ N(0, I): uniform on the unit sphere
            double inv = 1 / Math.sqrt(norm2);
            for (int k = 0; k < d; k++) {
                x[i * d + k] *= inv;
            }
            y[i] = gaussian(random);
            mu[i] = 1.0 / n;
        }
        // ntk: s = m^−1/2, τ = 1
        return new NetworkProblem(x, y, mu, n, d, m, activation, 1 / Math.sqrt(m), 1.0, true, true);
    }

    /** θ: w_r ~ N(0, I), a_r = ±1 with equal probability, from the seed after the data's. */
    public static double[] initialTheta(NetworkProblem problem) {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        double[] theta = new double[problem.dimension()];
        for (int i = 0; i < problem.offsetA(); i++) {
            theta[i] = gaussian(random);
        }
        for (int i = problem.offsetA(); i < theta.length; i++) {
            theta[i] = random.nextBoolean() ? 1.0 : -1.0;
        }
        return theta;
    }

    /** A standard normal by Box–Muller (SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        // g = √(−2 ln u) cos 2πv
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Warm-up (the minimum runs and seconds, then until a run allocates less than {@link #WARM_BYTES} or the
     * warm-up limit is reached), then the median of timed repetitions; {@code evaluations} field evaluations per run.
     */
    static BenchResult time(Workload workload, String backendName, String kernel, int evaluations, DoubleSupplier run,
            Timing timing, LongSupplier clock) {
        double sink = 0;
        long warmupStart = clock.getAsLong();
        long warmupEnd = warmupStart + (long) (timing.warmupSeconds() * 1e9);
        long warmupLimit = warmupStart + (long) (timing.warmupLimitSeconds() * 1e9);
        long lastRunBytes = 0;
        for (int i = 0; i < timing.warmupRepetitions() || clock.getAsLong() < warmupEnd
                || lastRunBytes >= WARM_BYTES && clock.getAsLong() < warmupLimit; i++) {
            HeapAllocation before = HeapAllocation.now();
            sink += run.getAsDouble();
            lastRunBytes = before.bytesSince();
        }
        double[] millis = new double[timing.maxRepetitions()];
        int count = 0;
        HeapAllocation before = HeapAllocation.now();
        long start = clock.getAsLong();
        long targetEnd = start + (long) (timing.targetSeconds() * 1e9);
        while (count < timing.maxRepetitions() && (count < timing.minRepetitions() || clock.getAsLong() < targetEnd)) {
            long t0 = clock.getAsLong();
            sink += run.getAsDouble();
            millis[count++] = (clock.getAsLong() - t0) / 1e6;
        }
        long allocated = before.bytesSince();
        if (Double.isNaN(sink)) {
            throw new ArithmeticException("the " + kernel + " of " + backendName + " on " + workload.name() + " gave NaN");
        }
        BenchResult timed = result(workload, backendName, kernel, evaluations, Arrays.copyOf(millis, count));
        // bytes per repetition = bytes allocated over the timed repetitions / their count
        return new BenchResult(timed.workload(), timed.backend(), timed.kernel(), timed.medianMillis(), timed.minMillis(),
                timed.gflops(), timed.repetitions(), timed.jvmMedians(), allocated < 0 ? -1 : allocated / count);
    }

    /**
     * The result of timed repetitions: their median (the mean of the two middle ones for an even
     * count), their minimum, GFLOP/s at the median.
     *
     * @param millis the repetitions' wall times in ms, in the order measured (at least one; sorted in place)
     */
    static BenchResult result(Workload workload, String backendName, String kernel, int evaluations, double[] millis) {
        int count = millis.length;
        Arrays.sort(millis);
        double median = count % 2 == 1 ? millis[count / 2] : 0.5 * (millis[count / 2 - 1] + millis[count / 2]);
        // GFLOP/s = evaluations · 4nmd / median seconds / 1e9 (0 evaluations: the activation pass, no GFLOP/s)
        double gflops = evaluations * workload.flopsPerEvaluation() / (median * 1e-3) / 1e9;
        return new BenchResult(workload.name(), backendName, kernel, median, millis[0], gflops, count);
    }

    /** The classical rk4 step, inline, with its arrays allocated once (package-private for its test). */
    static final class Rk4 {
        private final NetworkKernels field;
        private final double[] theta;
        private final double[] k1;
        private final double[] k2;
        private final double[] k3;
        private final double[] k4;
        private final double[] stage;

        Rk4(NetworkKernels field, double[] theta) {
            this.field = field;
            this.theta = theta;
            int dim = theta.length;
            k1 = new double[dim];
            k2 = new double[dim];
            k3 = new double[dim];
            k4 = new double[dim];
            stage = new double[dim];
        }

        /** θ ← θ + h/6 (k1 + 2k2 + 2k3 + k4); returns the loss at the start of the step. */
        double step() {
            double h = RK4_STEP;
            double loss = field.evaluate(theta, k1);
            // stage = θ + h/2 k1
            axpy(theta, 0.5 * h, k1, stage);
            field.evaluate(stage, k2);
            // stage = θ + h/2 k2
            axpy(theta, 0.5 * h, k2, stage);
            field.evaluate(stage, k3);
            // stage = θ + h k3
            axpy(theta, h, k3, stage);
            field.evaluate(stage, k4);
            double c = h / 6;
            for (int i = 0; i < theta.length; i++) {
                // θ += h/6 (k1 + 2 k2 + 2 k3 + k4)
                theta[i] += c * (k1[i] + 2 * (k2[i] + k3[i]) + k4[i]);
            }
            return loss;
        }

        /** out = x + a·v. */
        private static void axpy(double[] x, double a, double[] v, double[] out) {
            for (int i = 0; i < x.length; i++) {
                out[i] = x[i] + a * v[i];
            }
        }
    }
}
