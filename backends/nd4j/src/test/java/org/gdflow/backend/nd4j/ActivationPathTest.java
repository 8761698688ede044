package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gdflow.api.Activation;
import org.junit.jupiter.api.Test;

/**
 * Which activations take which path: only a sigmoid (by name and values) takes ND4J's native path;
 * tanh, softplus and everything else run through the plugin (their accuracy is tested with the
 * plugins, in {@code activations}).
 */
class ActivationPathTest {

    @Test
    void onlyTheSigmoidTakesTheNativePath() {
        assertEquals(ActivationPath.NATIVE_SIGMOID, ActivationPath.choose(Fixtures.activation("sigmoid"), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(Fixtures.activation("tanh"), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(Fixtures.activation("softplus"), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(Fixtures.activation("erf"), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(Fixtures.activation("relu"), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(Fixtures.activation("bump"), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(Fixtures.activation("sigmoid"), false));
    }

    /** 1/(1 + e^−z) by the sign split. */
    private static double logistic(double z) {
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /** Named like the sigmoid, but a steeper one, σ(2z): must not be replaced. */
    static final class Sigmoid implements Activation {
        @Override
        public double value(double z) {
            return logistic(2 * z);
        }

        @Override
        public double derivative(double z) {
            return 2 * logistic(2 * z) * logistic(-2 * z);
        }

        @Override
        public double secondDerivative(double z) {
            return 0;
        }
    }

    /** A true sigmoid under another name: takes the plugin path (recognition needs name and values). */
    static final class Logistic implements Activation {
        @Override
        public double value(double z) {
            return logistic(z);
        }

        @Override
        public double derivative(double z) {
            return logistic(z) * logistic(-z);
        }

        @Override
        public double secondDerivative(double z) {
            return 0;
        }
    }

    /** A true sigmoid named with the {@code Activation} suffix: recognised. */
    static final class SigmoidActivation implements Activation {
        @Override
        public double value(double z) {
            return logistic(z);
        }

        @Override
        public double derivative(double z) {
            return logistic(z) * logistic(-z);
        }

        @Override
        public double secondDerivative(double z) {
            return 0;
        }
    }

    /** Holder, so that the nested class below is also simply named {@code Sigmoid}. */
    static final class FarTail {
        /** The sigmoid, except 1e-6 (relative) too large below z = −30, where σ ≈ 1e-13 and less. */
        static final class Sigmoid implements Activation {
            @Override
            public double value(double z) {
                return logistic(z) * (z < -30 ? 1 + 1e-6 : 1);
            }

            @Override
            public double derivative(double z) {
                return logistic(z) * logistic(-z);
            }

            @Override
            public double secondDerivative(double z) {
                return 0;
            }
        }
    }

    @Test
    void aSigmoidWrongOnlyInTheFarTailIsNotReplaced() {
        // at the probe z = −40 it is off by 4e-24 absolute, far below 1e-12 absolute but 1e6 times the relative tolerance
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(new FarTail.Sigmoid(), true));
    }

    @Test
    void lookAlikesAndRenamedOnesRunThroughThePlugin() {
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(new Sigmoid(), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(new Logistic(), true));
        assertEquals(ActivationPath.NATIVE_SIGMOID, ActivationPath.choose(new SigmoidActivation(), true));
    }
}
