package org.gdflow.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gdflow.core.data.NumericCsv;
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

/**
 * Which integrator reaches a given accuracy soonest? Runs the study whose sweep holds one
 * integrator object per run (zipped with its step count T/h, which names the run), takes the rk4
 * run with the smallest step as the reference, and measures each other run's error at the final
 * time T against it: e = ‖θ_h(T) − θ_ref(T)‖₂ / ‖θ_ref(T) − θ(0)‖₂, the error as a share of the
 * distance the parameters moved. Prints the table and the fitted orders (slope of log e against
 * log h), says whether gd matches euler bit for bit, and writes a work–precision plot (e against
 * the run's wall-clock seconds) and e against h.
 *
 * <pre>java -cp 'examples/target/gdflow/lib/*' org.gdflow.examples.WorkPrecision [SPEC] [DIR]</pre>
 * (defaults {@code examples/studies/integrators.json} and {@code results/integrators}). The spec
 * must write parameters ({@code "output": {"parameters": true}}).
 */
public final class WorkPrecision {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkPrecision() {
    }

    /**
     * One run's cost and error.
     *
     * @param id the run's id
     * @param method the integrator's name
     * @param step h: dt, or lr for gd
     * @param steps steps taken
     * @param wallSeconds the run's wall-clock seconds
     * @param error e as in the class comment
     * @param theta θ(T), to compare runs bit for bit
     */
    record Point(String id, String method, double step, long steps, double wallSeconds, double error, double[] theta) {
    }

    /** Runs the study and its analysis; see the class comment. */
    public static void main(String[] args) {
        List<Path> paths = WidthThreshold.paths(args, "examples/studies/integrators.json", "results/integrators");
        run(paths.get(0), paths.get(1), System.out);
    }

    /** Runs the study in {@code spec} into {@code out}, prints the table and writes the files; returns the points. */
    static List<Point> run(Path spec, Path out, PrintStream print) {
        Study study = Study.read(spec);
        print.printf(Locale.ROOT, "integrators: %d runs into %s (runs finished there are skipped)%n", study.plan().size(), out);
        List<IndexRow> rows = study.run(out, 0, StudyListener.NONE);
        List<Point> points = errors(out, rows);
        print.print(table(points));
        write(points, out);
        StudyReport.write(out);
        print.println("wrote " + out.resolve("work_precision.csv") + ", work_precision.png, error_vs_step.png and "
                + out.resolve("report.html"));
        return points;
    }

    /** The error of every run but the reference (the rk4 run of the smallest step), in the study's order. */
    static List<Point> errors(Path out, List<IndexRow> rows) {
        List<Point> all = new ArrayList<>();
        for (IndexRow row : rows) {
            JsonNode integrator = parse(row.get("integrator"));
            String method = integrator.path("name").asText();
            double step = integrator.has("dt") ? integrator.get("dt").asDouble() : integrator.path("lr").asDouble();
            Path params = out.resolve(row.get("id")).resolve("params");
            all.add(new Point(row.get("id"), method, step, Long.parseLong(row.get("steps")),
                    Double.parseDouble(row.get("wall_seconds")), Double.NaN, theta(params, "")));
        }
        Point reference = all.stream().filter(p -> p.method().equals("rk4")).min(Comparator.comparingDouble(Point::step))
                .orElseThrow(() -> new IllegalArgumentException("the study has no rk4 run to serve as the reference"));
        double[] theta0 = theta(out.resolve(reference.id()).resolve("params"), "0");
        List<Point> points = new ArrayList<>();
        for (Point p : all) {
            if (p != reference) {
                points.add(new Point(p.id(), p.method(), p.step(), p.steps(), p.wallSeconds(),
                        distance(p.theta(), reference.theta()) / distance(reference.theta(), theta0), p.theta()));
            }
        }
        return points;
    }

