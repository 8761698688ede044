package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.gdflow.core.error.GdflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The plots of a study: files, series against the trajectories and the index, log-axis filtering, slopes. */
class StudyPlotsTest {
    @TempDir
    Path dir;

    /** An index row: id, the swept cells, the summary columns (status, final_loss, ...), then the extra final_ cells. */
    private static IndexRow row(String id, Map<String, String> swept, String finalLoss, Map<String, String> finals) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("id", id);
        cells.putAll(swept);
        for (String key : StudyIndex.SUMMARY) {
            cells.put(key, "");
        }
        cells.put("status", "completed");
        cells.put("final_loss", finalLoss);
        cells.putAll(finals);
        return new IndexRow(cells);
    }

    private void trajectory(String id, String text) throws Exception {
        Files.createDirectories(dir.resolve(id));
        Files.writeString(dir.resolve(id).resolve("trajectory.csv"), text);
    }

    /** Two widths × two seeds, each with a 3-row trajectory of loss and max_weight_change. */
    private List<IndexRow> fourRuns() throws Exception {
        List<IndexRow> rows = new ArrayList<>();
        for (int width : new int[] {4, 16}) {
            for (int seed : new int[] {1, 2}) {
                String id = "width=" + width + "_seed=" + seed;
                double scale = width * 10 + seed;
                trajectory(id, "step,time,loss,max_weight_change\n0,0.0," + scale + ",0.0\n1,0.5," + scale / 2
                        + ",0.25\n2,1.0," + scale / 4 + ",0.5\n");
                rows.add(row(id, Map.of("model.width", "" + width), "" + scale / 4,
                        Map.of("final_max_weight_change", "0.5")));
            }
        }
        // the swept cells in sweep order: width then seed
        List<IndexRow> ordered = new ArrayList<>();
        int i = 0;
        for (int width : new int[] {4, 16}) {
            for (int seed : new int[] {1, 2}) {
                Map<String, String> cells = new LinkedHashMap<>();
                cells.put("id", rows.get(i).get("id"));
                cells.put("model.width", "" + width);
                cells.put("seed", "" + seed);
                for (Map.Entry<String, String> e : rows.get(i).cells().entrySet()) {
                    cells.putIfAbsent(e.getKey(), e.getValue());
                }
                ordered.add(new IndexRow(cells));
                i++;
            }
        }
        return ordered;
    }

    static void assertPng(Path file) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(StudyPlots.WIDTH, image.getWidth(), file.toString());
        assertEquals(StudyPlots.HEIGHT, image.getHeight(), file.toString());
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
    }

    static void assertSvg(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // the SVG names its DTD; do not fetch it
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertEquals("svg", factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement().getLocalName());
    }

    static void assertPlots(List<Path> files) throws Exception {
        for (Path file : files) {
            assertTrue(Files.isRegularFile(file), file.toString());
            if (file.toString().endsWith(".png")) {
                assertPng(file);
            } else {
                assertSvg(file);
            }
        }
    }

    private List<Path> files(String... names) {
        List<Path> out = new ArrayList<>();
        for (String name : names) {
            out.add(dir.resolve(name + ".png"));
            out.add(dir.resolve(name + ".svg"));
        }
        return out;
    }

    @Test
    void writesOnePlotPerTrajectoryColumnAndPerFinalColumnAgainstWidth() throws Exception {
        List<Path> written = StudyPlots.write(dir, fourRuns());
        assertEquals(files("loss", "max_weight_change", "final_loss_vs_model.width",
                "final_max_weight_change_vs_model.width"), written);
        assertPlots(written);
        assertEquals("true", System.getProperty("java.awt.headless"));
        // no temporary file is left beside the plots
        try (var list = Files.list(dir)) {
            assertEquals(4 + 8, list.count());
        }
    }

    @Test
    void lossChartHasOneLinePerRunWithTheTrajectoryValues() throws Exception {
        List<IndexRow> rows = fourRuns();
        List<String> swept = StudyPlots.sweptPaths(rows);
        assertEquals(List.of("model.width", "seed"), swept);
        List<StudyPlots.Trajectory> runs = new ArrayList<>();
        for (IndexRow row : rows) {
            runs.add(StudyPlots.read(dir.resolve(row.get("id")).resolve("trajectory.csv"),
                    StudyPlots.label(row, swept, List.of())));
        }
        XYChart chart = StudyPlots.timeChart("loss", runs);
        assertEquals(List.of("width=4, seed=1", "width=4, seed=2", "width=16, seed=1", "width=16, seed=2"),
                List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries first = chart.getSeriesMap().get("width=4, seed=1");
        assertArrayEquals(new double[] {0, 0.5, 1}, first.getXData());
        assertArrayEquals(new double[] {41, 20.5, 10.25}, first.getYData());
        assertArrayEquals(new double[] {162, 81, 40.5}, chart.getSeriesMap().get("width=16, seed=2").getYData());
        assertEquals(SeriesMarkers.NONE, first.getMarker());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertFalse(chart.getStyler().isXAxisLogarithmic());
        assertEquals("t (flow time)", chart.getXAxisTitle());
        assertEquals("loss", chart.getYAxisTitle());
        assertEquals("loss against flow time", chart.getTitle());
        assertEquals(800, chart.getWidth());
        assertEquals(500, chart.getHeight());

        // the metric is 0 at t = 0: that point is left out of the log axis
        XYChart metric = StudyPlots.timeChart("max_weight_change", runs);
        assertEquals(4, metric.getSeriesMap().size());
        assertArrayEquals(new double[] {0.5, 1}, metric.getSeriesMap().get("width=4, seed=1").getXData());
        assertArrayEquals(new double[] {0.25, 0.5}, metric.getSeriesMap().get("width=4, seed=1").getYData());
    }

    @Test
    void zeroNegativeAndNonFiniteValuesAreLeftOutOfTheLogAxis() throws Exception {
        trajectory("a", "step,time,loss\n0,0,4\n1,1,0.0\n2,2,1e-3\n3,3,NaN\n4,4,Infinity\n5,5,-1\n6,6,\n7,NaN,2\n8,-1,2\n9,9\n");
        StudyPlots.Trajectory run = StudyPlots.read(dir.resolve("a").resolve("trajectory.csv"), "a");
        XYSeries series = StudyPlots.timeChart("loss", List.of(run)).getSeriesMap().get("a");
        assertArrayEquals(new double[] {0, 2}, series.getXData());
        assertArrayEquals(new double[] {4, 1e-3}, series.getYData());
        // every cell read, a missing or empty one as NaN
        assertEquals(List.of("step", "time", "loss"), run.columns());
        assertEquals(3, run.values().size());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, run.column("step"));
        assertArrayEquals(new double[] {4, 0, 1e-3, Double.NaN, Double.POSITIVE_INFINITY, -1, Double.NaN, 2, 2,
            Double.NaN}, run.column("loss"));
        assertArrayEquals(new double[] {0, 2}, StudyPlots.positivePoints(new double[] {0, 1, 2, 3},
                new double[] {4, 0, 1e-3, -2})[0]);
    }

    @Test
    void aSingleRunStillGetsItsLossPlotAndAnAllZeroMetricNone() throws Exception {
        trajectory("tiny", "step,time,loss,max_a_change\n0,0,1,0\n1,0.1,0.5,0\n");
        IndexRow only = row("tiny", Map.of(), "0.5", Map.of("final_max_a_change", "0"));
        List<Path> written = StudyPlots.write(dir, List.of(only));
        assertEquals(files("loss"), written);
        assertPlots(written);
        StudyPlots.Trajectory run = StudyPlots.read(dir.resolve("tiny").resolve("trajectory.csv"),
                StudyPlots.label(only, List.of(), List.of()));
        assertEquals(List.of("tiny"), List.copyOf(StudyPlots.timeChart("loss", List.of(run)).getSeriesMap().keySet()));
        assertTrue(StudyPlots.timeChart("max_a_change", List.of(run)).getSeriesMap().isEmpty());
        assertEquals(List.of(), StudyPlots.write(dir, List.of()));
    }

    @Test
    void aRunWithOnePointAndAFailedRunWithoutTrajectory() throws Exception {
        trajectory("w=2", "step,time,loss\n0,0,3\n");
        List<IndexRow> rows = List.of(row("w=2", Map.of("model.width", "2"), "3", Map.of()),
                row("w=8", Map.of("model.width", "8"), "", Map.of()));
        List<Path> written = StudyPlots.write(dir, rows);
        // width has two values, but only one run has a final loss: a plot of one point, no slope
        assertEquals(files("loss", "final_loss_vs_model.width"), written);
        assertPlots(written);
        XYChart chart = StudyPlots.scalingChart("model.width", "final_loss", rows, List.of("model.width"));
        assertEquals(List.of("final_loss"), List.copyOf(chart.getSeriesMap().keySet()));
        // one point: every tick labelled
        assertFalse(chart.getStyler().isXAxisLogarithmicDecadeOnly());
        assertFalse(chart.getStyler().isYAxisLogarithmicDecadeOnly());
    }

    @Test
    void withOneSweptPathAllRunsFormOneSeries() {
        // final_loss = 2 m^-1 at m = 4 and 16: one series of both points, slope exactly -1
        List<IndexRow> rows = List.of(row("w=4", Map.of("model.width", "4"), "0.5", Map.of()),
                row("w=16", Map.of("model.width", "16"), "0.125", Map.of()));
        XYChart chart = StudyPlots.scalingChart("model.width", "final_loss", rows, List.of("model.width"));
        assertEquals(List.of("final_loss (slope -1.000)"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(2, chart.getSeriesMap().values().iterator().next().getXData().length);
    }

    @Test
    void slopeInTheLegendIsTheLogLogLeastSquaresSlope() {
        // final_loss = c m^(-1/2) for c = 3 (seed 1) and c = 5 (seed 2): slope exactly -1/2
        List<IndexRow> rows = new ArrayList<>();
        for (int seed : new int[] {1, 2}) {
            for (int width : new int[] {4, 16, 64, 256}) {
                Map<String, String> swept = new LinkedHashMap<>();
                swept.put("model.scaling", "ntk");
                swept.put("model.width", "" + width);
                swept.put("seed", "" + seed);
                double c = seed == 1 ? 3 : 5;
                rows.add(row("r" + seed + width, swept, "" + c / Math.sqrt(width),
                        Map.of("final_max_weight_change", "" + (width == 4 ? "0" : "" + c * width))));
            }
        }
        List<String> swept = StudyPlots.sweptPaths(rows);
        XYChart chart = StudyPlots.scalingChart("model.width", "final_loss", rows, swept);
        assertEquals(List.of("scaling=ntk, seed=1 (slope -0.500)", "scaling=ntk, seed=2 (slope -0.500)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries first = chart.getSeriesMap().get("scaling=ntk, seed=1 (slope -0.500)");
        assertArrayEquals(new double[] {4, 16, 64, 256}, first.getXData());
        assertArrayEquals(new double[] {1.5, 0.75, 0.375, 0.1875}, first.getYData());
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals("model.width", chart.getXAxisTitle());
        assertEquals("final_loss", chart.getYAxisTitle());
        assertEquals("final_loss against model.width", chart.getTitle());
        // widths 4 to 256, losses 0.1875 to 2.5: more than a decade, labels at powers of ten only
        assertTrue(chart.getStyler().isXAxisLogarithmicDecadeOnly());
        assertTrue(chart.getStyler().isYAxisLogarithmicDecadeOnly());

        // the zero at width 4 is left out, of the points and of the fit: slope exactly 1
        XYChart change = StudyPlots.scalingChart("model.width", "final_max_weight_change", rows, swept);
        XYSeries s = change.getSeriesMap().get("scaling=ntk, seed=1 (slope 1.000)");
        assertArrayEquals(new double[] {16, 64, 256}, s.getXData());

        // by hand: x = ln(4, 16, 64), y = ln 3 - x/2
        double[] x = {4, 16, 64};
        double[] y = {3 / 2.0, 3 / 4.0, 3 / 8.0};
        assertEquals(-0.5, StudyPlots.logLogSlope(x, y), 1e-12);
        assertEquals(2.0, StudyPlots.logLogSlope(new double[] {1, 2, 4}, new double[] {7, 28, 112}), 1e-12);
        assertEquals(Double.NaN, StudyPlots.logLogSlope(new double[] {2, 2}, new double[] {1, 3}));
        assertEquals(Double.NaN, StudyPlots.logLogSlope(new double[] {2}, new double[] {1}));
        assertEquals(Double.NaN, StudyPlots.logLogSlope(new double[0], new double[0]));
        assertEquals(-1.0, StudyPlots.logLogSlope(new double[] {1, 2, 4}, new double[] {4, 2, 1}), 1e-12);
        assertEquals(0.5, StudyPlots.logLogSlope(new double[] {1, 3, 9, 27}, new double[] {2, 2 * Math.sqrt(3), 6,
                6 * Math.sqrt(3)}), 1e-12);
    }

    @Test
    void onlyNumericMultiValuedNonSeedAxesGetSlopePlots() {
        List<IndexRow> rows = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Map<String, String> swept = new LinkedHashMap<>();
            swept.put("model.scaling", i == 1 ? "ntk" : "mean-field");
            swept.put("data.n", "8");
            swept.put("seed", "" + i);
            swept.put("data.target.seed", "" + i);
            swept.put("model.width", "" + 4 * i);
            swept.put("integrator.dt", i == 1 ? "0" : "0.1");
            swept.put("model.alpha", i == 1 ? "-1" : "0.5");
            rows.add(row("r" + i, swept, "1", Map.of()));
        }
        assertFalse(StudyPlots.isScalingAxis("model.scaling", rows));
        assertFalse(StudyPlots.isScalingAxis("data.n", rows));
        assertFalse(StudyPlots.isScalingAxis("seed", rows));
        assertFalse(StudyPlots.isScalingAxis("data.target.seed", rows));
        assertTrue(StudyPlots.isScalingAxis("model.width", rows));
        assertFalse(StudyPlots.isScalingAxis("integrator.dt", rows));
        assertFalse(StudyPlots.isScalingAxis("model.alpha", rows));
        assertEquals("scaling=ntk, n=8, seed=1, seed=1, dt=0, alpha=-1",
                StudyPlots.label(rows.get(0), StudyPlots.sweptPaths(rows), List.of("model.width")));
    }

    @Test
    void logTicksAreAllLabelledWhenTheValuesStayWithinADecade() {
        assertTrue(StudyPlots.spansADecade(List.of(2.0, 20.0, 5.0)));
        assertTrue(StudyPlots.spansADecade(List.of(30.0, 3.0)));
        assertFalse(StudyPlots.spansADecade(List.of(3.0, 29.0)));
        assertFalse(StudyPlots.spansADecade(List.of(0.5)));
        assertFalse(StudyPlots.spansADecade(List.of()));
    }

    @Test
    void anUnreadableTrajectoryIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("x").resolve("trajectory.csv"));
        GdflowException e = assertThrows(GdflowException.class,
                () -> StudyPlots.read(dir.resolve("x").resolve("trajectory.csv"), "x"));
        assertTrue(e.getMessage().contains("trajectory.csv"), e.getMessage());
    }

    @Test
    void endToEndOnARealStudy() throws Exception {
        String spec = """
                { "name": "plots", "seed": 5,
                  "sweep": {"model.width": [4, 16], "seed": [1, 2]},
                  "data": {"kind": "sphere", "n": 6, "d": 3, "target": {"kind": "teacher", "width": 2, "activation": "tanh"}},
                  "model": {"width": 8, "activation": "tanh", "scaling": "ntk", "train": ["w", "a"]},
                  "integrator": {"name": "euler", "dt": 0.1},
                  "stop": {"max_steps": 5},
                  "observe": {"every": 1, "metrics": ["max_weight_change"]},
                  "backend": "ejml" }
                """;
        Study study = Study.parse(StudyPlanTest.GDFLOW, spec, Path.of("."));
        List<IndexRow> rows = study.run(dir, 1, StudyListener.NONE);
        List<Path> written = StudyPlots.write(dir, rows);
        assertEquals(files("loss", "max_weight_change", "final_loss_vs_model.width",
                "final_max_weight_change_vs_model.width"), written);
        assertPlots(written);

        List<String> swept = StudyPlots.sweptPaths(rows);
        List<StudyPlots.Trajectory> runs = new ArrayList<>();
        for (IndexRow row : rows) {
            runs.add(StudyPlots.read(dir.resolve(row.get("id")).resolve("trajectory.csv"),
                    StudyPlots.label(row, swept, List.of())));
        }
        XYChart loss = StudyPlots.timeChart("loss", runs);
        assertEquals(List.of("width=4, seed=1", "width=4, seed=2", "width=16, seed=1", "width=16, seed=2"),
                List.copyOf(loss.getSeriesMap().keySet()));
        List<String> lines = Files.readAllLines(dir.resolve(rows.get(3).get("id")).resolve("trajectory.csv"));
        assertEquals("step,time,loss,max_weight_change", lines.get(0));
        double[] y = loss.getSeriesMap().get("width=16, seed=2").getYData();
        assertEquals(lines.size() - 1, y.length);
        for (int i = 1; i < lines.size(); i++) {
            assertEquals(Double.parseDouble(lines.get(i).split(",")[2]), y[i - 1]);
        }
        XYChart widths = StudyPlots.scalingChart("model.width", "final_loss", rows, swept);
        assertEquals(2, widths.getSeriesMap().size());
        assertTrue(widths.getSeriesMap().keySet().iterator().next().startsWith("seed=1 (slope "));
    }
}
