package org.gdflow.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data a spec describes, against the formulas of ARCHITECTURE.md recomputed plainly in the test
 * from the same random streams, and against the distributions the points should follow.
 */
class DataFactoryTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    /** A generated-data spec: kind, n, d and the target object. */
    private static Spec generated(String kind, int n, int d, String target, String loss) {
        return GDFLOW.spec("""
                { "seed": 7, "loss": "%s",
                  "data": {"kind": "%s", "n": %d, "d": %d, "target": %s},
                  "model": {"width": 4, "activation": "tanh", "scaling": "ntk"},
                  "integrator": {"name": "euler", "dt": 0.1}, "stop": {"max_steps": 1}, "backend": "ejml" }
                """.formatted(loss, kind, n, d, target), null);
    }

    private static DataSet create(Spec spec, long pointsSeed, long targetsSeed) {
        return DataFactory.create(spec, GDFLOW.catalog(), new SplittableRandom(pointsSeed), new SplittableRandom(targetsSeed));
    }

    private static final String RANDOM = "{\"kind\": \"random\"}";

    @Test
    void spherePointsAreTheNormalisedGaussianDrawsAndHaveUnitNorm() {
        int n = 300;
        int d = 5;
        DataSet data = create(generated("sphere", n, d, RANDOM, "mean"), 3, 4);
        assertEquals(n, data.n());
        assertEquals(d, data.d());
        assertEquals(n * d, data.x().length);
        // against x_i = g_i / ‖g_i‖ with g_i the next d normals of the points stream
        SplittableRandom points = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            double[] g = new double[d];
            double norm2 = 0;
            for (int k = 0; k < d; k++) {
                g[k] = points.nextGaussian();
                norm2 += g[k] * g[k];
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                assertEquals(g[k] / Math.sqrt(norm2), data.x()[i * d + k], 1e-15, "x[" + i + "][" + k + "]");
                norm += data.x()[i * d + k] * data.x()[i * d + k];
            }
            // unit norm
            assertEquals(1.0, Math.sqrt(norm), 1e-15, "‖x_" + i + "‖");
        }
    }

    @Test
    void gaussianPointsAreTheGaussianDrawsOverRootD() {
        int n = 50;
        int d = 4;
        DataSet data = create(generated("gaussian", n, d, RANDOM, "mean"), 3, 4);
        // against x_i = g_i / √d, g_i the next d normals of the points stream
        SplittableRandom points = new SplittableRandom(3);
        for (int j = 0; j < n * d; j++) {
            assertEquals(points.nextGaussian() / 2.0, data.x()[j], 1e-16, "x value " + j);
        }
    }

    @Test
    void gaussianPointsHaveCovarianceIOverD() {
        // x ~ N(0, I/d): ‖x‖² = χ²_d / d has mean 1 and variance 2/d; E[x_k x_l] = δ_kl / d with
        // Var(x_k x_l) = 1/d² (k ≠ l) and 2/d² (k = l). Each check allows 5 standard errors (two-sided
        // normal tail 5.7e-7); with 1 + 1 + 10 checks the false-alarm rate is below 1e-5 for a fresh seed
        // (the seed is fixed, so the test is deterministic).
        int n = 40_000;
        int d = 4;
        DataSet data = create(generated("gaussian", n, d, RANDOM, "mean"), 21, 22);
        double[] x = data.x();
        double sumNorm2 = 0;
        double sumNorm4 = 0;
        double[][] second = new double[d][d];
        for (int i = 0; i < n; i++) {
            double norm2 = 0;
            for (int k = 0; k < d; k++) {
                norm2 += x[i * d + k] * x[i * d + k];
                for (int l = 0; l < d; l++) {
                    second[k][l] += x[i * d + k] * x[i * d + l];
                }
            }
            sumNorm2 += norm2;
            sumNorm4 += norm2 * norm2;
        }
        double meanNorm2 = sumNorm2 / n;
        assertEquals(1.0, meanNorm2, 5 * Math.sqrt(2.0 / d / n), "mean ‖x‖²");
        // the sample variance of ‖x‖² = χ²_d/d has SE √((μ4 − σ⁴)/n) = √(8(d + 6)/(d³ n)) (μ4 = 12(d + 4)/d³)
        double varNorm2 = sumNorm4 / n - meanNorm2 * meanNorm2;
        double seVar = (2.0 / d) * Math.sqrt(2.0 / n) * Math.sqrt(1 + 6.0 / d);
        assertEquals(2.0 / d, varNorm2, 5 * seVar, "variance of ‖x‖² (0 on the sphere)");
        for (int k = 0; k < d; k++) {
            for (int l = k; l < d; l++) {
                double expected = k == l ? 1.0 / d : 0.0;
                double se = (k == l ? Math.sqrt(2) : 1) / d / Math.sqrt(n);
                assertEquals(expected, second[k][l] / n, 5 * se, "E[x_" + k + " x_" + l + "]");
            }
        }
    }

    @Test
    void swappingTheNormalisationsIsVisible() {
        // the sphere has ‖x‖ = 1 exactly; N(0, I/d) points do not (P(|‖x‖² − 1| < 1e-6) is about 1e-6 per point)
        DataSet sphere = create(generated("sphere", 20, 3, RANDOM, "mean"), 5, 6);
        DataSet gaussian = create(generated("gaussian", 20, 3, RANDOM, "mean"), 5, 6);
        for (int i = 0; i < 20; i++) {
            double s = 0;
            double g = 0;
            for (int k = 0; k < 3; k++) {
                s += sphere.x()[i * 3 + k] * sphere.x()[i * 3 + k];
                g += gaussian.x()[i * 3 + k] * gaussian.x()[i * 3 + k];
            }
            assertEquals(1.0, s, 1e-14);
            assertTrue(Math.abs(g - 1) > 1e-6, "gaussian point " + i + " has ‖x‖² = " + g);
        }
    }

    @Test
    void teacherTargetIsTheRandomTwoLayerNetwork() {
        int n = 30;
        int d = 3;
        int k = 5;
        DataSet data = create(generated("sphere", n, d,
                "{\"kind\": \"teacher\", \"width\": " + k + ", \"activation\": \"tanh\"}", "mean"), 8, 9);
        // against y = k^−½ Σ_j b_j tanh(v_j·x): v = k×d normals, then b = k signs, from the targets stream
        SplittableRandom targets = new SplittableRandom(9);
        double[][] v = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                v[j][c] = targets.nextGaussian();
            }
        }
        double[] b = new double[k];
        for (int j = 0; j < k; j++) {
            b[j] = targets.nextBoolean() ? 1 : -1;
        }
        double spread = 0;
        for (int i = 0; i < n; i++) {
            double y = 0;
            for (int j = 0; j < k; j++) {
                double z = 0;
                for (int c = 0; c < d; c++) {
                    z += v[j][c] * data.x()[i * d + c];
                }
                y += b[j] * Math.tanh(z);
            }
            y /= Math.sqrt(k);
            assertEquals(y, data.y()[i], 1e-14, "y_" + i);
            spread += Math.abs(y);
        }
        assertTrue(spread > 0.1 * n, "the targets are not all near 0");
    }

    @Test
    void sinTargetIsSinOfFrequencyTimesTheFirstCoordinate() {
        int n = 25;
        int d = 3;
        DataSet data = create(generated("gaussian", n, d,
                "{\"kind\": \"function\", \"name\": \"sin\", \"frequency\": 2.5}", "mean"), 1, 2);
        // against y = sin(2.5 x_1)
        for (int i = 0; i < n; i++) {
            assertEquals(Math.sin(2.5 * data.x()[i * d]), data.y()[i], 0.0, "y_" + i);
        }
        // the default frequency is π
        DataSet defaults = create(generated("gaussian", n, d, "{\"kind\": \"function\", \"name\": \"sin\"}", "mean"), 1, 2);
        for (int i = 0; i < n; i++) {
            assertEquals(Math.sin(Math.PI * defaults.x()[i * d]), defaults.y()[i], 0.0, "y_" + i);
        }
    }

    @Test
    void polynomialTargetIsTheRandomPolynomialOfUnitDirections() {
        int n = 20;
        int d = 4;
        int degree = 3;
        DataSet data = create(generated("gaussian", n, d,
                "{\"kind\": \"function\", \"name\": \"polynomial\", \"degree\": " + degree + "}", "mean"), 11, 12);
        // against y = Σ_{p=1..degree} c_p (v_p·x)^p: per p, c_p then d normals normalised to v_p
        SplittableRandom targets = new SplittableRandom(12);
        double[] c = new double[degree];
        double[][] v = new double[degree][d];
        for (int p = 0; p < degree; p++) {
            c[p] = targets.nextGaussian();
            double norm2 = 0;
            for (int j = 0; j < d; j++) {
                v[p][j] = targets.nextGaussian();
                norm2 += v[p][j] * v[p][j];
            }
            for (int j = 0; j < d; j++) {
                v[p][j] /= Math.sqrt(norm2);
            }
        }
        for (int i = 0; i < n; i++) {
            double y = 0;
            for (int p = 0; p < degree; p++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += v[p][j] * data.x()[i * d + j];
                }
                double power = 1;
                for (int e = 0; e <= p; e++) {
                    power *= z;
                }
                y += c[p] * power;
            }
            assertEquals(y, data.y()[i], 1e-14, "y_" + i);
        }
    }

    @Test
    void polynomialOfDegreeOneIsBoundedByItsCoefficientOnTheSphere() {
        // y = c (v·x) with ‖v‖ = 1, so |y| ≤ |c| ‖x‖ = |c| (Cauchy–Schwarz)
        Spec spec = generated("sphere", 40, 3, "{\"kind\": \"function\", \"name\": \"polynomial\", \"degree\": 1}", "mean");
        DataSet data = create(spec, 1, 2);
        SplittableRandom targets = new SplittableRandom(2);
        double c = targets.nextGaussian();
        for (int i = 0; i < data.n(); i++) {
            assertTrue(Math.abs(data.y()[i]) <= Math.abs(c) * (1 + 1e-15), "|y_" + i + "| ≤ |c| on the sphere");
        }
    }

    @Test
    void randomTargetIsUniformOnMinusOneToOne() {
        int n = 20_000;
        DataSet data = create(generated("sphere", n, 2, RANDOM, "mean"), 1, 31);
        // against y_i = 2 u_i − 1 with u_i the targets stream's doubles
        SplittableRandom targets = new SplittableRandom(31);
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double y = data.y()[i];
            assertEquals(2 * targets.nextDouble() - 1, y, 0.0);
            assertTrue(y >= -1 && y <= 1, "y in [−1, 1]");
            sum += y;
            sum2 += y * y;
        }
        // U[−1, 1]: mean 0 (SE √(1/3 / n)), E[y²] = 1/3 (SE √(4/45 / n)); 5 SE each, false alarm < 2e-6
        assertEquals(0.0, sum / n, 5 * Math.sqrt(1.0 / 3 / n), "mean");
        assertEquals(1.0 / 3, sum2 / n, 5 * Math.sqrt(4.0 / 45 / n), "second moment");
    }

    @Test
    void gaussianRandomTargetIsTheTargetStreamsNormals() {
        int n = 20_000;
        DataSet data = create(generated("sphere", n, 2, "{\"kind\": \"random\", \"distribution\": \"gaussian\"}", "mean"), 1, 31);
        // against y_i = the i-th normal of the targets stream
        SplittableRandom targets = new SplittableRandom(31);
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double y = data.y()[i];
            assertEquals(targets.nextGaussian(), y, 0.0);
            sum += y;
            sum2 += y * y;
        }
        // N(0, 1): mean 0 (SE √(1/n)), E[y²] = 1 (SE √(2/n)); 5 SE each, false alarm < 2e-6
        assertEquals(0.0, sum / n, 5 * Math.sqrt(1.0 / n), "mean");
        assertEquals(1.0, sum2 / n, 5 * Math.sqrt(2.0 / n), "second moment");
    }

    @Test
    void uniformIsTheDefaultDistributionOfRandomTargetsBitForBit() {
        DataSet implicit = create(generated("sphere", 50, 3, RANDOM, "mean"), 1, 31);
        DataSet explicit = create(generated("sphere", 50, 3, "{\"kind\": \"random\", \"distribution\": \"uniform\"}", "mean"), 1, 31);
        assertArrayEquals(implicit.y(), explicit.y(), 0.0);
        assertArrayEquals(implicit.x(), explicit.x(), 0.0);
    }

    @Test
    void targetsComeFromTheTargetStreamOnlyAndPointsFromThePointStream() {
        Spec spec = generated("sphere", 10, 3, "{\"kind\": \"teacher\", \"width\": 4, \"activation\": \"tanh\"}", "mean");
        DataSet a = create(spec, 1, 2);
        DataSet sameTargets = create(spec, 5, 2);
        DataSet samePoints = create(spec, 1, 6);
        assertArrayEquals(a.x(), samePoints.x(), 0.0);
        assertNotEquals(a.y()[0], samePoints.y()[0]);
        assertNotEquals(a.x()[0], sameTargets.x()[0]);
    }

    @Test
    void runnerDrawsPointsThenTargetsFromTheSeedsFirstTwoSplits() {
        Spec spec = generated("gaussian", 10, 3, RANDOM, "mean");
        DataSet data = GDFLOW.runner().data(spec);
        // FlowRun.Streams: root = SplittableRandom(seed); points = root.split(); targets = root.split()
        SplittableRandom root = new SplittableRandom(7);
        SplittableRandom points = root.split();
        SplittableRandom targets = root.split();
        for (int j = 0; j < data.x().length; j++) {
            assertEquals(points.nextGaussian() / Math.sqrt(3), data.x()[j], 1e-15);
        }
        for (int i = 0; i < data.n(); i++) {
            assertEquals(2 * targets.nextDouble() - 1, data.y()[i], 0.0);
        }
    }

    @Test
    void meanLossWeighsEachPointOneOverN() {
        DataSet data = create(generated("sphere", 8, 2, RANDOM, "mean"), 1, 2);
        // μ_i = 1/n
        for (double mu : data.mu()) {
            assertEquals(0.125, mu, 0.0);
        }
        assertEquals(8, data.mu().length);
    }

    @Test
    void sumLossWeighsEachPointOne() {
        DataSet data = create(generated("sphere", 8, 2, RANDOM, "sum"), 1, 2);
        // μ_i = 1
        for (double mu : data.mu()) {
            assertEquals(1.0, mu, 0.0);
        }
    }

    private static Spec csv(Path dir, String x, String y, String weights, String loss) throws IOException {
        Files.writeString(dir.resolve("x.csv"), x);
        Files.writeString(dir.resolve("y.csv"), y);
        String w = "";
        if (weights != null) {
            Files.writeString(dir.resolve("w.csv"), weights);
            w = ", \"weights\": \"w.csv\"";
        }
        return GDFLOW.spec("""
                { "loss": "%s",
                  "data": {"kind": "csv", "x": "x.csv", "y": "y.csv"%s},
                  "model": {"width": 4, "activation": "tanh", "scaling": "ntk"},
                  "integrator": {"name": "euler", "dt": 0.1}, "stop": {"max_steps": 1}, "backend": "ejml" }
                """.formatted(loss, w), dir);
    }

    @Test
    void csvDataIsReadAsGivenWithTheWeightsFileAsMu(@TempDir Path dir) throws IOException {
        Spec spec = csv(dir, "1,2\n3,4\n5,6\n", "0.5\n-1\n2\n", "0.25\n0\n3\n", "weights");
        DataSet data = create(spec, 1, 2);
        // against the files' contents
        assertEquals(3, data.n());
        assertEquals(2, data.d());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, data.x(), 0.0);
        assertArrayEquals(new double[] {0.5, -1, 2}, data.y(), 0.0);
        assertArrayEquals(new double[] {0.25, 0, 3}, data.mu(), 0.0);
    }

    @Test
    void aLossBesideWeightsIsRefusedSinceTheWeightsAreMu(@TempDir Path dir) throws IOException {
        GdflowException e = assertThrows(GdflowException.class, () -> csv(dir, "1\n", "1\n", "1\n", "sum"));
        assertEquals("loss: the string \"sum\" would have no effect: data.weights give μ_i, so the loss is 1/2 Σ μ_i (f − y)²;"
                + " remove loss (or write \"weights\") (spec line 1)", e.getMessage());
        // no loss at all is the weights' loss too, and the resolved spec says so
        Files.writeString(dir.resolve("s.json"), "{\"data\": {\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\", \"weights\": \"w.csv\"},"
                + " \"model\": {\"width\": 4, \"activation\": \"tanh\", \"scaling\": \"ntk\"}, \"integrator\": {\"name\": \"euler\", \"dt\": 0.1}, \"stop\": {\"max_steps\": 1}}");
        assertEquals("weights", GDFLOW.spec(dir.resolve("s.json")).loss());
    }

    @Test
    void pinningRecordsTheShapeAndSha256OfEveryFileAndRefusesAChangedOne(@TempDir Path dir) throws IOException {
        Spec spec = csv(dir, "1,2\n3,4\n", "1\n2\n", null, "mean");
        Spec resolved = DataFactory.pin(spec);
        // against sha256sum of the files' bytes
        assertEquals(new Spec.CsvData(dir.resolve("x.csv"), dir.resolve("y.csv"), java.util.Optional.empty(), false, 2, 2,
                java.util.Map.of("x", "96bbd5de61f36b0e10c5771d180998d066192e8986aa34a8cb7c453f62959274",
                        "y", "a6e2b7a040683432de03a18fd8a1939a2fdf82585b364bfc874bdd4095c4cae1")), resolved.data());
        // pinning again reads the same files: the same pins
        assertEquals(resolved.data(), DataFactory.pin(resolved).data());
        Files.writeString(dir.resolve("y.csv"), "1\n2.5\n");
        GdflowException e = assertThrows(GdflowException.class, () -> DataFactory.pin(resolved));
        assertEquals("data.sha256.y: " + dir.resolve("y.csv") + " has SHA-256 1a5eca716dfcf29e3e06ee323c4becba5ce2307bd6f20cdaf0ec6a41885fa3cf"
                + " now, but the spec pins a6e2b7a040683432de03a18fd8a1939a2fdf82585b364bfc874bdd4095c4cae1: the file changed since"
                + " the spec was resolved; restore it, or remove the pin to use the new file", e.getMessage());
        // n and d pinned without the hashes
        Spec shapeOnly = resolved.withData(new Spec.CsvData(dir.resolve("x.csv"), dir.resolve("y.csv"), java.util.Optional.empty(),
                false, 3, 0, java.util.Map.of()));
        assertEquals("data.n: " + dir.resolve("x.csv") + " has 2 rows now, but the spec pins n = 3: the file changed since the spec"
                + " was resolved; restore it, or remove the pin", assertThrows(GdflowException.class, () -> DataFactory.pin(shapeOnly)).getMessage());
        Spec columnsOnly = resolved.withData(new Spec.CsvData(dir.resolve("x.csv"), dir.resolve("y.csv"), java.util.Optional.empty(),
                false, 0, 3, java.util.Map.of()));
        assertEquals("data.d: " + dir.resolve("x.csv") + " has 2 columns now, but the spec pins d = 3: the file changed since the spec"
                + " was resolved; restore it, or remove the pin", assertThrows(GdflowException.class, () -> DataFactory.pin(columnsOnly)).getMessage());
    }

    @Test
    void everyInputFileIsPinnedAndCheckedInitialisationsAndWeightsToo(@TempDir Path dir) throws IOException {
        Spec spec = csv(dir, "1,2\n3,4\n", "1\n2\n", "1\n1\n", "weights");
        Files.writeString(dir.resolve("w0.csv"), "1,2\n3,4\n5,6\n7,8\n");
        spec = GDFLOW.with(spec, "model.init", "{\"w\": {\"kind\": \"csv\", \"path\": \"" + dir.resolve("w0.csv") + "\"}}");
        Spec.CsvData unpinned = (Spec.CsvData) spec.data();
        assertFalse(unpinned.pinned());
        Spec resolved = DataFactory.pin(spec);
        Spec.CsvData pinned = (Spec.CsvData) resolved.data();
        assertTrue(pinned.pinned());
        assertEquals(CliSha.of("1\n1\n"), pinned.sha256().get("weights"));
        assertEquals(CliSha.of("1,2\n3,4\n5,6\n7,8\n"), resolved.model().init().w().sha256());
        assertEquals("", spec.model().init().w().sha256(), "not pinned before");
        // a gaussian init has nothing to pin: the same object
        Spec gaussian = GDFLOW.with(spec, "model.init", "{}");
        assertTrue(DataFactory.pin(gaussian).model().init() == gaussian.model().init());
        // n or the hashes alone are not a pin
        assertFalse(new Spec.CsvData(dir, dir, java.util.Optional.empty(), false, 2, 2, java.util.Map.of()).pinned());
        assertFalse(new Spec.CsvData(dir, dir, java.util.Optional.empty(), false, 0, 2, java.util.Map.of("x", "a")).pinned());

        Files.writeString(dir.resolve("x.csv"), "1,2\n3,5\n");
        assertTrue(assertThrows(GdflowException.class, () -> DataFactory.pin(resolved)).getMessage().startsWith("data.sha256.x: "));
        Files.writeString(dir.resolve("x.csv"), "1,2\n3,4\n");
        Files.writeString(dir.resolve("w.csv"), "1\n2\n");
        assertTrue(assertThrows(GdflowException.class, () -> DataFactory.pin(resolved)).getMessage().startsWith("data.sha256.weights: "));
        Files.writeString(dir.resolve("w.csv"), "1\n1\n");
        Files.writeString(dir.resolve("w0.csv"), "1,2\n3,4\n5,6\n7,9\n");
        GdflowException e = assertThrows(GdflowException.class, () -> DataFactory.pin(resolved));
        assertEquals("model.init.w.sha256: " + dir.resolve("w0.csv") + " has SHA-256 " + CliSha.of("1,2\n3,4\n5,6\n7,9\n")
                + " now, but the spec pins " + CliSha.of("1,2\n3,4\n5,6\n7,8\n") + ": the file changed since the spec was resolved;"
                + " restore it, or remove the pin to use the new file", e.getMessage());
    }

    /** SHA-256 by the JDK, not by the code under test. */
    private static final class CliSha {
        static String of(String text) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void csvDataWithoutWeightsUsesTheLossMu(@TempDir Path dir) throws IOException {
        DataSet mean = create(csv(dir, "1\n2\n3\n4\n", "1\n2\n3\n4\n", null, "mean"), 1, 2);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, mean.mu(), 0.0);
        DataSet sum = create(csv(dir, "1\n2\n3\n4\n", "1\n2\n3\n4\n", null, "sum"), 1, 2);
        assertArrayEquals(new double[] {1, 1, 1, 1}, sum.mu(), 0.0);
    }

    @Test
    void csvRowMismatchIsReported(@TempDir Path dir) throws IOException {
        Spec spec = csv(dir, "1,2\n3,4\n5,6\n", "1\n2\n", null, "mean");
        GdflowException e = assertThrows(GdflowException.class, () -> create(spec, 1, 2));
        assertEquals("data.y: " + dir.resolve("y.csv") + " has 2 rows but data.x " + dir.resolve("x.csv")
                + " has 3; they need one row per data point each", e.getMessage());
    }

    @Test
    void csvTargetsWithTwoColumnsAreReported(@TempDir Path dir) throws IOException {
        Spec spec = csv(dir, "1\n2\n", "1,2\n3,4\n", null, "mean");
        GdflowException e = assertThrows(GdflowException.class, () -> create(spec, 1, 2));
        assertEquals(dir.resolve("y.csv") + ": expected one value per line (the targets), found 2 columns", e.getMessage());
    }

    @Test
    void csvNegativeWeightIsReportedWithItsLine(@TempDir Path dir) throws IOException {
        Spec spec = csv(dir, "1\n2\n3\n", "1\n2\n3\n", "1\n0\n-0.5\n", "weights");
        GdflowException e = assertThrows(GdflowException.class, () -> create(spec, 1, 2));
        assertEquals("data.weights: " + dir.resolve("w.csv") + " row 3: weight -0.5 is negative", e.getMessage());
    }

    @Test
    void csvWeightsOfTheWrongShapeAreReported(@TempDir Path dir) throws IOException {
        Spec rows = csv(dir, "1\n2\n3\n", "1\n2\n3\n", "1\n2\n", "weights");
        GdflowException e = assertThrows(GdflowException.class, () -> create(rows, 1, 2));
        assertEquals("data.weights: " + dir.resolve("w.csv") + " has 2×1 values; expected one weight per data point (3 lines)",
                e.getMessage());
        Spec columns = csv(dir, "1\n2\n", "1\n2\n", "1,1\n2,2\n", "weights");
        e = assertThrows(GdflowException.class, () -> create(columns, 1, 2));
        assertEquals("data.weights: " + dir.resolve("w.csv") + " has 2×2 values; expected one weight per data point (2 lines)",
                e.getMessage());
    }
}
