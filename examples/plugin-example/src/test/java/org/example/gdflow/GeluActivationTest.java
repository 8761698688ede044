package org.example.gdflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.api.Activation;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.junit.jupiter.api.Test;

/** gelu against tabulated values of Φ and against finite differences of itself; the service file against the registration. */
class GeluActivationTest {
    private final Activation gelu = new GeluActivation();

    @Test
    void phiMatchesTabulatedValues() {
        // Φ(z) to 20 digits (the series Φ = ½ + φ Σ z^(2k+1)/(2k+1)!! in 50-digit arithmetic; they agree with printed tables)
        double[][] table = {
            {0, 0.5}, {0.3, 0.61791142218895263307}, {1, 0.84134474606854294859}, {-1, 0.15865525393145705141},
            {-2.3, 0.010724110021675810424}, {2.5, 0.99379033467422386483}, {-2.5, 0.0062096653257761351670},
            {3, 0.99865010196836990547}, {-3, 0.0013498980316300945267}, {-5, 2.8665157187919391167e-7},
            {-8, 6.2209605742717841235e-16}};
        for (double[] row : table) {
            double z = row[0];
            double phi = GeluActivation.cdf(z, GeluActivation.density(z));
            assertEquals(row[1], phi, 4e-14 * row[1], "Φ(" + z + ")");
            assertEquals(z * row[1], gelu.value(z), 4e-14 * Math.abs(z * row[1]) + 1e-300, "σ(" + z + ")");
        }
    }

    @Test
    void derivativesMatchCentralDifferences() {
        // (f(z+h) − f(z−h))/2h has error h² f'''/6: with h = 1e-5 about 1e-10, rounding about 1e-11
        double h = 1e-5;
        for (double z = -6; z <= 6; z += 0.173) {
            double d1 = (gelu.value(z + h) - gelu.value(z - h)) / (2 * h);
            double d2 = (gelu.derivative(z + h) - gelu.derivative(z - h)) / (2 * h);
            assertEquals(d1, gelu.derivative(z), 1e-8, "σ'(" + z + ")");
            assertEquals(d2, gelu.secondDerivative(z), 1e-8, "σ''(" + z + ")");
        }
        // both sides of the switch from series to continued fraction
        for (double z : new double[] {-2.5 - 1e-9, -2.5 + 1e-9, 2.5 - 1e-9, 2.5 + 1e-9}) {
            assertEquals((gelu.value(z + h) - gelu.value(z - h)) / (2 * h), gelu.derivative(z), 1e-8, "σ'(" + z + ")");
        }
    }

    @Test
    void evaluateGivesValueAndDerivativeBitForBit() {
        double[] z = {-7, -2.5, -1, -0.1, 0, 0.4, 2.5, 2.6, 9};
        double[] value = new double[z.length];
        double[] derivative = new double[z.length];
        gelu.evaluate(z, value, derivative, 1, z.length - 1);
        assertEquals(0.0, value[0]);
        assertEquals(0.0, value[z.length - 1]);
        for (int i = 1; i < z.length - 1; i++) {
            assertEquals(gelu.value(z[i]), value[i], "σ(" + z[i] + ")");
            assertEquals(gelu.derivative(z[i]), derivative[i], "σ'(" + z[i] + ")");
        }
    }

    @Test
    void theServiceFileNamesTheRegistrationWhichRegistersGeluAndDopri5() throws IOException {
        String services;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/org.gdflow.api.PluginRegistration")) {
            services = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertEquals(ExamplePlugins.class.getName(), services);
        List<Plugin<?, ?>> plugins = new ArrayList<>();
        new ExamplePlugins().register(plugins::add);
        assertEquals(2, plugins.size());
        assertEquals(PluginKind.ACTIVATION, plugins.get(0).kind());
        assertEquals("gelu", plugins.get(0).name());
        assertEquals(PluginKind.INTEGRATOR, plugins.get(1).kind());
        assertEquals("dopri5", plugins.get(1).name());
    }
}
