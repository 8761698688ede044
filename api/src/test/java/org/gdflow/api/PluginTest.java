package org.gdflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A plugin is a checked, named factory; the helpers build one of each kind. */
class PluginTest {

    /** A parameter record for the helpers with parameters. */
    record Alpha(@Parameter(description = "exponent") double alpha) {
    }

    private static final Activation CUBE = new Cube();

    /** s = m^−α, τ = 1: enough to tell the parameters reached the factory. */
    private record PowerScaling(double alpha) implements Scaling {
        @Override
        public double outputScale(int width) {
            return Math.pow(width, -alpha);
        }

        @Override
        public double timeScale(int width) {
            return 1;
        }
    }

    private record FixedStep(double stepSize) implements Integrator {
        @Override
        public Stepper start(VectorField field, RandomGenerator random) {
            return (theta, velocity, remaining) -> stepSize;
        }
    }

    private static final Backend NO_BACKEND = problem -> {
        throw new UnsupportedOperationException("not opened in these tests");
    };

    private static void assertRefused(String message, Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertEquals(message, e.getMessage());
    }

    @Test
    void helpersWithoutParametersMakeNoParametersPluginsOfTheirKind() {
        Plugin<Activation, NoParameters> cube = Plugin.activation("cube", "σ(z) = z³", () -> CUBE);
        Plugin<Scaling, NoParameters> ntk = Plugin.scaling("ntk", "s = m^-1/2", () -> new PowerScaling(0.5));
        Plugin<Backend, NoParameters> none = Plugin.backend("none", "evaluates nothing", () -> NO_BACKEND);
        assertEquals(List.of(PluginKind.ACTIVATION, PluginKind.SCALING, PluginKind.BACKEND),
                List.of(cube.kind(), ntk.kind(), none.kind()));
        assertEquals(List.of(Activation.class, Scaling.class, Backend.class), List.of(cube.type(), ntk.type(), none.type()));
        for (Plugin<?, ?> p : List.of(cube, ntk, none)) {
            assertEquals(NoParameters.class, p.parametersType(), p.name());
        }
        assertEquals("cube", cube.name());
        assertEquals("σ(z) = z³", cube.description());
        assertSame(CUBE, cube.create(NoParameters.INSTANCE));
        // 1/√4 = 0.5
        assertEquals(0.5, ntk.create(NoParameters.INSTANCE).outputScale(4), 0.0);
        assertSame(NO_BACKEND, none.create(NoParameters.INSTANCE));
    }

    @Test
    void helpersWithParametersPassTheBoundRecordToTheFactory() {
        Plugin<Activation, Alpha> scaled = Plugin.activation("scaled-cube", "σ(z) = α z³", Alpha.class, p -> new Activation() {
            @Override
            public double value(double z) {
                return p.alpha() * CUBE.value(z);
            }

            @Override
            public double derivative(double z) {
                return p.alpha() * CUBE.derivative(z);
            }

            @Override
            public double secondDerivative(double z) {
                return p.alpha() * CUBE.secondDerivative(z);
            }
        });
        Plugin<Scaling, Alpha> power = Plugin.scaling("power", "s = m^-alpha", Alpha.class, p -> new PowerScaling(p.alpha()));
        Plugin<Integrator, Alpha> fixed = Plugin.integrator("fixed", "steps by alpha", Alpha.class, p -> new FixedStep(p.alpha()));
        Plugin<Backend, Alpha> none = Plugin.backend("none.v2", "evaluates nothing", Alpha.class, p -> NO_BACKEND);
        for (Plugin<?, Alpha> p : List.of(scaled, power, fixed, none)) {
            assertEquals(Alpha.class, p.parametersType(), p.name());
        }
        assertEquals(Map.of(PluginKind.ACTIVATION, Activation.class, PluginKind.SCALING, Scaling.class,
                        PluginKind.INTEGRATOR, Integrator.class, PluginKind.BACKEND, Backend.class),
                Map.of(scaled.kind(), scaled.type(), power.kind(), power.type(), fixed.kind(), fixed.type(), none.kind(), none.type()));
        // 2 · 3³ = 54; 8^−1/3 = 1/2; the step is α
        assertEquals(54.0, scaled.create(new Alpha(2)).value(3), 0.0);
        assertEquals(0.5, power.create(new Alpha(1.0 / 3)).outputScale(8), 1e-15);
        assertEquals(0.25, fixed.create(new Alpha(0.25)).stepSize(), 0.0);
        assertSame(NO_BACKEND, none.create(new Alpha(0)));
    }

    @Test
    void namesAreLowerCaseLettersDigitsAndPunctuation() {
        for (String name : List.of("a", "0", "rk4", "mean-field", "my_plugin.v2", "9-x")) {
            assertEquals(name, Plugin.activation(name, "", () -> CUBE).name());
        }
        for (String name : List.of("", "Tanh", "-tanh", "_x", ".x", "tan h", "tanh!", "tänh")) {
            assertRefused("plugin name '" + name + "' must be lower case letters, digits, '-', '_' or '.'",
                    () -> Plugin.activation(name, "", () -> CUBE));
        }
    }

    @Test
    void theTypeMustBeTheKindsInterface() {
        assertRefused("plugin 'cube' of kind scaling must implement org.gdflow.api.Scaling, not org.gdflow.api.Activation",
                () -> new Plugin<>(PluginKind.SCALING, "cube", "", Activation.class, NoParameters.class, p -> CUBE));
        assertRefused("plugin 'x' of kind backend must implement org.gdflow.api.Backend, not java.lang.Object",
                () -> new Plugin<>(PluginKind.BACKEND, "x", "", Object.class, NoParameters.class, p -> new Object()));
    }

    @Test
    void nullFieldsAreRefusedByName() {
        Function<NoParameters, Activation> factory = p -> CUBE;
        String[] expected = {"kind", "name", "description", "type", "parametersType", "factory"};
        Executable[] makers = {
            () -> new Plugin<>(null, "x", "", Activation.class, NoParameters.class, factory),
            () -> new Plugin<>(PluginKind.ACTIVATION, null, "", Activation.class, NoParameters.class, factory),
            () -> new Plugin<>(PluginKind.ACTIVATION, "x", null, Activation.class, NoParameters.class, factory),
            () -> new Plugin<>(PluginKind.ACTIVATION, "x", "", null, NoParameters.class, factory),
            () -> new Plugin<>(PluginKind.ACTIVATION, "x", "", Activation.class, null, factory),
            () -> new Plugin<>(PluginKind.ACTIVATION, "x", "", Activation.class, NoParameters.class, null),
        };
        for (int i = 0; i < makers.length; i++) {
            NullPointerException e = assertThrows(NullPointerException.class, makers[i]);
            assertEquals(expected[i], e.getMessage());
        }
    }

    @Test
    void aFactoryThatReturnsNullIsReportedByPluginName() {
        Plugin<Activation, NoParameters> broken = Plugin.activation("broken", "returns null", () -> null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> broken.create(NoParameters.INSTANCE));
        assertEquals("plugin 'broken' created null", e.getMessage());
    }

    @Test
    void kindsNameTheirInterfaceAndLabel() {
        assertEquals(List.of("activation", "scaling", "integrator", "backend"),
                List.of(PluginKind.values()).stream().map(PluginKind::label).toList());
        assertEquals(List.of(Activation.class, Scaling.class, Integrator.class, Backend.class),
                List.of(PluginKind.values()).stream().map(PluginKind::type).toList());
    }
}
