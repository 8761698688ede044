package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.gdflow.api.Integrator;
import org.gdflow.api.Parameter;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.Stepper;
import org.gdflow.api.VectorField;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.plugin.PluginCatalog;
import org.junit.jupiter.api.Test;

/**
 * The stepper owns the step: the time the run reports is what its steps added up to, the time
 * left is handed to it, and the summary counts accepted steps, field evaluations and the
 * stepper's own counts.
 */
class SteppingTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    /** Euler with step min(h, time left), recording the time left it was told at each step. */
    record Clamped(@Parameter(description = "the longest step") double h) {
    }

    private static final List<Double> REMAINING = new ArrayList<>();

    private static Gdflow withClampedEuler() {
        Map<PluginKind, Map<String, Plugin<?, ?>>> plugins = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            plugins.put(kind, new HashMap<>(GDFLOW.catalog().plugins(kind)));
        }
        plugins.get(PluginKind.INTEGRATOR).put("clamped", Plugin.integrator("clamped", "euler, never past the time limit",
                Clamped.class, p -> new Integrator() {
                    @Override
                    public double stepSize() {
                        return p.h();
                    }

                    @Override
                    public Stepper start(VectorField field, RandomGenerator random) {
                        return new Stepper() {
                            private long shortened;

                            @Override
                            public double step(double[] theta, double[] velocity, double remaining) {
                                REMAINING.add(remaining);
                                double h = Math.min(p.h(), remaining);
                                if (h < p.h()) {
                                    shortened++;
                                }
                                for (int k = 0; k < theta.length; k++) {
                                    theta[k] += h * velocity[k];
                                }
                                return h;
                            }

                            @Override
                            public Map<String, Long> counts() {
                                return Map.of("shortened_steps", shortened);
                            }
                        };
                    }
                }));
        return Gdflow.withCatalog(new PluginCatalog(plugins));
    }

    @Test
    void anAdaptiveStepperEndsOnTheTimeLimitAndTheTimeIsTheSumOfItsSteps() {
        Gdflow gdflow = withClampedEuler();
        REMAINING.clear();
        RunResult r = gdflow.run(gdflow.spec(TestSpecs.small("{\"name\": \"clamped\", \"h\": 0.3}", "{\"time\": 1.0}"), null));
        // t = 0, 0.3, 0.6, 3·0.3 = 0.8999999999999999, then a step of 1 − 0.8999999999999999 to 1.0
        assertEquals(List.of(1.0, 0.7, 0.4, 1 - 0.8999999999999999), REMAINING);
        assertArrayEquals(new double[] {0, 0.3, 0.6, 0.8999999999999999, 1.0}, r.trajectory().column("time"), 0.0);
        assertEquals(4, r.steps());
        assertEquals(1.0, r.time(), 0.0);
        assertEquals(RunStatus.TIME_LIMIT, r.status());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("accepted_steps", 4L);
        counts.put("field_evaluations", 5L);
        counts.put("shortened_steps", 1L);
        assertEquals(counts, r.diagnostics().get("integrator_counts"));
        // the same states as built-in euler takes with those steps, computed here step by step
        double[] theta = r.initialParameters();
        double[] velocity = new double[theta.length];
        var problem = GDFLOW.runner().problem(r.spec(), GDFLOW.runner().data(r.spec()));
        try (var kernels = GDFLOW.catalog().create(r.spec().backend(), org.gdflow.api.Backend.class).open(problem)) {
            for (double h : new double[] {0.3, 0.3, 0.3, 1 - 0.8999999999999999}) {
                kernels.evaluate(theta, velocity);
                for (int k = 0; k < theta.length; k++) {
                    theta[k] += h * velocity[k];
                }
            }
        }
        assertArrayEquals(theta, r.finalParameters());
    }

    @Test
    void withoutATimeLimitTheStepperIsToldThatNoTimeIsLeftOut() {
        Gdflow gdflow = withClampedEuler();
        REMAINING.clear();
        RunResult r = gdflow.run(gdflow.spec(TestSpecs.small("{\"name\": \"clamped\", \"h\": 0.3}", "{\"max_steps\": 2}"), null));
        assertEquals(List.of(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY), REMAINING);
        assertEquals(0.6, r.time(), 0.0);
    }

    @Test
    void fieldEvaluationsCountTheLoopsAndTheStagesAndBatchesOfEachMethod() {
        // euler: F(θ0) plus one per step; rk4: F(θ0) plus (3 stages + the loop's) per step;
        // gd with mini-batches: F(θ0) plus one batch field per step (the loss alone is not a field)
        assertEquals(1 + 5, evaluations("{\"name\": \"euler\", \"dt\": 0.1}"));
        assertEquals(1 + 5 * 4, evaluations("{\"name\": \"rk4\", \"dt\": 0.1}"));
        assertEquals(1 + 5, evaluations("{\"name\": \"gd\", \"lr\": 0.1, \"batch_size\": 4}"));
    }

    private static long evaluations(String integrator) {
        RunResult r = GDFLOW.run(GDFLOW.spec(TestSpecs.small(integrator, "{\"max_steps\": 5}"), null));
        @SuppressWarnings("unchecked")
        Map<String, Long> counts = (Map<String, Long>) r.diagnostics().get("integrator_counts");
        assertEquals(5L, counts.get("accepted_steps"));
        assertEquals(List.of("accepted_steps", "field_evaluations"), List.copyOf(counts.keySet()));
        return counts.get("field_evaluations");
    }
}
