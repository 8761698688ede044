package org.gdflow.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.gdflow.core.run.RunWriter;
import org.gdflow.study.ChartFiles;
import org.gdflow.study.IndexRow;
import org.gdflow.study.LineFit;
import org.gdflow.study.Study;
import org.gdflow.study.StudyListener;
import org.gdflow.study.StudyReport;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How wide must a network be to fit n random labels? For every n of the study, the smallest width
 * m* on its grid at which at least 9 of 10 seeds reach the loss {@code stop.loss_below} by the time
 * {@code stop.time}; then the fitted exponent of m*(n) beside the exponents of the published
 * sufficient widths (Du et al. n^6, Song and Yang n^4, Das and Golikov n^2) and the parameter count.
 *
 * <pre>java -cp 'examples/target/gdflow/lib/*' org.gdflow.examples.WidthThreshold [SPEC] [DIR]</pre>
 * runs the study {@code SPEC} (default {@code examples/studies/width-threshold.json}) into {@code DIR}
 * (default {@code results/width-threshold}) through the public study API, skipping runs already
 * finished there, and writes {@code reached.csv}, {@code threshold.csv}, {@code reached_vs_width.png},
 * {@code m_star_vs_n.png} (and SVG) beside the study's own tables, plots and report.
 */
public final class WidthThreshold {
    /** The share of seeds that must reach the loss at a width for it to count. */
    static final double REQUIRED = 0.9;
    /** The exponents of the published sufficient widths, by paper. */
    static final Map<String, Integer> PUBLISHED = published();
    private static final String N = "data.n";
    private static final String WIDTH = "model.width";

    private WidthThreshold() {
    }

    private static Map<String, Integer> published() {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        out.put("Du et al. (2019)", 6);
        out.put("Song and Yang (2019)", 4);
        out.put("Das and Golikov", 2);
        return out;
    }

    /** How many of the seeds at (n, width) reached the loss. */
    record Cell(int n, int width, int seeds, int reached) {
        boolean enough() {
            return reached >= REQUIRED * seeds;
        }
    }

    /** The smallest width of the grid at which enough seeds reached the loss, or 0 when none did. */
    record Threshold(int n, int mStar, int seeds, int reached) {
    }

    /** The study's answer: the cells, the thresholds and the fitted exponent (NaN with fewer than two thresholds). */
    record Result(List<Cell> cells, List<Threshold> thresholds, LineFit fit) {
    }

    /** Runs the study and its analysis; see the class comment. */
    public static void main(String[] args) {
        List<Path> paths = paths(args, "examples/studies/width-threshold.json", "results/width-threshold");
        run(paths.get(0), paths.get(1), System.out);
    }

