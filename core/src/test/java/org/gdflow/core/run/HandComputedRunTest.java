package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.data.DataSet;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One step of a run worked out by hand: two relu neurons, two data points, every number of the
 * first step derived on paper below. Checked for ntk, mean-field and power scaling, the mean and
 * the sum loss, each trainable set, an euler step and a gd step, on every backend. A wrong τ, s or
 * μ assembled anywhere between the spec and the kernels changes one of these numbers.
 *
 * <p>The derivation (d = 2, m = 2, n = 2, σ = relu):
 * <pre>
 *   x_1 = (1, 2), x_2 = (3, −1), y = (1, 2); w_1(0) = (1, 0), w_2(0) = (0, 1), a(0) = (2, −1)
 *   z_ir = w_r·x_i = [[1, 2], [3, −1]]   σ(z) = [[1, 2], [3, 0]]   σ'(z) = [[1, 1], [1, 0]]
 *   Σ_r a_r σ(z_ir) = (2·1 − 2, 2·3 − 0) = (0, 6)   so f = s·(0, 6) and r = f − y = (−1, 6s − 2)
 *   L = ½ Σ μ_i r_i² = ½ μ (1 + r_2²)                    (μ_1 = μ_2 = μ: ½ for mean, 1 for sum)
 *   ∂L/∂a_r = μ s Σ_i r_i σ(z_ir)                 ⇒ ∂L/∂a = μ s (−1 + 3 r_2, −2)
 *   ∂L/∂w_r = μ s a_r Σ_i r_i σ'(z_ir) x_i        ⇒ ∂L/∂w_1 = 2 μ s (3 r_2 − 1, −2 − r_2),
 *                                                    ∂L/∂w_2 = μ s (1, 2)
 *   velocity = −τ ∇L over the trained parts;  one step of length h: θ(h) = θ(0) + h · velocity
 * </pre>
 */
class HandComputedRunTest {
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final double H = 0.01;
    private static final double[] X = {1, 2, 3, -1};
    private static final double[] Y = {1, 2};
    private static final double[] THETA0 = {1, 0, 0, 1, 2, -1};

    /** A scaling as the spec names it, with s(2) and τ(2) worked out from ARCHITECTURE.md's table. */
    record Scaling(String json, double s, double tau) {
        @Override
        public String toString() {
            return json;
        }
    }

    static Stream<Arguments> cases() {
        List<Scaling> scalings = List.of(
                // ntk: s = m^−½, τ = 1
                new Scaling("\"ntk\"", 1 / Math.sqrt(2), 1),
                // mean-field: s = 1/m, τ = m
                new Scaling("\"mean-field\"", 0.5, 2),
                // power α = 0.75: s = m^−α, τ = m^(2α − 1)
                new Scaling("{\"name\": \"power\", \"alpha\": 0.75}", Math.pow(2, -0.75), Math.sqrt(2)));
        List<Arguments> out = new ArrayList<>();
        for (String backend : GDFLOW.catalog().plugins(PluginKind.BACKEND).keySet()) {
            for (Scaling scaling : scalings) {
                for (String loss : List.of("mean", "sum")) {
                    for (String train : List.of("[\"w\", \"a\"]", "[\"w\"]", "[\"a\"]")) {
                        out.add(Arguments.of(backend, scaling, loss, train));
                    }
                }
            }
        }
        return out.stream();
    }

    /** L = ½ μ (1 + r_2²) with r_1 = −1 and r_2 = 6s − 2 at θ(0). */
    private static double initialLoss(double s, double mu) {
        double r2 = 6 * s - 2;
        return 0.5 * mu * (1 + r2 * r2);
    }

    /** −τ ∇L at θ(0), from the derivation above, with the untrained part zero. */
    private static double[] velocity(double s, double tau, double mu, boolean trainW, boolean trainA) {
        double r2 = 6 * s - 2;
        double[] grad = {
            2 * mu * s * (3 * r2 - 1), 2 * mu * s * (-2 - r2), // ∂L/∂w_1
            mu * s, 2 * mu * s,                                // ∂L/∂w_2
            mu * s * (-1 + 3 * r2), -2 * mu * s                // ∂L/∂a
        };
        double[] v = new double[6];
        for (int k = 0; k < 6; k++) {
            boolean trained = k < 4 ? trainW : trainA;
            v[k] = trained ? -tau * grad[k] : 0;
        }
        return v;
    }

