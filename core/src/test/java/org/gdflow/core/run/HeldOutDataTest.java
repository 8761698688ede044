package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gdflow.core.Gdflow;
import org.gdflow.core.data.DataSet;
import org.gdflow.core.data.NumericCsv;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.test}: the held-out loss against predictions computed here from the saved parameters
 * and test points redrawn from the seed by hand; adding a test set leaves the training bit for bit.
 */
class HeldOutDataTest {
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int N = 10;
    private static final int D = 3;
    private static final int M = 8;
    private static final int K = 2;
    private static final long SEED = 19;

    private static String spec(String test, String target, String loss) {
        return """
                { "name": "held-out", "seed": %d, "loss": "%s",
                  "data": {"kind": "sphere", "n": %d, "d": %d, "target": %s %s},
                  "model": {"width": %d, "activation": "tanh", "scaling": "ntk"},
                  "integrator": {"name": "rk4", "dt": 0.1}, "stop": {"max_steps": 20},
                  "observe": {"every": 5, "metrics": ["max_weight_change", "gram_min_eig"]},
                  "output": {"parameters": true}, "backend": "ejml" }
                """.formatted(SEED, loss, N, D, target, test.isEmpty() ? "" : ", \"test\": " + test, M);
    }

    private static final String TEACHER = "{\"kind\": \"teacher\", \"width\": " + K + ", \"activation\": \"tanh\"}";

    /** Points uniform on the sphere: the next d normals of the stream, normalised. */
    private static double[] spherePoints(SplittableRandom stream, int n) {
        double[] x = new double[n * D];
        for (int i = 0; i < n; i++) {
            double norm2 = 0;
            for (int k = 0; k < D; k++) {
                x[i * D + k] = stream.nextGaussian();
                norm2 += x[i * D + k] * x[i * D + k];
            }
            // x = g · (1/‖g‖), as the run scales
            double scale = 1.0 / Math.sqrt(norm2);
            for (int k = 0; k < D; k++) {
                x[i * D + k] *= scale;
            }
        }
        return x;
    }

    /** The streams of the seed as the run splits them: points, targets, init, integrator, test. */
    private static SplittableRandom[] streams() {
        SplittableRandom root = new SplittableRandom(SEED);
        SplittableRandom[] s = new SplittableRandom[5];
        for (int i = 0; i < 5; i++) {
            s[i] = root.split();
        }
        return s;
    }

