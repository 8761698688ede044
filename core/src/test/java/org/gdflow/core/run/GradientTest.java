package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The velocity every backend computes is −τ ∇L: checked against central finite differences of the
 * loss for every activation × scaling × trainable set found on the class path.
 */
class GradientTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : GDFLOW.catalog().plugins(PluginKind.BACKEND).keySet()) {
            for (String activation : GDFLOW.catalog().plugins(PluginKind.ACTIVATION).keySet()) {
                for (String scaling : List.of("\"ntk\"", "\"mean-field\"", "{\"name\": \"power\", \"alpha\": 0.75}")) {
                    for (String train : List.of("[\"w\"]", "[\"a\"]", "[\"w\", \"a\"]")) {
                        cases.add(Arguments.of(backend, activation, scaling, train));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void velocityIsMinusTauTimesFiniteDifferenceGradient(String backendName, String activation, String scaling, String train) {
        Spec spec = GDFLOW.spec("""
                { "seed": 3,
                  "data": {"kind": "gaussian", "n": 9, "d": 4, "target": {"kind": "random"}},
                  "model": {"width": 6, "activation": "%s", "scaling": %s, "train": %s,
                            "init": {"a": {"kind": "gaussian"}}},
                  "integrator": {"name": "euler", "dt": 0.1}, "stop": {"max_steps": 1}, "backend": "%s" }
                """.formatted(activation, scaling, train, backendName), null);
        DataSet data = GDFLOW.runner().data(spec);
        NetworkProblem problem = GDFLOW.runner().problem(spec, data);
        double[] theta = GDFLOW.run(spec).initialParameters();
        Backend backend = GDFLOW.catalog().create(spec.backend(), Backend.class);
        try (NetworkKernels kernels = backend.open(problem)) {
            double[] velocity = new double[theta.length];
            double loss = kernels.evaluate(theta, velocity);
            assertEquals(kernels.loss(theta), loss, 1e-14 * loss);
            double[] fd = new double[theta.length];
            double tau = problem.timeScale();
            for (int k = 0; k < theta.length; k++) {
                boolean trained = k < problem.offsetA() ? problem.trainW() : problem.trainA();
                if (!trained) {
                    continue;
                }
                double h = 1e-5 * Math.max(1, Math.abs(theta[k]));
                double keep = theta[k];
                theta[k] = keep + h;
                double plus = kernels.loss(theta);
                theta[k] = keep - h;
                double minus = kernels.loss(theta);
                theta[k] = keep;
                // F_k = −τ ∂L/∂θ_k ≈ −τ (L(θ + h e_k) − L(θ − h e_k)) / 2h
                fd[k] = -tau * (plus - minus) / (2 * h);
            }
            double diff = 0;
            double norm = 0;
            for (int k = 0; k < theta.length; k++) {
                diff += (velocity[k] - fd[k]) * (velocity[k] - fd[k]);
                norm += fd[k] * fd[k];
                if (fd[k] == 0) {
                    assertEquals(0.0, velocity[k], 0.0, "untrained coordinate " + k + " must have zero velocity");
                }
            }
            assertTrue(norm > 0);
            assertTrue(Math.sqrt(diff / norm) <= 1e-6, "relative error " + Math.sqrt(diff / norm));
        }
    }
}