    /** L(θ) for this data, written out directly: ½ Σ_i μ (s Σ_r a_r max(0, w_r·x_i) − y_i)². */
    private static double loss(double[] theta, double s, double mu) {
        double sum = 0;
        for (int i = 0; i < 2; i++) {
            double f = 0;
            for (int r = 0; r < 2; r++) {
                double z = theta[2 * r] * X[2 * i] + theta[2 * r + 1] * X[2 * i + 1];
                f += theta[4 + r] * Math.max(0, z);
            }
            double e = s * f - Y[i];
            sum += 0.5 * mu * e * e;
        }
        return sum;
    }

    private static Spec spec(Path dir, String backend, Scaling scaling, String loss, String train, String integrator)
            throws IOException {
        Files.writeString(dir.resolve("x.csv"), "1,2\n3,-1\n");
        Files.writeString(dir.resolve("y.csv"), "1\n2\n");
        Files.writeString(dir.resolve("w0.csv"), "1,0\n0,1\n");
        Files.writeString(dir.resolve("a0.csv"), "2\n-1\n");
        return GDFLOW.spec("""
                { "name": "by-hand",
                  "data": {"kind": "csv", "x": "x.csv", "y": "y.csv"},
                  "model": {"width": 2, "activation": "relu", "scaling": %s, "train": %s,
                            "init": {"w": {"kind": "csv", "path": "w0.csv"}, "a": {"kind": "csv", "path": "a0.csv"}}},
                  "loss": "%s",
                  "integrator": %s,
                  "stop": {"max_steps": 1},
                  "observe": {"every": 1},
                  "backend": "%s" }
                """.formatted(scaling.json(), train, loss, integrator, backend), dir);
    }

    @ParameterizedTest(name = "{0} {1} {2} train {3}")
    @MethodSource("cases")
    void theKernelsGiveTheHandComputedLossAndVelocity(String backend, Scaling scaling, String loss, String train,
                                                      @TempDir Path dir) throws IOException {
        Spec spec = spec(dir, backend, scaling, loss, train, "{\"name\": \"euler\", \"dt\": " + H + "}");
        double mu = loss.equals("sum") ? 1 : 0.5;
        DataSet data = GDFLOW.runner().data(spec);
        NetworkProblem problem = GDFLOW.runner().problem(spec, data);
        try (NetworkKernels kernels = GDFLOW.catalog().create(spec.backend(), Backend.class).open(problem)) {
            double[] v = new double[6];
            double l0 = kernels.evaluate(THETA0.clone(), v);
            assertEquals(initialLoss(scaling.s(), mu), l0, 1e-15);
            assertArrayEquals(velocity(scaling.s(), scaling.tau(), mu, spec.model().trainW(), spec.model().trainA()), v, 1e-14);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} train {3}")
    @MethodSource("cases")
    void oneEulerStepAndOneGdStepLandOnTheHandComputedParameters(String backend, Scaling scaling, String loss, String train,
                                                                 @TempDir Path dir) throws IOException {
        double mu = loss.equals("sum") ? 1 : 0.5;
        for (String integrator : List.of("{\"name\": \"euler\", \"dt\": " + H + "}", "{\"name\": \"gd\", \"lr\": " + H + "}")) {
            Spec spec = spec(dir, backend, scaling, loss, train, integrator);
            RunResult result = GDFLOW.run(spec);
            double[] v = velocity(scaling.s(), scaling.tau(), mu, spec.model().trainW(), spec.model().trainA());
            double[] expected = new double[6];
            for (int k = 0; k < 6; k++) {
                // θ(h) = θ(0) + h · (−τ ∇L(θ(0)))
                expected[k] = THETA0[k] + H * v[k];
            }
            assertEquals(RunStatus.STEP_LIMIT, result.status(), integrator);
            assertEquals(1, result.steps(), integrator);
            assertEquals(H, result.time(), 1e-18, integrator);
            assertArrayEquals(THETA0, result.initialParameters(), 0.0, integrator);
            assertArrayEquals(expected, result.finalParameters(), 1e-15, integrator);
            Trajectory t = result.trajectory();
            assertArrayEquals(new double[] {0, 1}, t.column("step"), 0.0, integrator);
            assertArrayEquals(new double[] {0, H}, t.column("time"), 1e-18, integrator);
            assertEquals(initialLoss(scaling.s(), mu), t.column("loss")[0], 1e-15, integrator);
            assertEquals(loss(expected, scaling.s(), mu), t.column("loss")[1], 1e-14, integrator);
            assertEquals(loss(expected, scaling.s(), mu), result.finalLoss(), 1e-14, integrator);
        }
    }
}