    /** The teacher y = K^-1/2 Σ_j b_j tanh(v_j·x) drawn from the targets stream (v first, then b), on the points x. */
    private static double[] teacher(double[] x, int n) {
        SplittableRandom targets = streams()[1];
        double[] v = new double[K * D];
        double[] b = new double[K];
        for (int j = 0; j < K * D; j++) {
            v[j] = targets.nextGaussian();
        }
        for (int j = 0; j < K; j++) {
            b[j] = targets.nextBoolean() ? 1.0 : -1.0;
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < K; j++) {
                double z = 0;
                for (int c = 0; c < D; c++) {
                    z += v[j * D + c] * x[i * D + c];
                }
                sum += b[j] * Math.tanh(z);
            }
            y[i] = sum / Math.sqrt(K);
        }
        return y;
    }

    /** ½ Σ_i μ (f(x_i) − y_i)² with f(x) = m^-1/2 Σ_r a_r tanh(w_r·x), from params/ files. */
    private static double loss(Path params, String suffix, double[] x, double[] y, double mu) {
        double[] w = NumericCsv.read(params.resolve("w" + suffix + ".csv")).values();
        double[] a = NumericCsv.read(params.resolve("a" + suffix + ".csv")).values();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double f = 0;
            for (int r = 0; r < M; r++) {
                double z = 0;
                for (int c = 0; c < D; c++) {
                    z += w[r * D + c] * x[i * D + c];
                }
                f += a[r] * Math.tanh(z);
            }
            double e = f / Math.sqrt(M) - y[i];
            sum += mu * e * e;
        }
        return sum / 2;
    }

    private static JsonNode summary(Path dir) throws IOException {
        return MAPPER.readTree(dir.resolve("summary.json").toFile());
    }

    @Test
    void theTestLossIsTheLossOfTheSavedParametersOnTheTestPointsOfTheTeacher(@TempDir Path dir) throws IOException {
        int nTest = 7;
        GDFLOW.run(GDFLOW.spec(spec("{\"n\": " + nTest + "}", TEACHER, "mean"), dir), dir, ProgressListener.NONE);
        // the test points: the test stream's first split; the labels: the training's teacher on them
        double[] x = spherePoints(streams()[4].split(), nTest);
        double[] y = teacher(x, nTest);
        double initial = loss(dir.resolve("params"), "0", x, y, 1.0 / nTest);
        double last = loss(dir.resolve("params"), "", x, y, 1.0 / nTest);
        Trajectory t = Trajectory.read(dir.resolve("trajectory.csv"));
        assertEquals(List.of("step", "time", "loss", "test_loss", "max_weight_change", "gram_min_eig"), t.columns());
        double[] column = t.column("test_loss");
        assertEquals(initial, column[0], 1e-14 * initial);
        assertEquals(last, column[column.length - 1], 1e-14 * last);
        assertEquals(last, summary(dir).get("final_test_loss").asDouble(), 1e-14 * last);
        // it is a held-out loss: not the training loss
        assertNotEquals(t.column("loss")[column.length - 1], column[column.length - 1]);
        // the training points are the points stream's, not the test stream's
        double[] training = spherePoints(streams()[0], N);
        DataSet data = GDFLOW.runner().data(GDFLOW.spec(spec("", TEACHER, "mean"), dir));
        assertArrayEquals(training, data.x(), 0.0);
    }

    @Test
    void addingATestSetLeavesTheTrainingBitForBit(@TempDir Path dir) throws IOException {
        RunResult without = GDFLOW.run(GDFLOW.spec(spec("", TEACHER, "mean"), dir), dir.resolve("without"), ProgressListener.NONE);
        RunResult with = GDFLOW.run(GDFLOW.spec(spec("{\"n\": 50}", TEACHER, "mean"), dir), dir.resolve("with"), ProgressListener.NONE);
        Trajectory a = without.trajectory();
        Trajectory b = with.trajectory();
        assertEquals(a.rows().size(), b.rows().size());
        for (String column : a.columns()) {
            assertArrayEquals(a.column(column), b.column(column), 0.0, column);
        }
        assertArrayEquals(without.initialParameters(), with.initialParameters(), 0.0);
        assertArrayEquals(without.finalParameters(), with.finalParameters(), 0.0);
        JsonNode s1 = summary(dir.resolve("without"));
        JsonNode s2 = summary(dir.resolve("with"));
        for (String key : List.of("final_loss", "rate", "rate_bound", "gram_min_eig_initial", "steps", "time")) {
            assertEquals(s1.get(key), s2.get(key), key);
        }
        assertEquals(null, s1.get("final_test_loss"));
    }

    @Test
    void randomLabelsOfTheTestSetAreItsOwnDraws(@TempDir Path dir) {
        Spec spec = GDFLOW.spec(spec("{\"n\": 6}", "{\"kind\": \"random\", \"distribution\": \"gaussian\"}", "sum"), dir);
        DataSet test = GDFLOW.runner().testData(spec, D);
        // the test stream: points from its first split, labels from its second
        SplittableRandom stream = streams()[4];
        double[] x = spherePoints(stream.split(), 6);
        SplittableRandom labels = stream.split();
        assertArrayEquals(x, test.x(), 0.0);
        for (int i = 0; i < 6; i++) {
            assertEquals(labels.nextGaussian(), test.y()[i], 0.0);
            // the sum loss: μ = 1
            assertEquals(1.0, test.mu()[i], 0.0);
        }
        assertEquals(null, GDFLOW.runner().testData(GDFLOW.spec(spec("", TEACHER, "sum"), dir), D));
    }

    @Test
    void aCsvTestSetIsReadAndItsLossUsesTheSameForm(@TempDir Path dir) throws IOException {
        double[] x = spherePoints(new SplittableRandom(3), 4);
        double[] y = {0.5, -0.25, 1, 0};
        Files.writeString(dir.resolve("xt.csv"), NumericCsv.format(x, 4, D));
        Files.writeString(dir.resolve("yt.csv"), NumericCsv.format(y, 4, 1));
        String test = "{\"kind\": \"csv\", \"x\": \"xt.csv\", \"y\": \"yt.csv\"}";
        GDFLOW.run(GDFLOW.spec(spec(test, TEACHER, "sum"), dir), dir.resolve("out"), ProgressListener.NONE);
        double last = loss(dir.resolve("out/params"), "", x, y, 1.0);
        assertEquals(last, summary(dir.resolve("out")).get("final_test_loss").asDouble(), 1e-14 * last);
        assertEquals("xt.csv", Path.of(summary(dir.resolve("out")).at("/spec/data/test/x").asText()).getFileName().toString());
    }

    @Test
    void aCsvTestSetOfAnotherDimensionIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("xt.csv"), "1,0\n0,1\n");
        Files.writeString(dir.resolve("yt.csv"), "1\n2\n");
        Files.writeString(dir.resolve("y2.csv"), "1,2\n2,3\n");
        Files.writeString(dir.resolve("x3.csv"), "1,0,0\n0,1,0\n0,0,1\n");
        List<String> messages = new ArrayList<>();
        for (String files : List.of("\"x\": \"xt.csv\", \"y\": \"yt.csv\"", "\"x\": \"x3.csv\", \"y\": \"y2.csv\"",
                "\"x\": \"x3.csv\", \"y\": \"yt.csv\"")) {
            Spec spec = GDFLOW.spec(spec("{\"kind\": \"csv\", " + files + "}", TEACHER, "mean"), dir);
            messages.add(assertThrows(GdflowException.class, () -> GDFLOW.run(spec)).getMessage());
        }
        assertEquals(List.of(
                "data.test.x: " + dir.resolve("xt.csv") + " has 2 columns, but the training inputs have d = 3; the test points need"
                        + " the same dimension",
                "data.test.y: " + dir.resolve("y2.csv") + ": expected one value per line (the targets), found 2 columns",
                "data.test.y: " + dir.resolve("yt.csv") + " has 2 rows but data.test.x " + dir.resolve("x3.csv") + " has 3; they need"
                        + " one row per test point each"), messages);
    }

    @Test
    void outputDataWritesTheDrawnSetsWhichRerunAsCsvToTheSameTrajectory(@TempDir Path dir) throws IOException {
        String withData = spec("{\"n\": 5}", TEACHER, "mean").replace("\"output\": {\"parameters\": true}",
                "\"output\": {\"parameters\": true, \"data\": true}");
        GDFLOW.run(GDFLOW.spec(withData, dir), dir.resolve("first"), ProgressListener.NONE);
        Path data = dir.resolve("first/data");
        // against the points and the teacher drawn here from the seed
        double[] x = spherePoints(streams()[0], N);
        double[] xTest = spherePoints(streams()[4].split(), 5);
        assertArrayEquals(x, NumericCsv.read(data.resolve("x.csv")).values(), 0.0);
        // (the tanh plugin and Math.tanh may differ in the last bit)
        assertArrayEquals(teacher(x, N), NumericCsv.read(data.resolve("y.csv")).values(), 1e-15);
        assertArrayEquals(xTest, NumericCsv.read(data.resolve("x_test.csv")).values(), 0.0);
        assertArrayEquals(teacher(xTest, 5), NumericCsv.read(data.resolve("y_test.csv")).values(), 1e-15);
        assertEquals(D, NumericCsv.read(data.resolve("x.csv")).columns());
        // the written files, run as csv data with the same seed, train to the same trajectory bit for bit
        String csv = withData.replace("\"data\": {\"kind\": \"sphere\", \"n\": " + N + ", \"d\": " + D + ", \"target\": " + TEACHER
                + " , \"test\": {\"n\": 5}}", "\"data\": {\"kind\": \"csv\", \"x\": \"first/data/x.csv\", \"y\": \"first/data/y.csv\","
                + " \"test\": {\"kind\": \"csv\", \"x\": \"first/data/x_test.csv\", \"y\": \"first/data/y_test.csv\"}}");
        assertNotEquals(withData, csv);
        GDFLOW.run(GDFLOW.spec(csv, dir), dir.resolve("again"), ProgressListener.NONE);
        assertEquals(Files.readAllLines(dir.resolve("first/trajectory.csv")), Files.readAllLines(dir.resolve("again/trajectory.csv")));
        // without output.data, no data/ folder
        GDFLOW.run(GDFLOW.spec(spec("", TEACHER, "mean"), dir), dir.resolve("plain"), ProgressListener.NONE);
        assertEquals(false, Files.exists(dir.resolve("plain/data")));
        try (var files = Files.list(data)) {
            assertEquals(List.of("x.csv", "x_test.csv", "y.csv", "y_test.csv"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
