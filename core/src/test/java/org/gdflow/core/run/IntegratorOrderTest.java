package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.data.DataSet;
import org.gdflow.core.spec.Spec;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Convergence order of the flow integrators on the network problem, against a tight reference
 * trajectory from an independent integrator (Hipparchus' Dormand–Prince 8(5,3)).
 */
class IntegratorOrderTest {
    private static final double T = 1.0;
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static double referenceLoss;

    @BeforeAll
    static void reference() {
        Spec spec = spec("{\"name\": \"rk4\", \"dt\": 0.1}");
        DataSet data = GDFLOW.runner().data(spec);
        NetworkProblem problem = GDFLOW.runner().problem(spec, data);
        double[] theta0 = GDFLOW.run(spec).initialParameters();
        Backend backend = GDFLOW.catalog().<Backend>create(GDFLOW.catalog().named(PluginKind.BACKEND, "ejml"), Backend.class);
        try (NetworkKernels kernels = backend.open(problem)) {
            OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
                @Override
                public int getDimension() {
                    return theta0.length;
                }

                @Override
                public double[] computeDerivatives(double t, double[] y) {
                    double[] v = new double[y.length];
                    kernels.evaluate(y, v);
                    return v;
                }
            };
            DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-8, 0.5, 1e-14, 1e-14);
            ODEStateAndDerivative end = dp.integrate(ode, new ODEState(0.0, theta0), T);
            referenceLoss = kernels.loss(end.getPrimaryState());
        }
    }

    private static Spec spec(String integrator) {
        return GDFLOW.spec(TestSpecs.small(integrator, "{\"time\": " + T + "}"), null);
    }

    private static double error(String name, double dt) {
        RunResult r = GDFLOW.run(spec("{\"name\": \"" + name + "\", \"dt\": " + dt + "}"));
        assertEquals(RunStatus.TIME_LIMIT, r.status());
        assertEquals(T, r.time(), 1e-12);
        return Math.abs(r.finalLoss() - referenceLoss);
    }

    private static double order(String name, double... dts) {
        // least-squares slope of log(error) against log(dt)
        int k = dts.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double dt : dts) {
            double x = Math.log(dt);
            double y = Math.log(error(name, dt));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (k * sxy - sx * sy) / (k * sxx - sx * sx);
    }

    @Test
    void eulerIsFirstOrder() {
        double order = order("euler", 0.02, 0.01, 0.005, 0.0025);
        assertTrue(Math.abs(order - 1) <= 0.15, "euler order " + order);
    }

    @Test
    void rk4IsFourthOrder() {
        double order = order("rk4", 0.2, 0.1, 0.05, 0.025);
        assertTrue(Math.abs(order - 4) <= 0.3, "rk4 order " + order);
    }

    @Test
    void fullBatchGradientDescentEqualsEuler() {
        RunResult gd = GDFLOW.run(spec("{\"name\": \"gd\", \"lr\": 0.05}"));
        RunResult euler = GDFLOW.run(spec("{\"name\": \"euler\", \"dt\": 0.05}"));
        double[] lg = gd.trajectory().column("loss");
        double[] le = euler.trajectory().column("loss");
        assertEquals(le.length, lg.length);
        assertEquals(21, lg.length);
        for (int i = 0; i < le.length; i++) {
            assertEquals(le[i], lg[i], 1e-12 * Math.abs(le[i]), "step " + i);
        }
        assertEquals(euler.time(), gd.time(), 0.0);
    }
}
