package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdflow.study.IndexRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The work–precision program on a tiny problem: errors recomputed from the parameter files, the
 * orders of euler (1) and rk4 (4) from halving the step, gd against euler bit for bit.
 */
class WorkPrecisionTest {
    private static final String SPEC = """
            { "name": "tiny-integrators", "seed": 2,
              "data": {"kind": "sphere", "n": 6, "d": 3, "target": {"kind": "teacher", "width": 2, "activation": "tanh"}},
              "model": {"width": 8, "activation": "tanh", "scaling": "ntk"},
              "loss": "sum",
              "integrator": {"name": "rk4", "dt": 0.1},
              "stop": {"time": 0.8},
              "output": {"parameters": true},
              "backend": "ejml",
              "executor": {"name": "local", "jobs": 1},
              "sweep": {"zip": {
                "integrator": [{"name": "rk4", "dt": 0.003125}, {"name": "euler", "dt": 0.1}, {"name": "euler", "dt": 0.05},
                               {"name": "rk4", "dt": 0.1}, {"name": "rk4", "dt": 0.05}, {"name": "gd", "lr": 0.1},
                               {"name": "gd", "lr": 0.05}],
                "stop.max_steps": [256, 8, 16, 8, 16, 8, 16]}} }
            """;

    @TempDir
    Path dir;