    /** The spec and the output folder of an example program: its arguments, or the defaults for those not given. */
    static List<Path> paths(String[] args, String spec, String out) {
        List<String> given = new ArrayList<>(List.of(args));
        List<String> defaults = List.of(spec, out);
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < defaults.size(); i++) {
            paths.add(Path.of(i < given.size() ? given.get(i) : defaults.get(i)));
        }
        return paths;
    }

    /** Runs the study in {@code spec} into {@code out}, prints the table to {@code print} and writes the files. */
    static Result run(Path spec, Path out, PrintStream print) {
        JsonNode root = readJson(spec);
        double lossBelow = root.path("stop").path("loss_below").asDouble(0);
        if (!(lossBelow > 0)) {
            throw new IllegalArgumentException(spec + ": stop.loss_below must be the target loss (> 0); it is "
                    + root.path("stop").path("loss_below"));
        }
        Study study = Study.read(spec);
        print.printf(Locale.ROOT, "width-threshold: %d runs into %s (runs finished there are skipped)%n", study.plan().size(), out);
        List<IndexRow> rows = study.run(out, 0, StudyListener.NONE);
        Result result = analyse(rows, lossBelow);
        print.print(table(result, lossBelow, root.path("stop").path("time").asDouble(), root.path("data").path("d").asInt()));
        write(result, root.path("data").path("d").asInt(), out);
        StudyReport.write(out);
        print.println("wrote " + out.resolve("threshold.csv") + ", reached.csv, m_star_vs_n.png, reached_vs_width.png and "
                + out.resolve("report.html"));
        return result;
    }

    /** Counts, for each n and width, the runs whose final loss is at most {@code lossBelow}; finds m*(n) and fits its exponent. */
    static Result analyse(List<IndexRow> rows, double lossBelow) {
        Map<Integer, Map<Integer, int[]>> counts = new TreeMap<>();
        for (IndexRow row : rows) {
            int n = Integer.parseInt(row.get(N));
            int width = Integer.parseInt(row.get(WIDTH));
            int[] count = counts.computeIfAbsent(n, k -> new TreeMap<>()).computeIfAbsent(width, k -> new int[2]);
            count[0]++;
            String loss = row.get("final_loss");
            if (!loss.isEmpty() && Double.parseDouble(loss) <= lossBelow) {
                count[1]++;
            }
        }
        List<Cell> cells = new ArrayList<>();
        List<Threshold> thresholds = new ArrayList<>();
        for (Map.Entry<Integer, Map<Integer, int[]>> n : counts.entrySet()) {
            Threshold threshold = null;
            for (Map.Entry<Integer, int[]> width : n.getValue().entrySet()) {
                Cell cell = new Cell(n.getKey(), width.getKey(), width.getValue()[0], width.getValue()[1]);
                cells.add(cell);
                if (threshold == null && cell.enough()) {
                    threshold = new Threshold(cell.n(), cell.width(), cell.seeds(), cell.reached());
                }
            }
            thresholds.add(threshold != null ? threshold : new Threshold(n.getKey(), 0, 0, 0));
        }
        List<Threshold> found = thresholds.stream().filter(t -> t.mStar() > 0).toList();
        double[] x = new double[found.size()];
        double[] y = new double[found.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = found.get(i).n();
            y[i] = found.get(i).mStar();
        }
        return new Result(cells, thresholds, LineFit.logLog(x, y));
    }

    /** The printed table: seeds that reached the loss per n and width, m*(n), the fitted and the published exponents. */
    static String table(Result result, double lossBelow, double time, int d) {
        StringBuilder sb = new StringBuilder();
        List<Integer> widths = result.cells().stream().map(Cell::width).distinct().sorted().toList();
        sb.append(String.format(Locale.ROOT, "seeds reaching loss <= %s by t = %s (d = %d), and m*(n), the smallest width"
                + " where at least %.0f %% of them do:%n", lossBelow, time, d, 100 * REQUIRED));
        sb.append(String.format(Locale.ROOT, "%6s %6s", "n", "m*"));
        for (int width : widths) {
            sb.append(String.format(Locale.ROOT, " %7s", "m=" + width));
        }
        sb.append('\n');
        for (Threshold t : result.thresholds()) {
            sb.append(String.format(Locale.ROOT, "%6d %6s", t.n(), t.mStar() > 0 ? Integer.toString(t.mStar()) : "none"));
            for (int width : widths) {
                String text = "";
                for (Cell cell : result.cells()) {
                    if (cell.n() == t.n() && cell.width() == width) {
                        text = cell.reached() + "/" + cell.seeds();
                    }
                }
                sb.append(String.format(Locale.ROOT, " %7s", text));
            }
            sb.append('\n');
        }
        LineFit fit = result.fit();
        if (Double.isFinite(fit.slope())) {
            sb.append(String.format(Locale.ROOT, "measured: m* ~ n^%.2f (log-log least squares over %d values of n, R^2 = %.3f)%n",
                    fit.slope(), result.thresholds().stream().filter(t -> t.mStar() > 0).count(), fit.r2()));
        } else {
            sb.append("measured: fewer than two n with an m* on this grid; no exponent\n");
        }
        List<String> papers = new ArrayList<>();
        PUBLISHED.forEach((paper, exponent) -> papers.add(paper + " n^" + exponent));
        sb.append("published sufficient widths: ").append(String.join(", ", papers)).append('\n');
        sb.append("parameter count: interpolating n points needs m(d+1) >= n, m ~ n^1\n");
        return sb.toString();
    }

    /** Writes reached.csv, threshold.csv and the two plots into {@code out}. */
    static void write(Result result, int d, Path out) {
        StringBuilder reached = new StringBuilder("data.n,model.width,seeds,reached\n");
        for (Cell cell : result.cells()) {
            reached.append(cell.n()).append(',').append(cell.width()).append(',').append(cell.seeds()).append(',')
                    .append(cell.reached()).append('\n');
        }
        StringBuilder threshold = new StringBuilder("data.n,m_star,seeds,reached\n");
        for (Threshold t : result.thresholds()) {
            threshold.append(t.n()).append(',').append(t.mStar() > 0 ? Integer.toString(t.mStar()) : "").append(',')
                    .append(t.seeds()).append(',').append(t.reached()).append('\n');
        }
        try {
            RunWriter.writeAtomically(out.resolve("reached.csv"), reached.toString());
            RunWriter.writeAtomically(out.resolve("threshold.csv"), threshold.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChartFiles.write(reachedChart(result), out, "reached_vs_width");
        XYChart mStar = mStarChart(result, d);
        if (!mStar.getSeriesMap().isEmpty()) {
            ChartFiles.write(mStar, out, "m_star_vs_n");
        }
    }

    /** The share of seeds reaching the loss against the width, one line per n, and the required share. */
    static XYChart reachedChart(Result result) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title("seeds reaching the target loss against width")
                .xAxisTitle("model.width m").yAxisTitle("share of seeds reaching the loss").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double minWidth = Double.POSITIVE_INFINITY;
        double maxWidth = 0;
        for (Threshold t : result.thresholds()) {
            List<Cell> cells = result.cells().stream().filter(c -> c.n() == t.n()).toList();
            double[] x = new double[cells.size()];
            double[] y = new double[cells.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = cells.get(i).width();
                // the share of the seeds: reached / seeds
                y[i] = (double) cells.get(i).reached() / cells.get(i).seeds();
                minWidth = Math.min(minWidth, x[i]);
                maxWidth = Math.max(maxWidth, x[i]);
            }
            chart.addSeries("n=" + t.n(), x, y);
        }
        XYSeries required = chart.addSeries(String.format(Locale.ROOT, "required share %.1f", REQUIRED),
                new double[] {minWidth, maxWidth}, new double[] {REQUIRED, REQUIRED});
        required.setMarker(SeriesMarkers.NONE);
        required.setLineStyle(SeriesLines.DOT_DOT);
        return chart;
    }

    /**
     * m*(n) on log–log axes with its fitted slope, the parameter count n/(d+1), and the published
     * exponents drawn through the first measured point (their shape only: the papers' constants
     * and data-dependent factors are left out).
     */
    static XYChart mStarChart(Result result, int d) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title("smallest width m* against n")
                .xAxisTitle("data.n").yAxisTitle("m* (smallest width reaching the loss)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Threshold> found = result.thresholds().stream().filter(t -> t.mStar() > 0).toList();
        if (found.isEmpty()) {
            return chart;
        }
        double[] n = new double[found.size()];
        double[] m = new double[found.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = found.get(i).n();
            m[i] = found.get(i).mStar();
        }
        String slope = Double.isFinite(result.fit().slope())
                ? String.format(Locale.ROOT, " (slope %.2f)", result.fit().slope()) : "";
        chart.addSeries("measured m*" + slope, n, m);
        double[] ends = {n[0], n[n.length - 1]};
        XYSeries parameters = chart.addSeries("m(d+1) = n", ends, new double[] {ends[0] / (d + 1), ends[1] / (d + 1)});
        parameters.setMarker(SeriesMarkers.NONE);
        parameters.setLineStyle(SeriesLines.DOT_DOT);
        for (Map.Entry<String, Integer> paper : PUBLISHED.entrySet()) {
            // m*(n_0) (n / n_0)^k through the first measured point
            double[] y = {m[0], m[0] * Math.pow(ends[1] / ends[0], paper.getValue())};
            XYSeries line = chart.addSeries(paper.getKey() + ": n^" + paper.getValue(), ends, y);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineStyle(SeriesLines.DASH_DASH);
        }
        return chart;
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
