package org.gdflow.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.gdflow.activations.Tanh;
import org.gdflow.api.Activation;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.backend.ejml.EjmlBackend;
import org.gdflow.core.bench.VectorFieldBenchmark.Timing;
import org.junit.jupiter.api.Test;

/**
 * The numbers behind docs/PERFORMANCE.md: the statistic reported, the warm-up and timing loop (driven
 * by a fake clock), the generated problem and θ, the inline rk4 step, and a real tiny run.
 */
class VectorFieldBenchmarkTest {
    private static final Workload TINY = new Workload("tiny", 2, 3, 5);
    private static final Activation TANH = new Tanh();
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    /**
     * A fake nanosecond clock and a kernel whose k-th call advances it by {@code durations[k]} (the
     * last entry repeating); reading the clock does not advance it.
     */
    static class FakeKernel implements DoubleSupplier, LongSupplier {
        long now = 1_000 * SECOND;
        int calls;
        int nanAt = -1;
        private final long[] durations;

        FakeKernel(long... durations) {
            this.durations = durations;
        }

        @Override
        public long getAsLong() {
            return now;
        }

        @Override
        public double getAsDouble() {
            now += durations[Math.min(calls, durations.length - 1)];
            return calls++ == nanAt ? Double.NaN : 0.25;
        }
    }

    // ---- the statistic ----

    @Test
    void resultOfAnOddCountIsTheMiddleSample() {
        BenchResult r = VectorFieldBenchmark.result(TINY, "b", "field", 1, new double[] {5, 1, 4, 2, 3});
        assertEquals(3.0, r.medianMillis(), 0.0);
        assertEquals(1.0, r.minMillis(), 0.0);
        assertEquals(5, r.repetitions());
        // 1 evaluation · 4·2·5·3 = 120 flops in 3 ms: 4e4 flop/s = 4e-5 GFLOP/s
        assertEquals(4e-5, r.gflops(), 1e-20);
        assertEquals("tiny", r.workload());
        assertEquals("b", r.backend());
        assertEquals("field", r.kernel());
    }

    @Test
    void resultOfAnEvenCountIsTheMeanOfTheTwoMiddleSamples() {
        BenchResult r = VectorFieldBenchmark.result(TINY, "b", "rk4", 4, new double[] {4, 10, 1, 2, 3, 9});
        // sorted 1 2 3 4 9 10: (3 + 4) / 2
        assertEquals(3.5, r.medianMillis(), 0.0);
        assertEquals(1.0, r.minMillis(), 0.0);
        assertEquals(6, r.repetitions());
        // 4 evaluations · 120 flops in 3.5 ms
        assertEquals(480 / 3.5e-3 / 1e9, r.gflops(), 1e-20);
        BenchResult two = VectorFieldBenchmark.result(TINY, "b", "rk4", 1, new double[] {8, 2});
        assertEquals(5.0, two.medianMillis(), 0.0);
        assertEquals(2.0, two.minMillis(), 0.0);
        BenchResult one = VectorFieldBenchmark.result(TINY, "b", "rk4", 1, new double[] {7});
        assertEquals(7.0, one.medianMillis(), 0.0);
        assertEquals(7.0, one.minMillis(), 0.0);
        assertEquals(1, one.repetitions());
    }

    // ---- the warm-up and timing loop ----

    @Test
    void standardBoundsAreTheDocumentedOnes() {
        // docs/PERFORMANCE.md: median of at least 5 timed runs and 6 s after a warm-up of at least 3 runs and 2 s
        assertEquals(new Timing(3, 2.0, 5, 6.0, 200, 20.0), Timing.STANDARD);
    }