    /** A parameter file read by this test: every number of every line, in order. */
    private static List<Double> numbers(Path file) throws Exception {
        List<Double> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            for (String cell : line.split(",")) {
                out.add(Double.parseDouble(cell));
            }
        }
        return out;
    }

    private static double[] theta(Path run, String suffix) throws Exception {
        List<Double> values = numbers(run.resolve("params").resolve("w" + suffix + ".csv"));
        values.addAll(numbers(run.resolve("params").resolve("a" + suffix + ".csv")));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void errorsShrinkAtEachMethodsOrderAndGdIsEuler() throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), SPEC);
        Path out = dir.resolve("out");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<WorkPrecision.Point> points;
        try (PrintStream print = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            points = WorkPrecision.run(spec, out, print);
        }
        assertEquals(List.of("euler", "euler", "rk4", "rk4", "gd", "gd"), points.stream().map(WorkPrecision.Point::method).toList());
        assertEquals(List.of(0.1, 0.05, 0.1, 0.05, 0.1, 0.05), points.stream().map(WorkPrecision.Point::step).toList());
        // the error recomputed from the parameter files: ‖θ_h − θ_ref‖ / ‖θ_ref − θ(0)‖
        Path reference = out.resolve("integrator=rk4_max_steps=256");
        double[] ref = theta(reference, "");
        double[] start = theta(reference, "0");
        for (WorkPrecision.Point p : points) {
            double[] theta = theta(out.resolve(p.id()), "");
            double num = 0;
            double den = 0;
            for (int i = 0; i < ref.length; i++) {
                num += (theta[i] - ref[i]) * (theta[i] - ref[i]);
                den += (ref[i] - start[i]) * (ref[i] - start[i]);
            }
            assertEquals(Math.sqrt(num / den), p.error(), 1e-12 * p.error(), p.id());
        }
        // halving h divides euler's error by about 2 (order 1) and rk4's by about 16 (order 4)
        double euler = points.get(0).error() / points.get(1).error();
        double rk4 = points.get(2).error() / points.get(3).error();
        assertTrue(euler > 1.7 && euler < 2.3, "euler ratio " + euler);
        assertTrue(rk4 > 12 && rk4 < 20, "rk4 ratio " + rk4);
        assertTrue(points.get(3).error() < points.get(1).error() / 100, "rk4 far more accurate than euler at the same h");
        // full-batch gd with lr = h is euler with dt = h, bit for bit
        assertArrayEquals(points.get(0).theta(), points.get(4).theta());
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("gd (lr = h) and euler (dt = h) end at the same theta bit for bit at 2 of 2 common steps\n"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "euler: error ~ h^%.2f",
                WorkPrecision.order(points.subList(0, 2)).slope())), text);
        assertEquals(Math.log(euler) / Math.log(2), WorkPrecision.order(points.subList(0, 2)).slope(), 1e-9);
        List<String> csv = Files.readAllLines(out.resolve("work_precision.csv"));
        assertEquals("id,method,h,steps,wall_seconds,error", csv.get(0));
        assertEquals(7, csv.size());
        assertEquals(points.get(2).error(), Double.parseDouble(csv.get(3).split(",")[5]));
        for (String name : List.of("work_precision.png", "error_vs_step.png", "report.html")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        assertTrue(text.endsWith("wrote " + out.resolve("work_precision.csv") + ", work_precision.png, error_vs_step.png and "
                + out.resolve("report.html") + "\n"), text);
    }

    @Test
    void distanceIsEuclidean() {
        assertEquals(5.0, WorkPrecision.distance(new double[] {1, 2}, new double[] {4, 6}));
        assertEquals(0.0, WorkPrecision.distance(new double[] {1}, new double[] {1}));
    }

    private static WorkPrecision.Point point(String method, double h, double wall, double error) {
        return new WorkPrecision.Point(method + h, method, h, Math.round(1 / h), wall, error, new double[] {h});
    }

    @Test
    void chartsPlotTheErrorAgainstWallTimeAndAgainstTheStep() {
        // euler: e = h exactly (slope 1); rk4: e = h^4, and a point equal to the reference (e = 0); gd: e NaN only
        List<WorkPrecision.Point> points = List.of(point("euler", 0.5, 2, 0.5), point("euler", 0.25, 3, 0.25),
                point("rk4", 0.5, 5, 0.0625), point("rk4", 0.25, 7, 0.00390625), point("rk4", 0.125, 9, 0),
                point("gd", 0.5, 1, Double.NaN));
        XYChart work = WorkPrecision.chart(points, true);
        assertEquals("work–precision: error at T against wall time", work.getTitle());
        assertEquals("wall-clock seconds of the run", work.getXAxisTitle());
        assertEquals(List.of("euler", "rk4"), List.copyOf(work.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {5, 7}, work.getSeriesMap().get("rk4").getXData());
        assertArrayEquals(new double[] {0.0625, 0.00390625}, work.getSeriesMap().get("rk4").getYData());
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, work.getSeriesMap().get("euler").getXYSeriesRenderStyle());
        assertTrue(work.getStyler().isXAxisLogarithmic() && work.getStyler().isYAxisLogarithmic());

        XYChart step = WorkPrecision.chart(points, false);
        assertEquals("error at T against the step h", step.getTitle());
        assertEquals("h (dt; lr for gd)", step.getXAxisTitle());
        assertEquals(List.of("euler (slope 1.00)", "rk4 (slope 4.00)"), List.copyOf(step.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {0.5, 0.25}, step.getSeriesMap().get("rk4 (slope 4.00)").getXData());
        assertFalse(step.getSeriesMap().get("euler (slope 1.00)").getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Scatter);
        // the zero error is left out of the fit, as are infinite ones
        assertEquals(4.0, WorkPrecision.order(points.subList(2, 5)).slope(), 1e-12);
        assertEquals(List.of(points.get(0)), WorkPrecision.plottable(List.of(points.get(0), point("euler", 1, 1,
                Double.POSITIVE_INFINITY), points.get(4), points.get(5))));
        // without gd, no line comparing it with euler
        String table = WorkPrecision.table(points.subList(0, 4));
        assertFalse(table.contains("bit for bit"), table);
        assertTrue(table.contains("rk4: error ~ h^4.00 (R^2 = 1.000)\n"), table);
    }

    @Test
    void aStudyWithoutRk4HasNoReference() throws Exception {
        Path run = Files.createDirectories(dir.resolve("e").resolve("params"));
        Files.writeString(run.resolve("w.csv"), "1,2\n");
        Files.writeString(run.resolve("a.csv"), "3\n");
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("id", "e");
        cells.put("integrator", "{\"name\":\"euler\",\"dt\":0.1}");
        cells.put("steps", "10");
        cells.put("wall_seconds", "0.5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkPrecision.errors(dir, List.of(new IndexRow(cells))));
        assertEquals("the study has no rk4 run to serve as the reference", e.getMessage());
        assertArrayEquals(new double[] {1, 2, 3}, WorkPrecision.theta(run, ""));
        cells.put("integrator", "euler");
        assertEquals("the study must sweep whole integrator objects; got 'euler'", assertThrows(IllegalArgumentException.class,
                () -> WorkPrecision.errors(dir, List.of(new IndexRow(cells)))).getMessage());
    }
}
