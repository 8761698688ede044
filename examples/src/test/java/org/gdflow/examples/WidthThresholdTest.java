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

/** The width-threshold analysis against thresholds set by hand, and the program end to end on a tiny study. */
class WidthThresholdTest {
    private static final double TOL = 1e-12;

    @TempDir
    Path dir;

    /** A row of index.csv: n, width, seed and final loss. */
    private static IndexRow row(int n, int width, int seed, String finalLoss) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("id", "n=" + n + "_width=" + width + "_seed=" + seed);
        cells.put("data.n", Integer.toString(n));
        cells.put("model.width", Integer.toString(width));
        cells.put("seed", Integer.toString(seed));
        cells.put("status", "time_limit");
        cells.put("final_loss", finalLoss);
        return new IndexRow(cells);
    }

    /**
     * n = 8, 16, 32 with m* = 4, 8, 16 (m* = n/2: exponent exactly 1); at half of m* exactly 8 of 10 seeds
     * reach the loss (one short), at m* exactly 9 (one to spare: a failed run's empty cell, a loss
     * just above); n = 64 reaches it nowhere.
     */
    private static List<IndexRow> rows() {
        List<IndexRow> rows = new ArrayList<>();
        for (int n : new int[] {8, 16, 32, 64}) {
            for (int width : new int[] {2, 4, 8, 16}) {
                for (int seed = 1; seed <= 10; seed++) {
                    int reached = n == 64 ? 0 : width * 2 == n ? 9 : width * 2 > n ? 10 : width * 4 == n ? 8 : 0;
                    String loss = seed <= reached ? (seed == 1 ? "1.0E-6" : "1.0E-9") : seed == 10 ? "" : "1.0000001E-6";
                    rows.add(row(n, width, seed, loss));
                }
            }
        }
        return rows;
    }

    @Test
    void theThresholdIsTheSmallestWidthWhereNineInTenReachTheLoss() {
        WidthThreshold.Result result = WidthThreshold.analyse(rows(), 1e-6);
        assertEquals(List.of(new WidthThreshold.Threshold(8, 4, 10, 9), new WidthThreshold.Threshold(16, 8, 10, 9),
                new WidthThreshold.Threshold(32, 16, 10, 9), new WidthThreshold.Threshold(64, 0, 0, 0)), result.thresholds());
        assertEquals(16, result.cells().size());
        assertEquals(new WidthThreshold.Cell(16, 4, 10, 8), result.cells().get(5));
        // m* = n / 2: slope 1 exactly, R² 1; n = 64 has no m* and is left out of the fit
        assertEquals(1.0, result.fit().slope(), TOL);
        assertEquals(1.0, result.fit().r2(), TOL);
        assertEquals(Map.of("Du et al. (2019)", 6, "Song and Yang (2019)", 4, "Das and Golikov", 2), WidthThreshold.PUBLISHED);
    }

    @Test
    void theTableShowsEachCellAndTheExponents() {
        String table = WidthThreshold.table(WidthThreshold.analyse(rows(), 1e-6), 1e-6, 200.0, 16);
        List<String> lines = table.lines().toList();
        assertEquals("seeds reaching loss <= 1.0E-6 by t = 200.0 (d = 16), and m*(n), the smallest width where at least 90 %"
                + " of them do:", lines.get(0));
        assertEquals("     n     m*     m=2     m=4     m=8    m=16", lines.get(1));
        assertEquals("     8      4    8/10    9/10   10/10   10/10", lines.get(2));
        assertEquals("    64   none    0/10    0/10    0/10    0/10", lines.get(5));
        assertEquals("measured: m* ~ n^1.00 (log-log least squares over 3 values of n, R^2 = 1.000)", lines.get(6));
        assertEquals("published sufficient widths: Du et al. (2019) n^6, Song and Yang (2019) n^4, Das and Golikov n^2",
                lines.get(7));
        assertEquals("parameter count: interpolating n points needs m(d+1) >= n, m ~ n^1", lines.get(8));
        // one n alone has no exponent
        String one = WidthThreshold.table(WidthThreshold.analyse(rows().subList(0, 40), 1e-6), 1e-6, 1.0, 3);
        assertTrue(one.contains("measured: fewer than two n with an m* on this grid; no exponent\n"), one);
    }

    // compares against: index.csv read back by this test, the analysis of it, and the files the program promises
    @Test
    void theProgramRunsAStudyAndWritesItsTablesPlotsAndReport() throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), """
                { "name": "tiny-threshold", "seed": 1,
                  "data": {"kind": "sphere", "n": 4, "d": 3, "target": {"kind": "random"}},
                  "model": {"width": 4, "activation": "tanh", "scaling": "ntk", "init": {"symmetric": true}},
                  "loss": "sum",
                  "integrator": {"name": "rk4", "dt": 0.2},
                  "stop": {"time": 6.0, "loss_below": 1e-3},
                  "backend": "ejml",
                  "sweep": {"data.n": [4, 8], "model.width": [2, 16], "seed": [1, 2]} }
                """);
        Path out = dir.resolve("out");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        WidthThreshold.Result result;
        try (PrintStream print = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            result = WidthThreshold.run(spec, out, print);
        }
        List<String> index = Files.readAllLines(out.resolve("index.csv"));
        List<String> header = List.of(index.get(0).split(","));
        List<IndexRow> rows = new ArrayList<>();
        for (String line : index.subList(1, index.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), cells[c]);
            }
            rows.add(new IndexRow(row));
        }
        assertEquals(8, rows.size());
        assertEquals(WidthThreshold.analyse(rows, 1e-3), result);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("width-threshold: 8 runs into " + out + " (runs finished there are skipped)\n"), text);
        assertTrue(text.contains(WidthThreshold.table(result, 1e-3, 6.0, 3)), text);
        assertTrue(text.endsWith("wrote " + out.resolve("threshold.csv") + ", reached.csv, m_star_vs_n.png, reached_vs_width.png and "
                + out.resolve("report.html") + "\n"), text);
        List<String> thresholds = Files.readAllLines(out.resolve("threshold.csv"));
        assertEquals("data.n,m_star,seeds,reached", thresholds.get(0));
        for (int i = 0; i < result.thresholds().size(); i++) {
            WidthThreshold.Threshold t = result.thresholds().get(i);
            assertEquals(t.n() + "," + (t.mStar() > 0 ? t.mStar() : "") + "," + t.seeds() + "," + t.reached(), thresholds.get(i + 1));
        }
        assertEquals(5, Files.readAllLines(out.resolve("reached.csv")).size());
        for (String name : List.of("reached_vs_width.png", "report.html", "loss.png")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        // the report shows the program's table too
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Table (threshold.csv)"));
    }

    @Test
    void aStudyWithoutATargetLossIsRefused() throws Exception {
        Path spec = Files.writeString(dir.resolve("no-target.json"), "{\"stop\": {\"time\": 1}}");
        assertEquals(spec + ": stop.loss_below must be the target loss (> 0); it is ",
                assertThrows(IllegalArgumentException.class, () -> WidthThreshold.run(spec, dir, System.out)).getMessage());
    }

    @Test
    void theChartsShowTheSharesAndTheThresholdsAgainstThePublishedExponents() {
        WidthThreshold.Result result = WidthThreshold.analyse(rows(), 1e-6);
        XYChart reached = WidthThreshold.reachedChart(result);
        assertEquals(List.of("n=8", "n=16", "n=32", "n=64", "required share 0.9"), List.copyOf(reached.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {2, 4, 8, 16}, reached.getSeriesMap().get("n=16").getXData());
        // reached / seeds: 0 of 10 at width 2, 8 at 4, 9 at 8, 10 at 16
        assertArrayEquals(new double[] {0, 0.8, 0.9, 1}, reached.getSeriesMap().get("n=16").getYData(), TOL);
        assertArrayEquals(new double[] {2, 16}, reached.getSeriesMap().get("required share 0.9").getXData());
        assertArrayEquals(new double[] {0.9, 0.9}, reached.getSeriesMap().get("required share 0.9").getYData());
        assertEquals("model.width m", reached.getXAxisTitle());

        XYChart mStar = WidthThreshold.mStarChart(result, 16);
        assertEquals(List.of("measured m* (slope 1.00)", "m(d+1) = n", "Du et al. (2019): n^6", "Song and Yang (2019): n^4",
                "Das and Golikov: n^2"), List.copyOf(mStar.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {8, 16, 32}, mStar.getSeriesMap().get("measured m* (slope 1.00)").getXData());
        assertArrayEquals(new double[] {4, 8, 16}, mStar.getSeriesMap().get("measured m* (slope 1.00)").getYData());
        // n/(d+1) with d = 16; the papers' exponents through (8, 4): 4·(32/8)^k
        assertArrayEquals(new double[] {8.0 / 17, 32.0 / 17}, mStar.getSeriesMap().get("m(d+1) = n").getYData(), TOL);
        assertArrayEquals(new double[] {4, 16384}, mStar.getSeriesMap().get("Du et al. (2019): n^6").getYData(), TOL);
        assertArrayEquals(new double[] {4, 1024}, mStar.getSeriesMap().get("Song and Yang (2019): n^4").getYData(), TOL);
        assertArrayEquals(new double[] {4, 64}, mStar.getSeriesMap().get("Das and Golikov: n^2").getYData(), TOL);
        assertArrayEquals(new double[] {8, 32}, mStar.getSeriesMap().get("Das and Golikov: n^2").getXData());
        // one threshold: no slope; none: no chart
        WidthThreshold.Result one = WidthThreshold.analyse(rows().subList(0, 40), 1e-6);
        assertTrue(WidthThreshold.mStarChart(one, 16).getSeriesMap().containsKey("measured m*"));
        WidthThreshold.Result none = WidthThreshold.analyse(rows().subList(120, 160), 1e-6);
        assertTrue(WidthThreshold.mStarChart(none, 16).getSeriesMap().isEmpty());
    }

    @Test
    void theFilesAreWrittenAndTheThresholdPlotOnlyWithAThreshold() throws Exception {
        WidthThreshold.write(WidthThreshold.analyse(rows().subList(120, 160), 1e-6), 16, dir);
        assertEquals(List.of("data.n,m_star,seeds,reached", "64,,0,0"), Files.readAllLines(dir.resolve("threshold.csv")));
        assertEquals("64,2,10,0", Files.readAllLines(dir.resolve("reached.csv")).get(1));
        assertTrue(Files.isRegularFile(dir.resolve("reached_vs_width.png")));
        assertFalse(Files.exists(dir.resolve("m_star_vs_n.png")));
        WidthThreshold.write(WidthThreshold.analyse(rows(), 1e-6), 16, dir);
        assertTrue(Files.isRegularFile(dir.resolve("m_star_vs_n.png")));
        assertTrue(Files.isRegularFile(dir.resolve("m_star_vs_n.svg")));
    }

    @Test
    void argumentsOrDefaultsNameTheSpecAndTheFolder() {
        assertEquals(List.of(Path.of("s.json"), Path.of("out")), WidthThreshold.paths(new String[0], "s.json", "out"));
        assertEquals(List.of(Path.of("a.json"), Path.of("out")), WidthThreshold.paths(new String[] {"a.json"}, "s.json", "out"));
        assertEquals(List.of(Path.of("a.json"), Path.of("b")), WidthThreshold.paths(new String[] {"a.json", "b"}, "s.json", "out"));
    }
}
