package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.Spec.InitSpec;
import org.gdflow.core.spec.Spec.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** θ(0) = (W row-major, a) against the init stream's draws reproduced in the test. */
class InitialisationTest {
    private static WeightInit gaussian(double std) {
        return new WeightInit("gaussian", std, 1.0, Optional.empty());
    }

    private static WeightInit rademacher() {
        return new WeightInit("rademacher", 1.0, 1.0, Optional.empty());
    }

    private static WeightInit constant(double value) {
        return new WeightInit("constant", 1.0, value, Optional.empty());
    }

    private static WeightInit csv(Path file) {
        return new WeightInit("csv", 1.0, 1.0, Optional.of(file));
    }

    @Test
    void gaussianValuesAreStdTimesTheStreamsNormalsWThenA() {
        int m = 6;
        int d = 3;
        double[] theta = Initialisation.draw(new InitSpec(gaussian(0.3), gaussian(2.5), false), m, d, new SplittableRandom(42));
        assertEquals(m * d + m, theta.length);
        // against w = 0.3 g_1..g_{md}, then a = 2.5 g_{md+1}..g_{md+m}, one stream
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < m * d; i++) {
            assertEquals(0.3 * random.nextGaussian(), theta[i], 0.0, "w value " + i);
        }
        for (int r = 0; r < m; r++) {
            assertEquals(2.5 * random.nextGaussian(), theta[m * d + r], 0.0, "a_" + r);
        }
    }

    @Test
    void rademacherValuesAreTheStreamsSigns() {
        int m = 40;
        int d = 2;
        double[] theta = Initialisation.draw(new InitSpec(rademacher(), rademacher(), false), m, d, new SplittableRandom(3));
        // against +1 for nextBoolean() true, −1 for false, W then a
        SplittableRandom random = new SplittableRandom(3);
        int plus = 0;
        for (int i = 0; i < theta.length; i++) {
            assertEquals(random.nextBoolean() ? 1.0 : -1.0, theta[i], 0.0, "value " + i);
            plus += theta[i] > 0 ? 1 : 0;
        }
        // both signs occur (P(all 120 equal) = 2^−119)
        assertEquals(true, plus > 0 && plus < theta.length);
    }

    @Test
    void defaultInitIsStandardGaussianWAndRademacherA() {
        int m = 5;
        int d = 2;
        double[] theta = Initialisation.draw(new InitSpec(gaussian(1.0), rademacher(), false), m, d, new SplittableRandom(8));
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < m * d; i++) {
            assertEquals(random.nextGaussian(), theta[i], 0.0);
        }
        for (int r = 0; r < m; r++) {
            assertEquals(random.nextBoolean() ? 1.0 : -1.0, theta[m * d + r], 0.0);
        }
    }

    @Test
    void constantFillsItsValue() {
        int m = 4;
        int d = 3;
        double[] theta = Initialisation.draw(new InitSpec(gaussian(1.0), constant(-0.75), false), m, d, new SplittableRandom(1));
        for (int r = 0; r < m; r++) {
            assertEquals(-0.75, theta[m * d + r], 0.0);
        }
        // the constant draws nothing: W is exactly the first m·d normals
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < m * d; i++) {
            assertEquals(random.nextGaussian(), theta[i], 0.0);
        }
    }

    @Test
    void symmetricPairsShareWAndHaveOppositeA() {
        int m = 6;
        int d = 2;
        double[] theta = Initialisation.draw(new InitSpec(gaussian(0.5), gaussian(1.5), true), m, d, new SplittableRandom(17));
        // against m/2 rows of w drawn, then m/2 values of a drawn; rows r + m/2 repeat w_r with −a_r
        SplittableRandom random = new SplittableRandom(17);
        int half = m / 2;
        double[] w = new double[half * d];
        for (int i = 0; i < half * d; i++) {
            w[i] = 0.5 * random.nextGaussian();
        }
        double[] a = new double[half];
        for (int r = 0; r < half; r++) {
            a[r] = 1.5 * random.nextGaussian();
        }
        for (int r = 0; r < half; r++) {
            for (int k = 0; k < d; k++) {
                assertEquals(w[r * d + k], theta[r * d + k], 0.0, "w_" + r);
                assertEquals(w[r * d + k], theta[(r + half) * d + k], 0.0, "w_" + (r + half));
            }
            assertEquals(a[r], theta[m * d + r], 0.0, "a_" + r);
            assertEquals(-a[r], theta[m * d + half + r], 0.0, "a_" + (r + half));
        }
    }

    @Test
    void symmetricPairsCancelSoTheNetworkIsZeroAtInitialisation() {
        int m = 8;
        int d = 3;
        double[] theta = Initialisation.draw(new InitSpec(gaussian(1.0), rademacher(), true), m, d, new SplittableRandom(2));
        // Σ_r a_r tanh(w_r·x) = 0 for any x
        double[] x = {0.3, -1.2, 0.7};
        double f = 0;
        for (int r = 0; r < m; r++) {
            double z = 0;
            for (int k = 0; k < d; k++) {
                z += theta[r * d + k] * x[k];
            }
            f += theta[m * d + r] * Math.tanh(z);
        }
        assertEquals(0.0, f, 1e-14);
    }

    @Test
    void csvValuesAreCopiedFromTheFiles(@TempDir Path dir) throws IOException {
        Path w = dir.resolve("w.csv");
        Path a = dir.resolve("a.csv");
        Files.writeString(w, "1,2\n3,4\n5,6\n");
        Files.writeString(a, "0.5\n-0.5\n2\n");
        double[] theta = Initialisation.draw(new InitSpec(csv(w), csv(a), false), 3, 2, new SplittableRandom(1));
        // against the files as written
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 0.5, -0.5, 2}, theta, 0.0);
    }

    @Test
    void csvWithSymmetricPairsUsesTheFirstHalfOfTheRows(@TempDir Path dir) throws IOException {
        Path w = dir.resolve("w.csv");
        Files.writeString(w, "1,2\n3,4\n9,9\n9,9\n");
        double[] theta = Initialisation.draw(new InitSpec(csv(w), constant(0.25), true), 4, 2, new SplittableRandom(1));
        assertArrayEquals(new double[] {1, 2, 3, 4, 1, 2, 3, 4, 0.25, 0.25, -0.25, -0.25}, theta, 0.0);
    }

    @Test
    void csvOfTheWrongShapeIsReported(@TempDir Path dir) throws IOException {
        Path w = dir.resolve("w.csv");
        Files.writeString(w, "1,2\n3,4\n");
        GdflowException e = assertThrows(GdflowException.class,
                () -> Initialisation.draw(new InitSpec(csv(w), rademacher(), false), 3, 2, new SplittableRandom(1)));
        assertEquals("model.init.w.path: " + w + " has 2×2 values; expected 3×2 (model.width rows of d = 2 values)", e.getMessage());
        // the right rows but the wrong columns
        e = assertThrows(GdflowException.class,
                () -> Initialisation.draw(new InitSpec(csv(w), rademacher(), false), 2, 3, new SplittableRandom(1)));
        assertEquals("model.init.w.path: " + w + " has 2×2 values; expected 2×3 (model.width rows of d = 3 values)", e.getMessage());
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "1\n2\n");
        e = assertThrows(GdflowException.class,
                () -> Initialisation.draw(new InitSpec(gaussian(1), csv(a), false), 3, 2, new SplittableRandom(1)));
        assertEquals("model.init.a.path: " + a + " has 2×1 values; expected 3×1 (model.width rows, one value each)", e.getMessage());
    }

    @Test
    void anUnknownKindIsAnInternalError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Initialisation.draw(
                new InitSpec(new WeightInit("uniform", 1, 1, Optional.empty()), rademacher(), false), 2, 2, new SplittableRandom(1)));
        assertEquals("unknown init kind uniform", e.getMessage());
    }
}
