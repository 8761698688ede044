package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.theory.InfiniteWidthKernel;
import org.junit.jupiter.api.Test;

/**
 * When the end-of-run Gram diagnostics are computed: always while n is at most the limit, above it
 * only when a Gram metric or the theory asks for H. Checked on the 12-point problem against limits
 * of 12 (computed) and 11 (skipped), and against the values of the run itself.
 */
class DiagnosticsTest {
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final Spec SPEC = GDFLOW.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 4}"), null);

    private static Map<String, Object> summarise(Spec spec, int gramLimit) {
        RunResult r = GDFLOW.run(spec);
        NetworkProblem problem = GDFLOW.runner().problem(spec, GDFLOW.runner().data(spec));
        try (NetworkKernels kernels = GDFLOW.catalog().create(spec.backend(), Backend.class).open(problem)) {
            return Diagnostics.summarise(spec, problem, kernels, r.initialParameters(), r.trajectory(), gramLimit);
        }
    }

    @Test
    void theGramDiagnosticsAreComputedUpToTheLimitAndSkippedAboveIt() {
        Map<String, Object> atLimit = summarise(SPEC, 12);
        assertEquals(GDFLOW.run(SPEC).diagnostics().get("gram_min_eig_initial"), atLimit.get("gram_min_eig_initial"));
        assertTrue(atLimit.containsKey("rate_bound"));
        Map<String, Object> above = summarise(SPEC, 11);
        assertFalse(above.containsKey("gram_min_eig_initial"));
        assertFalse(above.containsKey("rate_bound"));
        assertEquals(atLimit.get("rate"), above.get("rate"), "the rate needs no Gram matrix");
    }

    @Test
    void theQuadratureTheSpecNamesIsTheOneUsed() {
        // against H_inf computed directly with the named rule and degree: λ0 depends on them, and the summary says which
        for (String theory : List.of("{\"rule\": \"hermite\", \"quadrature_degree\": 6}", "{\"rule\": \"polar\", \"quadrature_degree\": 3}")) {
            Spec spec = GDFLOW.with(SPEC, "theory", theory);
            Map<String, Object> summary = summarise(spec, 12);
            NetworkProblem problem = GDFLOW.runner().problem(spec, GDFLOW.runner().data(spec));
            InfiniteWidthKernel kernel = new InfiniteWidthKernel(problem.activation(),
                    InfiniteWidthKernel.Rule.valueOf(spec.theory().rule().toUpperCase(java.util.Locale.ROOT)), spec.theory().quadratureDegree());
            double[] hInf = kernel.matrix(problem.x(), problem.n(), problem.d(), true, true);
            double lambda0;
            try (NetworkKernels kernels = GDFLOW.catalog().create(spec.backend(), Backend.class).open(problem)) {
                lambda0 = kernels.symmetricEigen(hInf, null)[0];
            }
            assertEquals(lambda0, (double) summary.get("lambda0"), 1e-12, theory);
            assertEquals(spec.theory().rule(), summary.get("lambda0_quadrature_rule"));
            assertEquals(spec.theory().quadratureDegree(), summary.get("lambda0_quadrature_degree"));
        }
        // a low degree gives another λ0 than the default's: the setting is not ignored
        double coarse = (double) summarise(GDFLOW.with(SPEC, "theory", "{\"rule\": \"hermite\", \"quadrature_degree\": 2}"), 12).get("lambda0");
        double fine = (double) summarise(GDFLOW.with(SPEC, "theory", "true"), 12).get("lambda0");
        assertTrue(Math.abs(coarse - fine) > 1e-6 * fine, coarse + " vs " + fine);
    }

    @Test
    void aboveTheLimitEachGramMetricAndTheTheoryStillAskForThem() {
        double expected = (double) summarise(SPEC, 12).get("gram_min_eig_initial");
        for (String metric : List.of("gram_min_eig", "gram_max_eig", "lin_deviation")) {
            Spec asking = GDFLOW.with(SPEC, "observe.metrics", "[\"" + metric + "\"]");
            assertEquals(expected, (double) summarise(asking, 11).get("gram_min_eig_initial"), 0.0, metric);
        }
        Map<String, Object> theory = summarise(GDFLOW.with(SPEC, "theory", "true"), 11);
        assertEquals(expected, (double) theory.get("gram_min_eig_initial"), 0.0);
        assertTrue(theory.containsKey("lambda0"));
        Spec other = GDFLOW.with(SPEC, "observe.metrics", "[\"max_weight_change\"]");
        assertFalse(summarise(other, 11).containsKey("gram_min_eig_initial"), "a metric without H does not ask for it");
    }
}
