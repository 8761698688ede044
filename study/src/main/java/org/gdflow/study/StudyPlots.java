package org.gdflow.study;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.DoubleStream;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.RunWriter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of a study, written beside its results as PNG and SVG (800×500 px, XChart, headless):
 * <ul>
 *   <li>{@code loss.png}/{@code .svg}: every run's loss against the flow time t, log y axis, one
 *       line per run named by its swept values ({@code width=16, seed=1}, or the id of a run with
 *       none);</li>
 *   <li>{@code <metric>.png}/{@code .svg}: the same for every trajectory column after {@code loss};</li>
 *   <li>{@code <column>_vs_<path>.png}/{@code .svg}: for every numeric swept path (not a seed) with at
 *       least two values, {@code final_loss} and each {@code final_<metric>} of index.csv against it
 *       on log–log axes, one series per variant of the other swept paths, the fitted log–log slope
 *       in its legend.</li>
 * </ul>
 * Points whose value on a log axis is not positive and finite (a loss of exactly 0, a metric that is
 * 0 at t = 0, NaN after divergence, a failed run's empty cell) are left out; a series left with no
 * point is left out, and a plot left with no series is not written. A run without trajectory.csv
 * (one that failed) has no line.
 */
public final class StudyPlots {
    /** Size of every plot, in pixels. */
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    static final String TIME_AXIS = "t (flow time)";
    /** trajectory.csv's leading columns, which are not metrics. */
    private static final int LEADING = 3;

    static {
        // the plots are drawn into images, never on a screen
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private StudyPlots() {
    }

    /** One run's trajectory: its legend name, the column names and the values, column by column. */
    record Trajectory(String name, List<String> columns, List<double[]> values) {
        double[] column(String column) {
            return values.get(columns.indexOf(column));
        }
    }

    /**
     * Writes the plots of the study in {@code studyDir} whose index rows are {@code rows} (as
     * {@link Study#run} returns them) and returns the files written, PNG then SVG for each plot.
     */
    public static List<Path> write(Path studyDir, List<IndexRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> swept = sweptPaths(rows);
        List<Trajectory> runs = new ArrayList<>();
        for (IndexRow row : rows) {
            Path file = studyDir.resolve(row.get("id")).resolve("trajectory.csv");
            if (Files.isRegularFile(file)) {
                runs.add(read(file, label(row, swept, List.of())));
            }
        }
        Map<String, XYChart> charts = new LinkedHashMap<>();
        Set<String> columns = new LinkedHashSet<>();
        for (Trajectory run : runs) {
            columns.addAll(run.columns().subList(LEADING - 1, run.columns().size()));
        }
        for (String column : columns) {
            charts.put(column, timeChart(column, runs));
        }
        for (String path : swept) {
            if (isScalingAxis(path, rows)) {
                for (String column : finalColumns(rows)) {
                    charts.put(column + "_vs_" + path, scalingChart(path, column, rows, swept));
                }
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, XYChart> entry : charts.entrySet()) {
            if (!entry.getValue().getSeriesMap().isEmpty()) {
                written.addAll(save(entry.getValue(), studyDir, VariantIds.sanitise(entry.getKey())));
            }
        }
        return written;
    }

    /** The swept paths: the index columns between {@code id} and the summary columns. */
    static List<String> sweptPaths(List<IndexRow> rows) {
        List<String> out = new ArrayList<>();
        for (String column : rows.get(0).cells().keySet()) {
            if (column.equals(StudyIndex.SUMMARY.get(0))) {
                break;
            }
            if (!column.equals("id")) {
                out.add(column);
            }
        }
        return out;
    }

    /** {@code final_loss}, then every {@code final_<metric>} column of the index. */
    private static List<String> finalColumns(List<IndexRow> rows) {
        List<String> out = new ArrayList<>();
        for (String column : rows.get(0).cells().keySet()) {
            if (column.startsWith("final_")) {
                out.add(column);
            }
        }
        return out;
    }

    /** A path worth a log–log plot: not a seed, every cell a positive number, at least two values. */
    static boolean isScalingAxis(String path, List<IndexRow> rows) {
        if (path.toLowerCase(Locale.ROOT).contains("seed")) {
            return false;
        }
        Set<Double> values = new LinkedHashSet<>();
        for (IndexRow row : rows) {
            double x = number(row.get(path));
            if (!positive(x)) {
                return false;
            }
            values.add(x);
        }
        return values.size() > 1;
    }

    /** The legend name of a row: its swept values but those of {@code leftOut}, or its id when none is left. */
    static String label(IndexRow row, List<String> swept, List<String> leftOut) {
        List<String> parts = new ArrayList<>();
        for (String path : swept) {
            if (!leftOut.contains(path)) {
                parts.add(path.substring(path.lastIndexOf('.') + 1) + "=" + row.get(path));
            }
        }
        return parts.isEmpty() ? row.get("id") : String.join(", ", parts);
    }

    /** Reads a trajectory.csv; a cell that is not a number reads as NaN. */
    static Trajectory read(Path file, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new GdflowException("cannot read " + file + ": " + e.getMessage());
        }
        List<String> columns = List.of(lines.get(0).split(","));
        List<double[]> values = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            values.add(new double[lines.size() - 1]);
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            for (int c = 0; c < columns.size(); c++) {
                values.get(c)[i - 1] = c < cells.length ? number(cells[c]) : Double.NaN;
            }
        }
        return new Trajectory(name, columns, values);
    }

    /** {@code column} against the flow time, log y axis, one series per run that has the column. */
    static XYChart timeChart(String column, List<Trajectory> runs) {
        XYChart chart = chart(column + " against flow time", TIME_AXIS, column);
        for (Trajectory run : runs) {
            if (run.columns().contains(column)) {
                addSeries(chart, run.name(), run.column("time"), run.column(column), false);
            }
        }
        return chart;
    }

    /**
     * Index column {@code column} against the swept {@code path} on log–log axes, one series per
     * variant of the other swept paths, each named with its fitted log–log slope.
     */
    static XYChart scalingChart(String path, String column, List<IndexRow> rows, List<String> swept) {
        XYChart chart = chart(column + " against " + path, path, column);
        chart.getStyler().setXAxisLogarithmic(true);
        Map<String, List<IndexRow>> groups = new LinkedHashMap<>();
        for (IndexRow row : rows) {
            // one series per variant of the other swept paths; all rows form one series when there are none
            groups.computeIfAbsent(swept.size() == 1 ? "" : label(row, swept, List.of(path)), k -> new ArrayList<>()).add(row);
        }
        List<Double> allX = new ArrayList<>();
        List<Double> allY = new ArrayList<>();
        for (Map.Entry<String, List<IndexRow>> group : groups.entrySet()) {
            List<IndexRow> members = group.getValue();
            double[] x = new double[members.size()];
            double[] y = new double[members.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = number(members.get(i).get(path));
                y[i] = number(members.get(i).get(column));
            }
            double[][] kept = positivePoints(x, y);
            String name = swept.size() == 1 ? column : group.getKey();
            double slope = logLogSlope(kept[0], kept[1]);
            if (Double.isFinite(slope)) {
                name += String.format(Locale.ROOT, " (slope %.3f)", slope);
            }
            addSeries(chart, name, x, y, true);
            allX.addAll(DoubleStream.of(kept[0]).boxed().toList());
            allY.addAll(DoubleStream.of(kept[1]).boxed().toList());
        }
        // values within a decade would get at most one tick label at powers of ten: label every tick then
        chart.getStyler().setXAxisLogarithmicDecadeOnly(spansADecade(allX));
        chart.getStyler().setYAxisLogarithmicDecadeOnly(spansADecade(allY));
        return chart;
    }

    /** Whether the largest of {@code values} (all positive) is at least 10 times the smallest. */
    static boolean spansADecade(List<Double> values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max >= 10 * min;
    }

    /**
     * The least-squares slope of ln y against ln x:
     * slope = Σ(u − ū)(v − v̄) / Σ(u − ū)², with u = ln x and v = ln y.
     * Since Σ(u − ū) = 0 the numerator is Σ(u − ū) v, so v̄ is not needed. NaN (0/0) for fewer
     * than two distinct x: every u − ū is then 0.
     */
    static double logLogSlope(double[] x, double[] y) {
        double uMean = 0;
        for (double xi : x) {
            uMean += Math.log(xi) / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            double du = Math.log(x[i]) - uMean;
            sxy += du * Math.log(y[i]);
            sxx += du * du;
        }
        return sxy / sxx;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** Adds the points whose x and y are both positive and finite, if there is any; markers only when asked. */
    private static void addSeries(XYChart chart, String name, double[] x, double[] y, boolean markers) {
        double[][] kept = positivePoints(x, y);
        if (kept[0].length > 0) {
            XYSeries series = chart.addSeries(name, kept[0], kept[1]);
            if (!markers) {
                series.setMarker(SeriesMarkers.NONE);
            }
        }
    }

    /**
     * The points whose y is positive and finite and whose x is finite and not negative (t = 0 stays
     * on the flow-time plots; the x of a log–log plot is a swept value already known positive).
     */
    static double[][] positivePoints(double[] x, double[] y) {
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && x[i] >= 0 && positive(y[i])) {
                count++;
            }
        }
        double[][] out = new double[2][count];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && x[i] >= 0 && positive(y[i])) {
                out[0][k] = x[i];
                out[1][k] = y[i];
                k++;
            }
        }
        return out;
    }

    private static boolean positive(double v) {
        return v > 0 && v < Double.POSITIVE_INFINITY;
    }

    private static double number(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Writes {@code <name>.png} and {@code <name>.svg} into {@code dir}. */
    private static List<Path> save(XYChart chart, Path dir, String name) {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        try {
            RunWriter.writeAtomically(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            RunWriter.writeAtomically(svg, out.toByteArray());
        } catch (IOException e) {
            throw new GdflowException("cannot write the plot " + png + ": " + e.getMessage());
        }
        return List.of(png, svg);
    }
}