    /** ‖u − v‖₂. */
    static double distance(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            // Σ (u_i − v_i)²
            sum += (u[i] - v[i]) * (u[i] - v[i]);
        }
        return Math.sqrt(sum);
    }

    /** The points by method, in the order the methods first appear. */
    static Map<String, List<Point>> byMethod(List<Point> points) {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        for (Point p : points) {
            out.computeIfAbsent(p.method(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    /** The fitted order of a method: the slope of log e against log h over its points with e > 0. */
    static LineFit order(List<Point> points) {
        List<Point> kept = plottable(points);
        double[] h = new double[kept.size()];
        double[] e = new double[kept.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = kept.get(i).step();
            e[i] = kept.get(i).error();
        }
        return LineFit.logLog(h, e);
    }

    /** The points whose error can go on a log axis: positive and finite (a run equal to the reference has none). */
    static List<Point> plottable(List<Point> points) {
        return points.stream().filter(p -> p.error() > 0 && p.error() < Double.POSITIVE_INFINITY).toList();
    }

    /** The table, the fitted orders, and whether gd and euler agree bit for bit at every common step. */
    static String table(List<Point> points) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-7s %10s %7s %10s %12s%n", "method", "h", "steps", "wall s", "error"));
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%-7s %10.6g %7d %10.4f %12.4e%n", p.method(), p.step(), p.steps(),
                    p.wallSeconds(), p.error()));
        }
        for (Map.Entry<String, List<Point>> method : byMethod(points).entrySet()) {
            LineFit fit = order(method.getValue());
            sb.append(String.format(Locale.ROOT, "%s: error ~ h^%.2f (R^2 = %.3f)%n", method.getKey(), fit.slope(), fit.r2()));
        }
        List<Point> gd = byMethod(points).getOrDefault("gd", List.of());
        List<Point> euler = byMethod(points).getOrDefault("euler", List.of());
        int same = 0;
        int compared = 0;
        for (Point g : gd) {
            for (Point e : euler) {
                if (e.step() == g.step()) {
                    compared++;
                    same += java.util.Arrays.equals(g.theta(), e.theta()) ? 1 : 0;
                }
            }
        }
        if (compared > 0) {
            sb.append(String.format(Locale.ROOT, "gd (lr = h) and euler (dt = h) end at the same theta bit for bit at %d of %d"
                    + " common steps%n", same, compared));
        }
        return sb.toString();
    }

    /** Writes work_precision.csv, work_precision.png/.svg and error_vs_step.png/.svg into {@code out}. */
    static void write(List<Point> points, Path out) {
        StringBuilder csv = new StringBuilder("id,method,h,steps,wall_seconds,error\n");
        for (Point p : points) {
            csv.append(p.id()).append(',').append(p.method()).append(',').append(p.step()).append(',').append(p.steps())
                    .append(',').append(p.wallSeconds()).append(',').append(p.error()).append('\n');
        }
        try {
            RunWriter.writeAtomically(out.resolve("work_precision.csv"), csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChartFiles.write(chart(points, true), out, "work_precision");
        ChartFiles.write(chart(points, false), out, "error_vs_step");
    }

    /** The error against wall-clock seconds ({@code work}) or against the step h, log–log, one series per method. */
    static XYChart chart(List<Point> points, boolean work) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title(work ? "work–precision: error at T against wall time" : "error at T against the step h")
                .xAxisTitle(work ? "wall-clock seconds of the run" : "h (dt; lr for gd)")
                .yAxisTitle("error of θ(T), relative to the distance moved").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, List<Point>> method : byMethod(points).entrySet()) {
            List<Point> kept = plottable(method.getValue());
            if (kept.isEmpty()) {
                continue;
            }
            double[] x = new double[kept.size()];
            double[] y = new double[kept.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = work ? kept.get(i).wallSeconds() : kept.get(i).step();
                y[i] = kept.get(i).error();
            }
            String name = method.getKey();
            if (!work) {
                name += String.format(Locale.ROOT, " (slope %.2f)", order(kept).slope());
            }
            XYSeries series = chart.addSeries(name, x, y);
            if (work) {
                // wall times are measured, not ordered: points, not a line
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
        }
        return chart;
    }

    /** θ as written in {@code params/}: w{suffix}.csv row-major, then a{suffix}.csv. */
    static double[] theta(Path params, String suffix) {
        double[] w = NumericCsv.read(params.resolve("w" + suffix + ".csv")).values();
        double[] a = NumericCsv.read(params.resolve("a" + suffix + ".csv")).values();
        double[] theta = new double[w.length + a.length];
        System.arraycopy(w, 0, theta, 0, w.length);
        System.arraycopy(a, 0, theta, w.length, a.length);
        return theta;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the study must sweep whole integrator objects; got '" + json + "'", e);
        }
    }
}