    @Test
    void timeWarmsUpForTwoSecondsThenTimesForSix() {
        FakeKernel k = new FakeKernel(SECOND / 2);
        BenchResult r = VectorFieldBenchmark.time(TINY, "b", "field", 1, k, Timing.STANDARD, k);
        // warm-up: 3 runs reach 1.5 s, a 4th reaches 2 s (not < 2 s: stop); timed: 12 runs reach 6 s
        assertEquals(12, r.repetitions());
        assertEquals(4 + 12, k.calls);
        assertEquals(500.0, r.medianMillis(), 0.0);
        assertEquals(500.0, r.minMillis(), 0.0);
        assertEquals(120 / 0.5 / 1e9, r.gflops(), 1e-20);
    }

    @Test
    void slowRunsStopAtTheMinimumCounts() {
        // 3 warm-up runs of 10 s, then timed runs of 3, 1, 5, 2, 4 s
        FakeKernel k = new FakeKernel(10 * SECOND, 10 * SECOND, 10 * SECOND, 3 * SECOND, SECOND, 5 * SECOND, 2 * SECOND,
                4 * SECOND, SECOND);
        BenchResult r = VectorFieldBenchmark.time(TINY, "b", "rk4", 4, k, Timing.STANDARD, k);
        assertEquals(5, r.repetitions());
        assertEquals(3 + 5, k.calls);
        assertEquals(3000.0, r.medianMillis(), 0.0);
        assertEquals(1000.0, r.minMillis(), 0.0);
        // 4 evaluations · 120 flops in 3 s
        assertEquals(480 / 3.0 / 1e9, r.gflops(), 1e-20);
        assertEquals("rk4", r.kernel());
    }

    @Test
    void fastRunsStopAtTheMaximumCount() {
        FakeKernel k = new FakeKernel(MS);
        BenchResult r = VectorFieldBenchmark.time(TINY, "b", "field", 1, k, Timing.STANDARD, k);
        // warm-up: 2000 runs of 1 ms make 2 s; timed: capped at 200 (6000 would fill 6 s)
        assertEquals(200, r.repetitions());
        assertEquals(2000 + 200, k.calls);
        assertEquals(1.0, r.medianMillis(), 0.0);
    }

    @Test
    void timeWithCustomBoundsTakesAnEvenMedian() {
        // one warm-up run of 7 ms, then 4 timed runs of 4, 1, 3, 2 ms
        FakeKernel k = new FakeKernel(7 * MS, 4 * MS, MS, 3 * MS, 2 * MS, 100 * MS);
        BenchResult r = VectorFieldBenchmark.time(TINY, "b", "field", 1, k, new Timing(1, 0.0, 4, 0.0, 200, 0.0), k);
        assertEquals(4, r.repetitions());
        assertEquals(5, k.calls);
        assertEquals(2.5, r.medianMillis(), 0.0);
        assertEquals(1.0, r.minMillis(), 0.0);
    }

