package org.gdflow.study;

import java.awt.BasicStroke;
import java.awt.Color;
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
import java.util.function.Function;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.RunStatus;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of a study, written beside its results as PNG and SVG ({@link ChartFiles}):
 * <ul>
 *   <li>{@code loss.png}/{@code .svg}: the loss against the flow time t on a log y axis, one line
 *       per variant named by its swept values ({@code width=64});</li>
 *   <li>{@code <metric>.png}/{@code .svg}: the same for every other trajectory column;</li>
 *   <li>{@code <quantity>_vs_<path>.png}/{@code .svg}: for every numeric swept path other than
 *       {@code seed} with at least two values, {@code final_loss}, each {@code final_<metric>},
 *       {@code rate} (with {@code rate_bound}) and {@code gram_min_eig_initial} (with {@code lambda0})
 *       of index.csv against it on log–log axes, one series per variant of the other swept paths,
 *       the fitted log–log slope of the series' means in its legend.</li>
 * </ul>
 * The runs of one variant that differ only in the swept {@code seed} are drawn as one mean line
 * inside a band from their minimum to their maximum ({@link SeedBand}: at each t over the seeds
 * whose run reached t). When the sweep has two or more swept paths besides {@code seed}, the plots
 * against t become a grid of panels, one per value of the first swept path (at most
 * {@value #GRID_COLUMNS} panels to a row, spread evenly over the rows, each
 * {@value #PANEL_WIDTH}×{@value #PANEL_HEIGHT} px, sharing their axes' ranges), the lines in each
 * panel being the variants of the other paths; every other plot is one chart of
 * {@value #WIDTH}×{@value #HEIGHT} px. A series keeps its colour in every panel. A run that diverged
 * is left out of every plot (its numbers are the blow-up, not a result), and the legend of its
 * series says how many of its runs were.
 *
 * <p>Points whose value on a log axis is not positive and finite (a loss of exactly 0, a metric
 * that is 0 at t = 0, NaN after divergence, a failed run's empty cell) are left out; a series left
 * with no point is left out, and a plot left with no series is not written. A run without
 * trajectory.csv (one that failed) has no line.
 */
public final class StudyPlots {
    /** Size of a plot of one chart, in pixels. */
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    /** Size of one panel of a grid, in pixels. */
    static final int PANEL_WIDTH = 640;
    static final int PANEL_HEIGHT = 480;
    /** Panels in one row of a grid. */
    static final int GRID_COLUMNS = 3;
    static final String TIME_AXIS = "t (flow time)";
    /** The swept path whose runs are repetitions of one variant. */
    static final String SEED = StudyTables.SEED;
    /** Summary quantities plotted against a numeric axis, each with the quantity drawn beside it. */
    static final Map<String, String> SUMMARY_PLOTS = Map.of("rate", "rate_bound", "gram_min_eig_initial", "lambda0");
    /** trajectory.csv's leading columns, which are not plotted against t. */
    private static final int LEADING = 2;
    /** What the y axis says when seeds are drawn as a mean inside a band (the title has no room for it). */
    static final String BAND_NOTE = " (mean, min–max over seeds)";
    /** Width of the grid lines, in pixels. */
    static final float GRID_LINE_WIDTH = 0.5f;
    /** Opacity (of 255) of a min–max band. */
    private static final int BAND_ALPHA = 56;

    private StudyPlots() {
    }

    /** One run's trajectory: the column names and the values, column by column. */
    record Trajectory(List<String> columns, List<double[]> values) {
        double[] column(String column) {
            return values.get(columns.indexOf(column));
        }
    }

    /**
     * How a study's runs are laid out in its plots: the panel path (the first swept path other than
     * seed, when there are two or more of them), the paths naming the lines, and the swept paths.
     */
    record Layout(List<String> swept, String panelPath, List<String> seriesPaths) {
        static Layout of(List<IndexRow> rows) {
            List<String> swept = sweptPaths(rows);
            List<String> others = new ArrayList<>(swept);
            others.remove(SEED);
            String panel = others.size() >= 2 ? others.remove(0) : null;
            return new Layout(swept, panel, others);
        }

        /** The paths besides seed: the panel path first, then the series paths. */
        List<String> variantPaths() {
            List<String> out = new ArrayList<>();
            if (panelPath != null) {
                out.add(panelPath);
            }
            out.addAll(seriesPaths);
            return out;
        }
    }

    /**
     * Writes the plots of the study in {@code studyDir} whose index rows are {@code rows} (as
     * {@link Study#run} returns them, each run in {@code studyDir/<id>}) and returns the files
     * written, PNG then SVG for each plot.
     */
    public static List<Path> write(Path studyDir, List<IndexRow> rows) {
        return write(studyDir, rows, row -> studyDir.resolve(row.get("id")));
    }

    /** As {@link #write(Path, List)}, each run's files in {@code runDir} of its row. */
    static List<Path> write(Path outDir, List<IndexRow> rows, Function<IndexRow, Path> runDir) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Layout layout = Layout.of(rows);
        Map<IndexRow, Trajectory> runs = new LinkedHashMap<>();
        Set<String> columns = new LinkedHashSet<>();
        for (IndexRow row : rows) {
            Path file = runDir.apply(row).resolve("trajectory.csv");
            if (Files.isRegularFile(file)) {
                Trajectory run = read(file);
                runs.put(row, run);
                columns.addAll(run.columns().subList(Math.min(LEADING, run.columns().size()), run.columns().size()));
            }
        }
        Map<String, List<XYChart>> figures = new LinkedHashMap<>();
        for (String column : columns) {
            figures.put(column, timePanels(column, layout, runs));
        }
        for (String path : layout.swept()) {
            if (isScalingAxis(path, rows)) {
                for (String quantity : finalQuantities(rows)) {
                    figures.put(quantity + "_vs_" + path, List.of(scalingChart(path, quantity, rows, layout)));
                }
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<XYChart>> figure : figures.entrySet()) {
            List<XYChart> panels = figure.getValue();
            if (panels.stream().anyMatch(panel -> !panel.getSeriesMap().isEmpty())) {
                written.addAll(ChartFiles.write(panels, columns(panels.size()), outDir, VariantIds.sanitise(figure.getKey())));
            }
        }
        return written;
    }

    /**
     * Columns of a grid of k panels: as few rows as {@value #GRID_COLUMNS} columns allow,
     * ⌈k / {@value #GRID_COLUMNS}⌉, and the panels spread evenly over them, ⌈k / rows⌉ (4 panels: 2 × 2).
     */
    static int columns(int panels) {
        int rows = (panels + GRID_COLUMNS - 1) / GRID_COLUMNS;
        return (panels + rows - 1) / rows;
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

    /** {@code final_loss}, every {@code final_<metric>} column, then the summary quantities of {@link #SUMMARY_PLOTS}. */
    static List<String> finalQuantities(List<IndexRow> rows) {
        List<String> out = new ArrayList<>();
        for (String column : rows.get(0).cells().keySet()) {
            if (column.startsWith("final_")) {
                out.add(column);
            }
        }
        for (String column : List.of("rate", "gram_min_eig_initial")) {
            if (rows.get(0).cells().containsKey(column)) {
                out.add(column);
            }
        }
        return out;
    }

    /** A path worth a log–log plot: not the seed, every cell a positive number, at least two values. */
    static boolean isScalingAxis(String path, List<IndexRow> rows) {
        if (path.equals(SEED)) {
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

    /** The legend name of a row: its values of {@code paths} ({@code width=64, n=16}), "" for none. */
    static String label(IndexRow row, List<String> paths) {
        List<String> parts = new ArrayList<>();
        for (String path : paths) {
            parts.add(path.substring(path.lastIndexOf('.') + 1) + "=" + row.get(path));
        }
        return String.join(", ", parts);
    }

    /** Reads a trajectory.csv; a cell that is not a number reads as NaN. */
    static Trajectory read(Path file) {
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
        return new Trajectory(columns, values);
    }

    /**
     * {@code column} against the flow time, log y axis: one panel per value of the layout's panel
     * path (one panel without it), one mean line and min–max band per variant of the series paths.
     */
    static List<XYChart> timePanels(String column, Layout layout, Map<IndexRow, Trajectory> runs) {
        Map<String, Map<String, List<Trajectory>>> panels = new LinkedHashMap<>();
        Map<String, int[]> diverged = new LinkedHashMap<>();
        Map<String, Integer> colours = new LinkedHashMap<>();
        for (Map.Entry<IndexRow, Trajectory> run : runs.entrySet()) {
            if (run.getValue().columns().contains(column)) {
                String panel = layout.panelPath() == null ? "" : label(run.getKey(), List.of(layout.panelPath()));
                String series = label(run.getKey(), layout.seriesPaths());
                colours.putIfAbsent(series, colours.size());
                Map<String, List<Trajectory>> lines = panels.computeIfAbsent(panel, k -> new LinkedHashMap<>());
                int[] count = diverged.computeIfAbsent(panel + "\n" + series, k -> new int[2]);
                count[1]++;
                if (isDiverged(run.getKey())) {
                    count[0]++;
                } else {
                    lines.computeIfAbsent(series, k -> new ArrayList<>()).add(run.getValue());
                }
            }
        }
        boolean grid = panels.size() > 1;
        List<XYChart> charts = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Trajectory>>> panel : panels.entrySet()) {
            XYChart chart = chart(grid ? PANEL_WIDTH : WIDTH, grid ? PANEL_HEIGHT : HEIGHT, TIME_AXIS, column);
            boolean bands = false;
            for (Map.Entry<String, List<Trajectory>> series : panel.getValue().entrySet()) {
                List<double[]> times = new ArrayList<>();
                List<double[]> values = new ArrayList<>();
                for (Trajectory run : series.getValue()) {
                    times.add(run.column("time"));
                    values.add(run.column(column));
                }
                String name = (series.getKey().isEmpty() ? column : series.getKey())
                        + divergedNote(diverged.get(panel.getKey() + "\n" + series.getKey()));
                bands |= addBand(chart, name, SeedBand.overTime(times, values), colours.get(series.getKey()), false, false);
            }
            chart.setTitle(column + " against t" + (panel.getKey().isEmpty() ? "" : ", " + panel.getKey()));
            chart.setYAxisTitle(column + (bands ? BAND_NOTE : ""));
            charts.add(chart);
        }
        if (grid) {
            shareRanges(charts);
        }
        return charts;
    }

    /** Whether the row's run diverged: its values are left out of every plot. */
    static boolean isDiverged(IndexRow row) {
        return row.get("status").equals(RunStatus.DIVERGED.label());
    }

    /** The legend's note on the runs of a series left out because they diverged: {@code count = {diverged, all}}. */
    static String divergedNote(int[] count) {
        return count[0] == 0 ? "" : " (" + count[0] + " of " + count[1] + " diverged, left out)";
    }

    /**
     * Index column {@code quantity} (and the quantity {@link #SUMMARY_PLOTS} draws beside it, when
     * a run has a positive value of it) against
     * the swept {@code path} on log–log axes: one series per variant of the other swept paths but
     * seed, the seeds of a point drawn as their mean inside their min–max band, each series named
     * with the log–log slope fitted through its means.
     */
    static XYChart scalingChart(String path, String quantity, List<IndexRow> rows, Layout layout) {
        List<String> others = new ArrayList<>(layout.variantPaths());
        others.remove(path);
        List<String> quantities = new ArrayList<>(List.of(quantity));
        String companion = SUMMARY_PLOTS.get(quantity);
        if (companion != null && rows.stream().anyMatch(row -> positive(number(row.get(companion))))) {
            quantities.add(companion);
        }
        XYChart chart = chart(WIDTH, HEIGHT, path, String.join(", ", quantities));
        chart.getStyler().setXAxisLogarithmic(true);
        Map<String, List<IndexRow>> groups = new LinkedHashMap<>();
        Map<String, int[]> diverged = new LinkedHashMap<>();
        for (IndexRow row : rows) {
            String group = label(row, others);
            List<IndexRow> members = groups.computeIfAbsent(group, k -> new ArrayList<>());
            int[] count = diverged.computeIfAbsent(group, k -> new int[2]);
            count[1]++;
            if (isDiverged(row)) {
                count[0]++;
            } else {
                members.add(row);
            }
        }
        List<Double> allX = new ArrayList<>();
        List<Double> allY = new ArrayList<>();
        boolean bands = false;
        int colour = 0;
        for (Map.Entry<String, List<IndexRow>> group : groups.entrySet()) {
            // a group's quantities share its colour, the one beside the first drawn dashed
            for (String q : quantities) {
                List<IndexRow> members = group.getValue();
                double[] x = new double[members.size()];
                double[] y = new double[members.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = number(members.get(i).get(path));
                    y[i] = number(members.get(i).get(q));
                }
                SeedBand band = SeedBand.atPoints(x, y);
                double[][] means = positivePoints(band.x(), band.mean());
                String name = (group.getKey().isEmpty() ? q
                        : quantities.size() > 1 ? group.getKey() + ": " + q : group.getKey()) + divergedNote(diverged.get(group.getKey()));
                double slope = LineFit.logLog(means[0], means[1]).slope();
                if (Double.isFinite(slope)) {
                    name += String.format(Locale.ROOT, " (slope %.3f)", slope);
                }
                bands |= addBand(chart, name, band, colour, true, !q.equals(quantity));
                for (int i = 0; i < means[0].length; i++) {
                    allX.add(means[0][i]);
                    allY.add(means[1][i]);
                }
            }
            colour++;
        }
        chart.setTitle(String.join(" and ", quantities) + " against " + path);
        chart.setYAxisTitle(String.join(", ", quantities) + (bands ? BAND_NOTE : ""));
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

    private static XYChart chart(int width, int height, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        // solid grid lines: XChart's dashed ones become thousands of segments in the SVG (3 times its size)
        chart.getStyler().setPlotGridLinesStroke(new BasicStroke(GRID_LINE_WIDTH));
        return chart;
    }

    /**
     * Adds the band's mean as a line named {@code name} (the points whose x and mean are positive and
     * finite; markers when asked, dashed when asked) and, where more than one run has a value, the
     * min–max band behind it in the same colour, unnamed in the legend. Returns whether a band was drawn.
     */
    static boolean addBand(XYChart chart, String name, SeedBand band, int colour, boolean markers, boolean dashed) {
        double[][] mean = positivePoints(band.x(), band.mean());
        if (mean[0].length == 0) {
            return false;
        }
        Color[] palette = chart.getStyler().getSeriesColors();
        Color line = palette[colour % palette.length];
        boolean drawn = false;
        if (band.spread()) {
            // a closed polygon: along the maxima forwards, back along the minima, where both are positive
            List<double[]> edge = new ArrayList<>();
            for (int i = 0; i < band.x().length; i++) {
                if (positive(band.min()[i]) && positive(band.max()[i])) {
                    edge.add(new double[] {band.x()[i], band.min()[i], band.max()[i]});
                }
            }
            int k = edge.size();
            double[] px = new double[2 * k];
            double[] py = new double[2 * k];
            for (int i = 0; i < k; i++) {
                px[i] = edge.get(i)[0];
                py[i] = edge.get(i)[2];
                px[2 * k - 1 - i] = edge.get(i)[0];
                py[2 * k - 1 - i] = edge.get(i)[1];
            }
            if (k > 0) {
                XYSeries area = chart.addSeries(name + " (min–max)", px, py);
                area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                Color fill = new Color(line.getRed(), line.getGreen(), line.getBlue(), BAND_ALPHA);
                area.setFillColor(fill);
                area.setLineColor(fill);
                area.setMarker(SeriesMarkers.NONE);
                area.setShowInLegend(false);
                drawn = true;
            }
        }
        XYSeries series = chart.addSeries(name, mean[0], mean[1]);
        series.setLineColor(line);
        series.setMarkerColor(line);
        series.setLineStyle(dashed ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
        if (!markers) {
            series.setMarker(SeriesMarkers.NONE);
        }
        return drawn;
    }

    /** Gives every panel the x and y ranges of all of them, so that the panels compare at a glance. */
    private static void shareRanges(List<XYChart> charts) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (XYChart chart : charts) {
            for (XYSeries series : chart.getSeriesMap().values()) {
                xMin = Math.min(xMin, series.getXMin());
                xMax = Math.max(xMax, series.getXMax());
                yMin = Math.min(yMin, series.getYMin());
                yMax = Math.max(yMax, series.getYMax());
            }
        }
        for (XYChart chart : charts) {
            chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(yMin).setYAxisMax(yMax);
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
}
