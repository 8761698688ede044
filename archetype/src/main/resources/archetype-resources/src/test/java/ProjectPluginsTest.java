package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gdflow.api.Activation;
import org.gdflow.api.Plugin;
import org.gdflow.api.Stepper;
import org.gdflow.api.VectorField;
import org.junit.jupiter.api.Test;

/** The plugins against what they must give: finite differences, a hand-worked step, and the service file. */
class ProjectPluginsTest {

    @Test
    void theServiceFileNamesTheRegistration() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/org.gdflow.api.PluginRegistration")) {
            assertEquals(ProjectPlugins.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        List<Plugin<?, ?>> plugins = new ArrayList<>();
        new ProjectPlugins().register(plugins::add);
        assertEquals(List.of("swish", "heun"), plugins.stream().map(Plugin::name).toList());
    }

    @Test
    void swishDerivativesMatchCentralDifferences() {
        Activation swish = new SwishActivation(1.5);
        double h = 1e-5;
        for (double z = -8; z <= 8; z += 0.37) {
            assertEquals((swish.value(z + h) - swish.value(z - h)) / (2 * h), swish.derivative(z), 1e-8, "σ'(" + z + ")");
            assertEquals((swish.derivative(z + h) - swish.derivative(z - h)) / (2 * h), swish.secondDerivative(z), 1e-8,
                    "σ''(" + z + ")");
        }
        double[] z = {-1, 0.5, 3};
        double[] value = new double[3];
        double[] derivative = new double[3];
        swish.evaluate(z, value, derivative, 0, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(swish.value(z[i]), value[i]);
            assertEquals(swish.derivative(z[i]), derivative[i]);
        }
        // σ(1) = 1/(1 + e^−1.5) by hand
        assertEquals(1 / (1 + Math.exp(-1.5)), swish.value(1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new SwishActivation.Parameters(0));
    }

    /** dθ/dt = −θ in one dimension. */
    private static final VectorField DECAY = new VectorField() {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public int sampleCount() {
            return 1;
        }

        @Override
        public double evaluate(double[] theta, double[] velocity) {
            velocity[0] = -theta[0];
            return 0.5 * theta[0] * theta[0];
        }

        @Override
        public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
            return evaluate(theta, velocity);
        }

        @Override
        public double loss(double[] theta) {
            return 0.5 * theta[0] * theta[0];
        }
    };

    @Test
    void heunStepsDecayExactlyByItsPolynomialAndConvergesAtOrderTwo() {
        // one step of θ' = −θ multiplies θ by 1 − h + h²/2, so ten steps by its tenth power
        double h = 0.1;
        assertEquals(1 - h + h * h / 2, solve(h, 1), 1e-15);
        assertEquals(Math.pow(1 - h + h * h / 2, 10), solve(h, 10), 1e-14);
        // order 2: the error at t = 1 falls by about 4 when h halves (4.16 from h = 0.1 to 0.05)
        double coarse = Math.abs(solve(0.1, 10) - Math.exp(-1));
        double fine = Math.abs(solve(0.05, 20) - Math.exp(-1));
        assertEquals(4.0, coarse / fine, 0.25);
        assertThrows(IllegalArgumentException.class, () -> new HeunIntegrator.Parameters(-1));
    }

    private static double solve(double h, int steps) {
        Stepper stepper = new HeunIntegrator(h).start(DECAY, new SplittableRandom(1));
        double[] theta = {1};
        double[] velocity = new double[1];
        for (int k = 0; k < steps; k++) {
            DECAY.evaluate(theta, velocity);
            assertEquals(h, stepper.step(theta, velocity, Double.POSITIVE_INFINITY), 0.0, "a step advances the time by h");
        }
        return theta[0];
    }
}