    @Test
    void aNaNFromTheKernelIsAnError() {
        FakeKernel inWarmup = new FakeKernel(SECOND);
        inWarmup.nanAt = 0;
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> VectorFieldBenchmark.time(TINY, "ejml", "rk4", 4, inWarmup, Timing.STANDARD, inWarmup));
        assertEquals("the rk4 of ejml on tiny gave NaN", e.getMessage());
        FakeKernel timed = new FakeKernel(SECOND);
        timed.nanAt = 6;
        e = assertThrows(ArithmeticException.class,
                () -> VectorFieldBenchmark.time(TINY, "nd4j", "field", 1, timed, Timing.STANDARD, timed));
        assertEquals("the field of nd4j on tiny gave NaN", e.getMessage());
    }

    // ---- what a timed kernel allocates ----

    /** Where the kernels below put what they allocate, so that escape analysis cannot remove it. */
    static volatile Object kept;

    @Test
    void theBytesAKernelAllocatesOnAnyThreadAreCountedPerRepetition() throws Exception {
        Timing quick = new Timing(2, 0.0, 10, 0.0, 10, 0.0);
        // one array of 2^17 longs per repetition: 2^20 bytes of data and a 16-byte header
        BenchResult here = VectorFieldBenchmark.time(TINY, "b", "field", 1, () -> {
            kept = new long[1 << 17];
            return 0;
        }, quick, System::nanoTime);
        assertTrue(here.bytesPerRepetition() >= (1 << 20) + 16 && here.bytesPerRepetition() < (1 << 20) + 20_000,
                here.toString());
        // the same on a worker thread that lives through the timing, as a backend's pool does
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> 0).get();
            BenchResult onWorker = VectorFieldBenchmark.time(TINY, "b", "field", 1, () -> {
                try {
                    return pool.submit(() -> {
                        kept = new long[1 << 17];
                        return 0.0;
                    }).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, quick, System::nanoTime);
            assertTrue(onWorker.bytesPerRepetition() >= (1 << 20) + 16 && onWorker.bytesPerRepetition() < (1 << 20) + 20_000,
                    onWorker.toString());
        } finally {
            pool.shutdownNow();
        }
        // nothing allocated: what is left is the count's own arrays and the other threads of this JVM, spread over 10 repetitions
        BenchResult none = VectorFieldBenchmark.time(TINY, "b", "field", 1, () -> 0.25, quick, System::nanoTime);
        assertTrue(none.bytesPerRepetition() >= 0 && none.bytesPerRepetition() < 20_000, none.toString());
    }

    @Test
    void aLineThatAllocatesSixtyFourKibibytesPerRepetitionIsWarnedAbout() {
        assertEquals(1 << 16, VectorFieldBenchmark.WARM_BYTES);
        assertEquals(null, VectorFieldBenchmark.allocationWarning(allocating((1 << 16) - 1)));
        assertEquals(null, VectorFieldBenchmark.allocationWarning(allocating(-1)));
        assertEquals("warning: the field line of ejml on medium allocated 65.5 kB per repetition: part of it ran SIMD code that"
                + " the JIT had not compiled yet or left boxed, so it reads slow (docs/PERFORMANCE.md, \"Allocation per"
                + " repetition\"); run the bench again, on a quieter machine if this repeats",
                VectorFieldBenchmark.allocationWarning(allocating(1 << 16)));
    }

    /** A fake kernel that allocates 2^17 bytes (a 2^14-long array) on each of its first {@code allocatingCalls} calls. */
    private static FakeKernel allocatingFirst(int allocatingCalls) {
        return new FakeKernel(SECOND) {
            @Override
            public double getAsDouble() {
                if (calls < allocatingCalls) {
                    kept = new long[1 << 14];
                }
                return super.getAsDouble();
            }
        };
    }

    @Test
    void theWarmUpGoesOnWhileARunAllocatesUpToItsLimit() {
        // minimum: 1 run, 0 s; then while the last run allocated ≥ 64 KiB, until 10 s (one second per run)
        Timing waiting = new Timing(1, 0.0, 5, 0.0, 5, 10.0);
        FakeKernel warmsAtFour = allocatingFirst(4);
        BenchResult warm = VectorFieldBenchmark.time(TINY, "b", "field", 1, warmsAtFour, waiting, warmsAtFour);
        // runs 1-4 allocate, run 5 does not: 5 warm-up runs, then 5 timed ones that allocate nothing
        assertEquals(5 + 5, warmsAtFour.calls);
        assertTrue(warm.bytesPerRepetition() < VectorFieldBenchmark.WARM_BYTES, warm.toString());
        FakeKernel neverWarm = allocatingFirst(Integer.MAX_VALUE);
        BenchResult cold = VectorFieldBenchmark.time(TINY, "b", "field", 1, neverWarm, waiting, neverWarm);
        // the limit: 10 warm-up runs reach 10 s; the timed runs still allocate, and the line says so
        assertEquals(10 + 5, neverWarm.calls);
        assertTrue(cold.bytesPerRepetition() >= 1 << 17, cold.toString());
        FakeKernel noLimit = allocatingFirst(Integer.MAX_VALUE);
        VectorFieldBenchmark.time(TINY, "b", "field", 1, noLimit, new Timing(2, 0.0, 5, 0.0, 5, 0.0), noLimit);
        assertEquals(2 + 5, noLimit.calls);
    }

    private static BenchResult allocating(long bytesPerRepetition) {
        return new BenchResult("medium", "ejml", "field", 70, 65, 60, 20, List.of(), bytesPerRepetition);
    }

    // ---- the problem and θ ----

    @Test
    void problemOfATinyWorkloadHasItsShapesUnitInputsAndNtkScaling() {
        Workload w = new Workload("t", 5, 3, 7);
        NetworkProblem p = VectorFieldBenchmark.problem(w, TANH);
        assertEquals(5, p.n());
        assertEquals(3, p.d());
        assertEquals(7, p.width());
        assertEquals(15, p.x().length);
        assertEquals(5, p.y().length);
        for (int i = 0; i < 5; i++) {
            double norm2 = 0;
            for (int k = 0; k < 3; k++) {
                norm2 += p.x()[i * 3 + k] * p.x()[i * 3 + k];
            }
            assertEquals(1.0, Math.sqrt(norm2), 1e-15, "row " + i);
            // mean loss: μ_i = 1/n
            assertEquals(0.2, p.mu()[i], 0.0);
        }
        // ntk: s = m^(-1/2), τ = 1; W and a trained; the activation given
        assertEquals(1 / Math.sqrt(7), p.outputScale(), 1e-16);
        assertEquals(1.0, p.timeScale(), 0.0);
        assertTrue(p.trainW());
        assertTrue(p.trainA());
        assertSame(TANH, p.activation());
        // seeded: the same problem again
        NetworkProblem again = VectorFieldBenchmark.problem(w, TANH);
        assertArrayEquals(p.x(), again.x(), 0.0);
        assertArrayEquals(p.y(), again.y(), 0.0);
    }

    @Test
    void inputsAreUniformOnTheSphereAndTargetsStandardNormal() {
        int n = 20_000;
        NetworkProblem p = VectorFieldBenchmark.problem(new Workload("t", n, 3, 1), TANH);
        double[] x = p.x();
        // on S^2 each coordinate is uniform on [-1, 1] (Archimedes): P(x_k < t) = (t + 1) / 2
        for (int k = 0; k < 3; k++) {
            for (double t : new double[] {-0.5, 0, 0.5}) {
                int below = 0;
                for (int i = 0; i < n; i++) {
                    if (x[i * 3 + k] < t) {
                        below++;
                    }
                }
                // binomial sd ≤ 0.0036
                assertEquals((t + 1) / 2, below / (double) n, 0.02, "coordinate " + k + " below " + t);
            }
        }
        double[] y = p.y();
        double mean = 0;
        double square = 0;
        for (double v : y) {
            mean += v;
            square += v * v;
        }
        mean /= n;
        square /= n;
        assertEquals(0, mean, 0.035);
        assertEquals(1, square, 0.05);
        // N(0, 1): Φ(-1) = 0.1587, Φ(0) = 0.5, Φ(1) = 0.8413
        assertEquals(0.1587, fractionBelow(y, -1), 0.015);
        assertEquals(0.5, fractionBelow(y, 0), 0.015);
        assertEquals(0.8413, fractionBelow(y, 1), 0.015);
    }

    private static double fractionBelow(double[] values, double t) {
        int below = 0;
        for (double v : values) {
            if (v < t) {
                below++;
            }
        }
        return below / (double) values.length;
    }

    @Test
    void initialThetaIsGaussianWThenRademacherA() {
        NetworkProblem p = VectorFieldBenchmark.problem(new Workload("t", 2, 4, 3000), TANH);
        double[] theta = VectorFieldBenchmark.initialTheta(p);
        assertEquals(3000 * 4 + 3000, theta.length);
        double[] w = java.util.Arrays.copyOf(theta, 12_000);
        int units = 0;
        for (double v : w) {
            if (Math.abs(v) == 1.0) {
                units++;
            }
        }
        assertEquals(0, units, "w should be N(0, 1), not ±1");
        double mean = 0;
        double square = 0;
        for (double v : w) {
            mean += v;
            square += v * v;
        }
        assertEquals(0, mean / w.length, 0.04);
        assertEquals(1, square / w.length, 0.06);
        assertEquals(0.1587, fractionBelow(w, -1), 0.015);
        assertEquals(0.8413, fractionBelow(w, 1), 0.015);
        int plus = 0;
        for (int i = 12_000; i < theta.length; i++) {
            assertEquals(1.0, Math.abs(theta[i]), 0.0, "a_" + (i - 12_000));
            if (theta[i] > 0) {
                plus++;
            }
        }
        // binomial(3000, 1/2): sd 27
        assertEquals(1500, plus, 150);
        // seeded, and from another seed than the data's
        assertArrayEquals(theta, VectorFieldBenchmark.initialTheta(p), 0.0);
    }

    @Test
    void thetaDoesNotRepeatTheDataStream() {
        // x_1 = g/|g| with g the first d normals of the data's seed; θ's first w_r must not be those normals
        NetworkProblem p = VectorFieldBenchmark.problem(new Workload("t", 1, 2, 1), TANH);
        double[] theta = VectorFieldBenchmark.initialTheta(p);
        double[] x = p.x();
        assertNotEquals(x[0] / x[1], theta[0] / theta[1], 1e-9);
    }

    // ---- the inline rk4 step ----

    /** F(θ)_i = −c_i θ_i, loss ½ Σ c_i θ_i², counting evaluations. */
    static class LinearDecay implements NetworkKernels {
        final double[] c;
        int evaluations;

        LinearDecay(double... c) {
            this.c = c;
        }

        @Override
        public double evaluate(double[] theta, double[] velocity) {
            evaluations++;
            double loss = 0;
            for (int i = 0; i < c.length; i++) {
                velocity[i] = -c[i] * theta[i];
                loss += 0.5 * c[i] * theta[i] * theta[i];
            }
            return loss;
        }

        @Override
        public NetworkProblem problem() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int dimension() {
            return c.length;
        }

        @Override
        public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double loss(double[] theta) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void predictions(double[] theta, double[] u) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void gram(double[] theta, double[] gram) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double[] symmetricEigen(double[] symmetric, double[] eigenvectors) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void rk4StepMultipliesALinearDecayByTheTaylorPolynomial() {
        double[] c = {1.0, 30.0, -4.0};
        double[] theta = {0.7, -1.3, 2.0};
        double[] theta0 = theta.clone();
        LinearDecay field = new LinearDecay(c);
        VectorFieldBenchmark.Rk4 rk4 = new VectorFieldBenchmark.Rk4(field, theta);
        double h = VectorFieldBenchmark.RK4_STEP;
        assertEquals(1e-3, h, 0.0);
        double loss0 = 0.5 * (1.0 * 0.49 + 30.0 * 1.69 - 4.0 * 4.0);
        assertEquals(loss0, rk4.step(), 1e-13);
        // one classical rk4 step on θ' = −cθ multiplies θ by 1 + z + z²/2 + z³/6 + z⁴/24, z = −ch
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double z = -c[i] * h;
            expected[i] = theta0[i] * (1 + z + z * z / 2 + z * z * z / 6 + z * z * z * z / 24);
            assertEquals(expected[i], theta[i], 1e-15 * Math.abs(theta0[i]), "theta_" + i);
        }
        assertEquals(4, field.evaluations);
        // the second step starts from the first's end
        double loss1 = 0;
        for (int i = 0; i < 3; i++) {
            loss1 += 0.5 * c[i] * expected[i] * expected[i];
        }
        assertEquals(loss1, rk4.step(), 1e-14);
        assertEquals(8, field.evaluations);
    }

    // ---- run ----

    @Test
    void tinyRunOnEjmlReportsFieldRk4ProductsAndTheActivationPassPerWorkload() {
        Workload a = new Workload("tiny-a", 8, 3, 16);
        Workload b = new Workload("tiny-b", 4, 2, 8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // buffered, not auto-flushed: a line shows only if run flushes it
        PrintStream progress = new PrintStream(new BufferedOutputStream(bytes, 1 << 16), false, StandardCharsets.UTF_8);
        Timing quick = new Timing(1, 0.0, 5, 0.0, 200, 0.0);
        List<BenchResult> results = VectorFieldBenchmark.run(new EjmlBackend(), "ejml", TANH, List.of(a, b), progress, quick,
                System::nanoTime);
        assertEquals(8, results.size());
        String[] kernels = {"field", "rk4", "products", "activation"};
        int[] evaluations = {1, 4, 1, 0};
        for (int i = 0; i < 8; i++) {
            BenchResult r = results.get(i);
            Workload w = i < 4 ? a : b;
            assertEquals(w.name(), r.workload());
            assertEquals(kernels[i % 4], r.kernel());
            assertEquals("ejml", r.backend());
            assertEquals(5, r.repetitions());
            assertTrue(r.minMillis() > 0 && r.minMillis() <= r.medianMillis() && Double.isFinite(r.medianMillis()), r.toString());
            assertEquals(evaluations[i % 4] * 4.0 * w.n() * w.width() * w.d() / (r.medianMillis() / 1000) / 1e9, r.gflops(),
                    1e-12 * r.gflops());
        }
        // each workload: its four results, the ratio line after the products
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> expected = new java.util.ArrayList<>();
        for (int w = 0; w < 2; w++) {
            for (int k = 0; k < 4; k++) {
                // a line, and under it the warning if it allocated a MiB per repetition (cold code may: 5 quick repetitions)
                BenchResult r = results.get(4 * w + k);
                expected.add(r.toString());
                if (r.bytesPerRepetition() >= VectorFieldBenchmark.WARM_BYTES) {
                    expected.add(VectorFieldBenchmark.allocationWarning(r));
                }
                if (k == 2) {
                    expected.add(VectorFieldBenchmark.ratioLine(results.get(4 * w), r));
                }
            }
        }
        assertEquals(expected, lines);
        assertTrue(lines.get(0).startsWith("tiny-a  ejml     field      median "), lines.get(0));
        String rk4 = results.get(5).toString();
        assertTrue(rk4.matches("tiny-b  ejml     rk4        median +[0-9.]+ ms  min +[0-9.]+ ms +[0-9.]+ GFLOP/s  \\(5 reps, [0-9.]+ k?M?B"
                + " allocated per rep\\)"), rk4);
        // without a progress stream: the same results, nothing printed
        List<BenchResult> silent = VectorFieldBenchmark.run(new EjmlBackend(), "ejml", TANH, List.of(b), null, quick,
                System::nanoTime);
        assertEquals(List.of("field", "rk4", "products", "activation"), silent.stream().map(BenchResult::kernel).toList());
    }

    @Test
    void theRatioLineDividesTheMedians() {
        BenchResult field = new BenchResult("medium", "nd4j", "field", 45.0, 40, 1, 5);
        BenchResult products = new BenchResult("medium", "nd4j", "products", 30.0, 29, 1, 5);
        assertEquals("medium  nd4j     ratio      1.50 (evaluation / products, medians)", VectorFieldBenchmark.ratioLine(field, products));
    }

    @Test
    void preActivationsAreTheRowsOfZ() {
        NetworkProblem p = VectorFieldBenchmark.problem(TINY, TANH);
        double[] theta = VectorFieldBenchmark.initialTheta(p);
        double[] z = VectorFieldBenchmark.preActivations(p, theta, 7);
        // element e is z_ir = w_r·x_i with i = e / m, r = e % m (m = 5, d = 3)
        for (int e = 0; e < 7; e++) {
            int i = e / 5;
            int r = e % 5;
            double expected = p.x()[3 * i] * theta[3 * r] + p.x()[3 * i + 1] * theta[3 * r + 1] + p.x()[3 * i + 2] * theta[3 * r + 2];
            assertEquals(expected, z[e], 1e-15, "z_" + e);
        }
    }

    @Test
    void theActivationPassIsTimedOnThePreActivationsAndItsNaNIsReported() {
        Backend plain = problem -> new LinearDecay(new double[problem.dimension()]);
        int[] calls = {0};
        // σ = NaN everywhere: the bench must run the pass and notice
        Activation nan = new Activation() {
            @Override
            public double value(double z) {
                return Double.NaN;
            }

            @Override
            public double derivative(double z) {
                return 0;
            }

            @Override
            public double secondDerivative(double z) {
                return 0;
            }

            @Override
            public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
                calls[0]++;
                // TINY has n·m = 10 pre-activations: two rows of m = 5
                assertEquals(0, from);
                assertEquals(5, to);
                assertEquals(5, z.length);
                Activation.super.evaluate(z, value, derivative, from, to);
            }
        };
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> VectorFieldBenchmark.run(plain, "plain", nan,
                List.of(TINY), null, new Timing(1, 0.0, 2, 0.0, 10, 0.0), System::nanoTime));
        assertEquals("the activation of plain on tiny gave NaN", e.getMessage());
        assertEquals(6, calls[0], "one warm-up run and two timed runs, two rows each");
    }

    @Test
    void anActivationLineGivenTimesTheActivation() {
        Backend plain = problem -> new LinearDecay(new double[problem.dimension()]);
        BenchResult given = new BenchResult("tiny", "plain", "activation", 1, 1, 0, 5, List.of(0.5, 1.0, 2.0));
        List<Workload> asked = new java.util.ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<BenchResult> results = VectorFieldBenchmark.run(plain, "plain", TANH, List.of(TINY), new PrintStream(bytes, true,
                StandardCharsets.UTF_8), (workload, backendName) -> {
                    asked.add(workload);
                    assertEquals("plain", backendName);
                    return given;
                });
        assertEquals(List.of(TINY), asked);
        assertSame(given, results.get(results.size() - 1));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(given.toString(), lines.get(lines.size() - 1));
    }

    @Test
    void aBackendWithoutProductsHasNoProductsLine() {
        Backend plain = problem -> new LinearDecay(new double[problem.dimension()]);
        List<BenchResult> results = VectorFieldBenchmark.run(plain, "plain", TANH, List.of(TINY), null,
                new Timing(1, 0.0, 2, 0.0, 10, 0.0), System::nanoTime);
        assertEquals(List.of("field", "rk4", "activation"), results.stream().map(BenchResult::kernel).toList());
    }

    @Test
    void aBackendGivingNaNFailsTheRunNamingKernelAndWorkload() {
        Backend nan = problem -> new LinearDecay(new double[problem.dimension()]) {
            @Override
            public double evaluate(double[] theta, double[] velocity) {
                return Double.NaN;
            }
        };
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> VectorFieldBenchmark.run(nan, "nanny", TANH,
                List.of(TINY), null, new Timing(1, 0.0, 1, 0.0, 10, 0.0), System::nanoTime));
        assertEquals("the field of nanny on tiny gave NaN", e.getMessage());
    }

    @Test
    void nullBackendOrActivationIsRefused() {
        assertEquals("backend", assertThrows(NullPointerException.class,
                () -> VectorFieldBenchmark.run(null, "x", TANH, List.of(), null)).getMessage());
        assertEquals("activation", assertThrows(NullPointerException.class,
                () -> VectorFieldBenchmark.run(new EjmlBackend(), "x", null, List.of(), null)).getMessage());
        assertEquals(List.of(), VectorFieldBenchmark.run(new EjmlBackend(), "x", TANH, List.of(), null));
    }
}
