package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.gdflow.core.error.GdflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.w3c.dom.Element;

/**
 * The plots of a study: files and their sizes, seeds as a mean line in a min–max band (against
 * values worked out by hand), panels per value of the first swept path, diverged runs left out,
 * log-axis filtering, slopes against slopes.csv.
 */
class StudyPlotsTest {
    private static final double TOL = 1e-12;

    @TempDir
    Path dir;

    /** An index row: id, the swept cells in order, the summary columns (status, final_loss, ...), then the extra cells. */
    static IndexRow row(String id, Map<String, String> swept, String status, String finalLoss, Map<String, String> extra) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("id", id);
        cells.putAll(swept);
        for (String key : StudyIndex.SUMMARY) {
            cells.put(key, "");
        }
        cells.put("status", status);
        cells.put("final_loss", finalLoss);
        cells.putAll(extra);
        return new IndexRow(cells);
    }

    /** Swept cells in the given order: path, value, path, value, ... */
    static Map<String, String> sw(String... pathsAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            out.put(pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return out;
    }

    private void trajectory(String id, String text) throws Exception {
        Files.createDirectories(dir.resolve(id));
        Files.writeString(dir.resolve(id).resolve("trajectory.csv"), text);
    }

    /**
     * Two widths × two seeds; the loss of (width w, seed s) is c, c/2, c/4 at t = 0, 0.5, 1 with
     * c = 10 w + s, and max_weight_change is 0, 0.25 s, 0.5 s.
     */
    private List<IndexRow> fourRuns() throws Exception {
        List<IndexRow> rows = new ArrayList<>();
        for (int width : new int[] {4, 16}) {
            for (int seed : new int[] {1, 2}) {
                String id = "width=" + width + "_seed=" + seed;
                double c = width * 10 + seed;
                trajectory(id, "step,time,loss,max_weight_change\n0,0.0," + c + ",0.0\n1,0.5," + c / 2 + "," + 0.25 * seed
                        + "\n2,1.0," + c / 4 + "," + 0.5 * seed + "\n");
                rows.add(row(id, sw("model.width", "" + width, "seed", "" + seed), "time_limit", "" + c / 4,
                        Map.of("final_max_weight_change", "" + 0.5 * seed)));
            }
        }
        return rows;
    }

    static void assertPng(Path file, int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(width, image.getWidth(), file.toString());
        assertEquals(height, image.getHeight(), file.toString());
    }

    /** Parses the SVG (without fetching its DTD) and checks its root's size. */
    static void assertSvg(Path file, int width, int height) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(width + "px", root.getAttribute("width"), file.toString());
        assertEquals(height + "px", root.getAttribute("height"), file.toString());
        assertEquals("0 0 " + width + " " + height, root.getAttribute("viewBox"), file.toString());
    }

    /** Every PNG and SVG of {@code files} exists, reads back and has the size of one chart (800×500). */
    static void assertPlots(List<Path> files) throws Exception {
        for (Path file : files) {
            assertTrue(Files.isRegularFile(file), file.toString());
            if (file.toString().endsWith(".png")) {
                assertPng(file, 800, 500);
            } else {
                assertSvg(file, 800, 500);
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

    private static Map<IndexRow, StudyPlots.Trajectory> trajectories(Path dir, List<IndexRow> rows) {
        Map<IndexRow, StudyPlots.Trajectory> out = new LinkedHashMap<>();
        for (IndexRow row : rows) {
            Path file = dir.resolve(row.get("id")).resolve("trajectory.csv");
            if (Files.isRegularFile(file)) {
                out.put(row, StudyPlots.read(file));
            }
        }
        return out;
    }

    @Test
    void writesOnePlotPerTrajectoryColumnAndPerFinalColumnAgainstWidth() throws Exception {
        List<Path> written = StudyPlots.write(dir, fourRuns());
        assertEquals(files("loss", "max_weight_change", "final_loss_vs_model.width", "final_max_weight_change_vs_model.width"),
                written);
        assertPlots(written);
        assertEquals("true", System.getProperty("java.awt.headless"));
        // no temporary file is left beside the plots
        try (var list = Files.list(dir)) {
            assertEquals(4 + 8, list.count());
        }
    }

    @Test
    void seedsOfAVariantAreOneMeanLineInsideItsMinMaxBand() throws Exception {
        List<IndexRow> rows = fourRuns();
        StudyPlots.Layout layout = StudyPlots.Layout.of(rows);
        assertEquals(List.of("model.width", "seed"), layout.swept());
        assertNull(layout.panelPath());
        assertEquals(List.of("model.width"), layout.seriesPaths());
        List<XYChart> panels = StudyPlots.timePanels("loss", layout, trajectories(dir, rows));
        assertEquals(1, panels.size());
        XYChart chart = panels.get(0);
        // one band (not in the legend) behind each mean line
        assertEquals(List.of("width=4 (min–max)", "width=4", "width=16 (min–max)", "width=16"),
                List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries mean = chart.getSeriesMap().get("width=4");
        assertArrayEquals(new double[] {0, 0.5, 1}, mean.getXData());
        // seeds 1 and 2 of width 4: c = 41 and 42, so (41 + 42)/2, then halved twice
        assertArrayEquals(new double[] {41.5, 20.75, 10.375}, mean.getYData(), TOL);
        assertEquals(SeriesMarkers.NONE, mean.getMarker());
        assertEquals(SeriesLines.SOLID, mean.getLineStyle());
        assertTrue(mean.isShowInLegend());
        XYSeries band = chart.getSeriesMap().get("width=16 (min–max)");
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
        assertFalse(band.isShowInLegend());
        // the maxima forwards (seed 2: 162, 81, 40.5), the minima backwards (seed 1: 161, 80.5, 40.25)
        assertArrayEquals(new double[] {0, 0.5, 1, 1, 0.5, 0}, band.getXData());
        assertArrayEquals(new double[] {162, 81, 40.5, 40.25, 80.5, 161}, band.getYData(), TOL);
        // the band in the line's colour, translucent
        XYSeries line16 = chart.getSeriesMap().get("width=16");
        assertEquals(line16.getLineColor().getRGB() & 0xffffff, band.getFillColor().getRGB() & 0xffffff);
        assertEquals(56, band.getFillColor().getAlpha());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertFalse(chart.getStyler().isXAxisLogarithmic());
        assertEquals("t (flow time)", chart.getXAxisTitle());
        assertEquals("loss (mean, min–max over seeds)", chart.getYAxisTitle());
        assertEquals("loss against t", chart.getTitle());
        // solid grid lines, half a pixel wide
        assertEquals(0.5f, chart.getStyler().getPlotGridLinesStroke().getLineWidth());
        assertEquals(null, chart.getStyler().getPlotGridLinesStroke().getDashArray());
        assertEquals(800, chart.getWidth());
        assertEquals(500, chart.getHeight());

        // max_weight_change is 0 at t = 0 for every seed: that point is left out of the line and the band
        XYChart metric = StudyPlots.timePanels("max_weight_change", layout, trajectories(dir, rows)).get(0);
        assertArrayEquals(new double[] {0.5, 1}, metric.getSeriesMap().get("width=4").getXData());
        assertArrayEquals(new double[] {0.375, 0.75}, metric.getSeriesMap().get("width=4").getYData(), TOL);
        assertArrayEquals(new double[] {0.5, 1, 0.5, 0.25}, metric.getSeriesMap().get("width=4 (min–max)").getYData(), TOL);
    }

    @Test
    void aVariantOfOneRunIsAPlainLineAndKeepsItsColourAcrossPanels() throws Exception {
        // scaling × width, no seed: two panels (one per scaling), one line per width
        List<IndexRow> rows = new ArrayList<>();
        for (String scaling : List.of("ntk", "mean-field")) {
            for (int width : new int[] {8, 32}) {
                String id = scaling + width;
                trajectory(id, "step,time,loss\n0,0," + width + "\n1,2," + width / 4.0 + "\n");
                rows.add(row(id, sw("model.scaling", scaling, "model.width", "" + width), "time_limit", "1", Map.of()));
            }
        }
        StudyPlots.Layout layout = StudyPlots.Layout.of(rows);
        assertEquals("model.scaling", layout.panelPath());
        assertEquals(List.of("model.width"), layout.seriesPaths());
        assertEquals(List.of("model.scaling", "model.width"), layout.variantPaths());
        List<XYChart> panels = StudyPlots.timePanels("loss", layout, trajectories(dir, rows));
        assertEquals(List.of("loss against t, scaling=ntk", "loss against t, scaling=mean-field"),
                panels.stream().map(XYChart::getTitle).toList());
        for (XYChart panel : panels) {
            assertEquals(List.of("width=8", "width=32"), List.copyOf(panel.getSeriesMap().keySet()));
            assertEquals(640, panel.getWidth());
            assertEquals(480, panel.getHeight());
            // no band, so no note on the y axis
            assertEquals("loss", panel.getYAxisTitle());
            // both panels share the ranges of all: t from 0 to 2, loss from 8/4 to 32
            assertEquals(0.0, panel.getStyler().getXAxisMin());
            assertEquals(2.0, panel.getStyler().getXAxisMax());
            assertEquals(2.0, panel.getStyler().getYAxisMin());
            assertEquals(32.0, panel.getStyler().getYAxisMax());
        }
        assertEquals(panels.get(0).getSeriesMap().get("width=32").getLineColor(),
                panels.get(1).getSeriesMap().get("width=32").getLineColor());
        assertFalse(panels.get(0).getSeriesMap().get("width=8").getLineColor()
                .equals(panels.get(0).getSeriesMap().get("width=32").getLineColor()));
        assertArrayEquals(new double[] {32, 8}, panels.get(1).getSeriesMap().get("width=32").getYData());

        // the figure: two panels side by side, 1280×480
        List<Path> written = StudyPlots.write(dir, rows);
        assertEquals(files("loss", "final_loss_vs_model.width"), written);
        assertPng(dir.resolve("loss.png"), 1280, 480);
        assertSvg(dir.resolve("loss.svg"), 1280, 480);
        assertPng(dir.resolve("final_loss_vs_model.width.png"), 800, 500);
    }

    @Test
    void gridsSpreadThePanelsEvenlyOverAsFewRowsAsThreeColumnsAllow() {
        assertEquals(1, StudyPlots.columns(1));
        assertEquals(2, StudyPlots.columns(2));
        assertEquals(3, StudyPlots.columns(3));
        assertEquals(2, StudyPlots.columns(4));
        assertEquals(3, StudyPlots.columns(5));
        assertEquals(3, StudyPlots.columns(6));
        assertEquals(3, StudyPlots.columns(7));
        assertEquals(3, StudyPlots.columns(9));
        assertEquals(3, StudyPlots.columns(10));
    }

    @Test
    void fourPanelsMakeATwoByTwoGrid() throws Exception {
        List<IndexRow> rows = new ArrayList<>();
        for (int n : new int[] {4, 8, 16, 32}) {
            for (int width : new int[] {2, 4}) {
                String id = "n" + n + "w" + width;
                trajectory(id, "step,time,loss\n0,0,1\n1,1,0.5\n");
                rows.add(row(id, sw("data.n", "" + n, "model.width", "" + width), "time_limit", "0.5", Map.of()));
            }
        }
        StudyPlots.write(dir, rows);
        assertPng(dir.resolve("loss.png"), 1280, 960);
        assertSvg(dir.resolve("loss.svg"), 1280, 960);
    }

    @Test
    void divergedRunsAreLeftOutOfEveryPlotAndCountedInTheLegend() throws Exception {
        List<IndexRow> rows = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            for (int width : new int[] {2, 8}) {
                String id = "w" + width + "s" + seed;
                boolean diverged = width == 2 && seed == 3;
                trajectory(id, "step,time,loss\n0,0,1\n1,1," + (diverged ? "1e12" : "" + 0.1 * seed) + "\n");
                rows.add(row(id, sw("model.width", "" + width, "seed", "" + seed), diverged ? "diverged" : "time_limit",
                        diverged ? "1e12" : "" + 0.1 * seed, Map.of()));
            }
        }
        assertTrue(StudyPlots.isDiverged(rows.get(4)));
        assertFalse(StudyPlots.isDiverged(rows.get(0)));
        StudyPlots.Layout layout = StudyPlots.Layout.of(rows);
        XYChart time = StudyPlots.timePanels("loss", layout, trajectories(dir, rows)).get(0);
        XYSeries two = time.getSeriesMap().get("width=2 (1 of 3 diverged, left out)");
        // seeds 1 and 2 only: (0.1 + 0.2)/2 at t = 1
        assertArrayEquals(new double[] {1, 0.15}, two.getYData(), TOL);
        assertTrue(time.getSeriesMap().containsKey("width=8"));

        XYChart finals = StudyPlots.scalingChart("model.width", "final_loss", rows, layout);
        XYSeries line = finals.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).findFirst().orElseThrow();
        // width 2 averages seeds 1 and 2, (0.1 + 0.2)/2, width 8 all three, (0.1 + 0.2 + 0.3)/3: slope ln(4/3)/ln 4
        assertEquals("final_loss (1 of 6 diverged, left out) (slope 0.208)", line.getName());
        assertArrayEquals(new double[] {0.15, 0.2}, line.getYData(), TOL);
        assertEquals("", StudyPlots.divergedNote(new int[] {0, 4}));
        assertEquals(" (2 of 4 diverged, left out)", StudyPlots.divergedNote(new int[] {2, 4}));
    }

    @Test
    void aBandWhoseMinimumIsNeverPositiveIsNotDrawn() throws Exception {
        // seed 1's metric is 0 at every row, seed 2's is 2 then 3: the means 1 and 1.5 are drawn, the band (from 0) is not
        trajectory("s1", "step,time,loss,m\n0,0,1,0\n1,1,1,0\n");
        trajectory("s2", "step,time,loss,m\n0,0,1,2\n1,1,1,3\n");
        List<IndexRow> rows = List.of(row("s1", sw("seed", "1"), "time_limit", "1", Map.of()),
                row("s2", sw("seed", "2"), "time_limit", "1", Map.of()));
        XYChart chart = StudyPlots.timePanels("m", StudyPlots.Layout.of(rows), trajectories(dir, rows)).get(0);
        assertEquals(List.of("m"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {1, 1.5}, chart.getSeriesMap().get("m").getYData());
        assertEquals("m", chart.getYAxisTitle());
    }

    @Test
    void zeroNegativeAndNonFiniteValuesAreLeftOutOfTheLogAxis() throws Exception {
        trajectory("a", "step,time,loss\n0,0,4\n1,1,0.0\n2,2,1e-3\n3,3,NaN\n4,4,Infinity\n5,5,-1\n6,6,\n7,NaN,2\n8,-1,2\n9,9\n");
        StudyPlots.Trajectory run = StudyPlots.read(dir.resolve("a").resolve("trajectory.csv"));
        IndexRow only = row("a", Map.of(), "time_limit", "1", Map.of());
        XYSeries series = StudyPlots.timePanels("loss", StudyPlots.Layout.of(List.of(only)), Map.of(only, run)).get(0)
                .getSeriesMap().get("loss");
        // the times are increasing where they are finite; 0 and −1 are left out of the log axis
        assertArrayEquals(new double[] {0, 2}, series.getXData());
        assertArrayEquals(new double[] {4, 1e-3}, series.getYData());
        // every cell read, a missing or empty one as NaN
        assertEquals(List.of("step", "time", "loss"), run.columns());
        assertEquals(3, run.values().size());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, run.column("step"));
        assertArrayEquals(new double[] {4, 0, 1e-3, Double.NaN, Double.POSITIVE_INFINITY, -1, Double.NaN, 2, 2, Double.NaN},
                run.column("loss"));
        assertArrayEquals(new double[] {0, 2}, StudyPlots.positivePoints(new double[] {0, 1, 2, 3},
                new double[] {4, 0, 1e-3, -2})[0]);
        assertArrayEquals(new double[] {1}, StudyPlots.positivePoints(new double[] {-1, 1, Double.NaN, Double.POSITIVE_INFINITY},
                new double[] {1, 1, 1, 1})[0]);
        assertArrayEquals(new double[] {2}, StudyPlots.positivePoints(new double[] {1, 2, 3},
                new double[] {Double.POSITIVE_INFINITY, 5, Double.NaN})[0]);
    }

    @Test
    void aSingleRunGetsItsLossPlotAndAnAllZeroMetricNone() throws Exception {
        trajectory("tiny", "step,time,loss,max_a_change\n0,0,1,0\n1,0.1,0.5,0\n");
        IndexRow only = row("tiny", Map.of(), "time_limit", "0.5", Map.of("final_max_a_change", "0"));
        List<Path> written = StudyPlots.write(dir, List.of(only));
        assertEquals(files("loss"), written);
        assertPlots(written);
        XYChart loss = StudyPlots.timePanels("loss", StudyPlots.Layout.of(List.of(only)), trajectories(dir, List.of(only))).get(0);
        assertEquals(List.of("loss"), List.copyOf(loss.getSeriesMap().keySet()));
        // the metric is 0 throughout: no line, no band, and no note about seeds on the axis
        XYChart zero = StudyPlots.timePanels("max_a_change", StudyPlots.Layout.of(List.of(only)),
                trajectories(dir, List.of(only))).get(0);
        assertTrue(zero.getSeriesMap().isEmpty());
        assertEquals("max_a_change", zero.getYAxisTitle());
        assertEquals(List.of(), StudyPlots.write(dir, List.of()));
        // a run folder reported on its own: its trajectory is in the folder itself
        Path run = dir.resolve("tiny");
        assertEquals(List.of(run.resolve("loss.png"), run.resolve("loss.svg")), StudyPlots.write(run, List.of(only), r -> run));
    }

    @Test
    void aRunWithOnePointAndAFailedRunWithoutTrajectory() throws Exception {
        trajectory("w=2", "step,time,loss\n0,0,3\n");
        List<IndexRow> rows = List.of(row("w=2", sw("model.width", "2"), "time_limit", "3", Map.of()),
                row("w=8", sw("model.width", "8"), "failed", "", Map.of()));
        List<Path> written = StudyPlots.write(dir, rows);
        // width has two values, but only one run has a final loss: a plot of one point, no slope
        assertEquals(files("loss", "final_loss_vs_model.width"), written);
        assertPlots(written);
        XYChart chart = StudyPlots.scalingChart("model.width", "final_loss", rows, StudyPlots.Layout.of(rows));
        assertEquals(List.of("final_loss"), List.copyOf(chart.getSeriesMap().keySet()));
        // one point: every tick labelled
        assertFalse(chart.getStyler().isXAxisLogarithmicDecadeOnly());
        assertFalse(chart.getStyler().isYAxisLogarithmicDecadeOnly());
    }

    @Test
    void slopeInTheLegendIsFittedThroughTheSeedMeans() {
        // final_loss = c m^(-1/2) with c = 3 (seed 1) and c = 5 (seed 2): mean 4 m^(-1/2), slope exactly -1/2
        List<IndexRow> rows = new ArrayList<>();
        for (int width : new int[] {4, 16, 64, 256}) {
            for (int seed : new int[] {1, 2}) {
                double c = seed == 1 ? 3 : 5;
                rows.add(row("w" + width + "s" + seed, sw("model.scaling", "ntk", "model.width", "" + width, "seed", "" + seed),
                        "time_limit", "" + c / Math.sqrt(width), Map.of()));
            }
        }
        StudyPlots.Layout layout = StudyPlots.Layout.of(rows);
        XYChart chart = StudyPlots.scalingChart("model.width", "final_loss", rows, layout);
        assertEquals(List.of("scaling=ntk (slope -0.500) (min–max)", "scaling=ntk (slope -0.500)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries mean = chart.getSeriesMap().get("scaling=ntk (slope -0.500)");
        assertArrayEquals(new double[] {4, 16, 64, 256}, mean.getXData());
        assertArrayEquals(new double[] {2, 1, 0.5, 0.25}, mean.getYData(), TOL);
        // markers on the points of a log–log plot
        assertFalse(mean.getMarker() == SeriesMarkers.NONE);
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals("model.width", chart.getXAxisTitle());
        assertEquals("final_loss (mean, min–max over seeds)", chart.getYAxisTitle());
        assertEquals("final_loss against model.width", chart.getTitle());
        // widths 4 to 256, losses 0.25 to 2: more than a decade, labels at powers of ten only
        assertTrue(chart.getStyler().isXAxisLogarithmicDecadeOnly());
        assertFalse(chart.getStyler().isYAxisLogarithmicDecadeOnly());
        XYSeries band = chart.getSeriesMap().get("scaling=ntk (slope -0.500) (min–max)");
        assertArrayEquals(new double[] {2.5, 1.25, 0.625, 0.3125, 0.1875, 0.375, 0.75, 1.5}, band.getYData(), TOL);
    }

    @Test
    void rateIsDrawnWithItsBoundAndTheBoundDashedInTheSameColour() {
        // rate = 0.1 n^0 and rate_bound = n^-1, per scaling; gram_min_eig_initial without lambda0 in the index
        List<IndexRow> rows = new ArrayList<>();
        for (String scaling : List.of("ntk", "mean-field")) {
            for (int n : new int[] {10, 100}) {
                Map<String, String> extra = new LinkedHashMap<>();
                rows.add(row(scaling + n, sw("model.scaling", scaling, "data.n", "" + n), "time_limit", "1", extra));
            }
        }
        List<IndexRow> withRates = new ArrayList<>();
        for (IndexRow r : rows) {
            Map<String, String> cells = new LinkedHashMap<>(r.cells());
            double n = Double.parseDouble(r.get("data.n"));
            cells.put("rate", "0.1");
            cells.put("rate_bound", "" + 1 / n);
            cells.put("gram_min_eig_initial", "" + 2 / n);
            withRates.add(new IndexRow(cells));
        }
        assertEquals(List.of("final_loss", "rate", "gram_min_eig_initial"), StudyPlots.finalQuantities(withRates));
        StudyPlots.Layout layout = StudyPlots.Layout.of(withRates);
        XYChart rate = StudyPlots.scalingChart("data.n", "rate", withRates, layout);
        assertEquals("rate and rate_bound against data.n", rate.getTitle());
        assertEquals("rate, rate_bound", rate.getYAxisTitle());
        assertEquals(List.of("scaling=ntk: rate (slope 0.000)", "scaling=ntk: rate_bound (slope -1.000)",
                "scaling=mean-field: rate (slope 0.000)", "scaling=mean-field: rate_bound (slope -1.000)"),
                List.copyOf(rate.getSeriesMap().keySet()));
        XYSeries ntkRate = rate.getSeriesMap().get("scaling=ntk: rate (slope 0.000)");
        XYSeries ntkBound = rate.getSeriesMap().get("scaling=ntk: rate_bound (slope -1.000)");
        XYSeries mfRate = rate.getSeriesMap().get("scaling=mean-field: rate (slope 0.000)");
        assertEquals(ntkRate.getLineColor(), ntkBound.getLineColor());
        assertFalse(ntkRate.getLineColor().equals(mfRate.getLineColor()));
        assertEquals(SeriesLines.SOLID, ntkRate.getLineStyle());
        assertEquals(SeriesLines.DASH_DASH, ntkBound.getLineStyle());
        // lambda0 is not a column: gram_min_eig_initial alone
        XYChart gram = StudyPlots.scalingChart("data.n", "gram_min_eig_initial", withRates, layout);
        assertEquals("gram_min_eig_initial against data.n", gram.getTitle());
        assertEquals(2, gram.getSeriesMap().size());
        assertEquals(Map.of("rate", "rate_bound", "gram_min_eig_initial", "lambda0"), StudyPlots.SUMMARY_PLOTS);
    }

    @Test
    void onlyNumericMultiValuedNonSeedAxesGetSlopePlots() {
        List<IndexRow> rows = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            rows.add(row("r" + i, sw("model.scaling", i == 1 ? "ntk" : "mean-field", "data.n", "8", "seed", "" + i,
                    "data.target.seed", "" + i, "model.width", "" + 4 * i, "integrator.dt", i == 1 ? "0" : "0.1",
                    "model.alpha", i == 1 ? "-1" : "0.5"), "time_limit", "1", Map.of()));
        }
        assertFalse(StudyPlots.isScalingAxis("model.scaling", rows));
        assertFalse(StudyPlots.isScalingAxis("data.n", rows));
        assertFalse(StudyPlots.isScalingAxis("seed", rows));
        // only the path named exactly seed is the seed
        assertTrue(StudyPlots.isScalingAxis("data.target.seed", rows));
        assertTrue(StudyPlots.isScalingAxis("model.width", rows));
        assertFalse(StudyPlots.isScalingAxis("integrator.dt", rows));
        assertFalse(StudyPlots.isScalingAxis("model.alpha", rows));
        assertEquals("scaling=ntk, n=8, seed=1", StudyPlots.label(rows.get(0), List.of("model.scaling", "data.n", "seed")));
        assertEquals("", StudyPlots.label(rows.get(0), List.of()));
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
        GdflowException e = assertThrows(GdflowException.class, () -> StudyPlots.read(dir.resolve("x").resolve("trajectory.csv")));
        assertTrue(e.getMessage().startsWith("cannot read " + dir.resolve("x").resolve("trajectory.csv")), e.getMessage());
    }

    @Test
    void endToEndTheLegendSlopeIsSlopesCsvs() throws Exception {
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
        assertEquals(files("loss", "max_weight_change", "final_loss_vs_model.width", "final_max_weight_change_vs_model.width",
                "rate_vs_model.width", "gram_min_eig_initial_vs_model.width"), written);
        assertPlots(written);

        StudyPlots.Layout layout = StudyPlots.Layout.of(rows);
        XYChart loss = StudyPlots.timePanels("loss", layout, trajectories(dir, rows)).get(0);
        assertEquals(List.of("width=4 (min–max)", "width=4", "width=16 (min–max)", "width=16"),
                List.copyOf(loss.getSeriesMap().keySet()));
        // the mean line against the two seeds' trajectory.csv, row by row
        List<String> one = Files.readAllLines(dir.resolve(rows.get(2).get("id")).resolve("trajectory.csv"));
        List<String> two = Files.readAllLines(dir.resolve(rows.get(3).get("id")).resolve("trajectory.csv"));
        double[] y = loss.getSeriesMap().get("width=16").getYData();
        assertEquals(one.size() - 1, y.length);
        for (int i = 1; i < one.size(); i++) {
            double mean = (Double.parseDouble(one.get(i).split(",")[2]) + Double.parseDouble(two.get(i).split(",")[2])) / 2;
            assertEquals(mean, y[i - 1], 1e-15 * mean);
        }
        // the slope in the legend is the one slopes.csv holds for the same quantity
        String slopes = Files.readString(dir.resolve("slopes.csv"));
        Optional<String> lossRow = slopes.lines().filter(l -> l.startsWith("model.width,,final_loss,")).findFirst();
        double slope = Double.parseDouble(lossRow.orElseThrow().split(",")[4]);
        XYChart widths = StudyPlots.scalingChart("model.width", "final_loss", rows, layout);
        assertEquals(List.of(String.format(java.util.Locale.ROOT, "final_loss (slope %.3f)", slope)),
                widths.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList());
    }
}
