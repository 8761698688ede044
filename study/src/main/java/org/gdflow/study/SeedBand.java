package org.gdflow.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The mean, minimum and maximum over the runs (seeds) of one variant, at each x: what a plot draws
 * as a mean line inside a min–max band.
 *
 * @param x the abscissae, increasing
 * @param mean the arithmetic mean, Σ v / k, over the k runs with a finite value at x
 * @param min the least of those values
 * @param max the greatest of those values
 * @param count k, how many runs have a finite value at x
 */
record SeedBand(double[] x, double[] mean, double[] min, double[] max, int[] count) {

    /**
     * The band of several curves over time: at every time any curve recorded, each curve whose
     * recorded times reach on both sides contributes its value there (linear interpolation between
     * its two rows around it, its own value at a recorded time). A curve stops contributing after
     * its last row (a run that converged or diverged early). Non-finite times and values are left
     * out of their curve.
     */
    static SeedBand overTime(List<double[]> times, List<double[]> values) {
        List<double[][]> curves = new ArrayList<>();
        TreeSet<Double> grid = new TreeSet<>();
        for (int c = 0; c < times.size(); c++) {
            double[][] curve = finite(times.get(c), values.get(c));
            curves.add(curve);
            for (double t : curve[0]) {
                grid.add(t);
            }
        }
        Map<Double, List<Double>> points = new TreeMap<>();
        for (double t : grid) {
            List<Double> at = new ArrayList<>();
            for (double[][] curve : curves) {
                double v = interpolate(curve[0], curve[1], t);
                if (!Double.isNaN(v)) {
                    at.add(v);
                }
            }
            points.put(t, at);
        }
        return of(points);
    }

    /** The band of scalar results: the values at each distinct x (each run's x and value), non-finite values left out. */
    static SeedBand atPoints(double[] x, double[] values) {
        Map<Double, List<Double>> points = new TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i])) {
                List<Double> at = points.computeIfAbsent(x[i], k -> new ArrayList<>());
                if (Double.isFinite(values[i])) {
                    at.add(values[i]);
                }
            }
        }
        return of(points);
    }

    /** Statistics at each x that has at least one value. */
    private static SeedBand of(Map<Double, List<Double>> points) {
        List<Double> xs = new ArrayList<>();
        List<double[]> stats = new ArrayList<>();
        for (Map.Entry<Double, List<Double>> point : points.entrySet()) {
            List<Double> at = point.getValue();
            if (at.isEmpty()) {
                continue;
            }
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : at) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            xs.add(point.getKey());
            // mean = Σ v / k
            stats.add(new double[] {sum / at.size(), min, max, at.size()});
        }
        int n = xs.size();
        SeedBand band = new SeedBand(new double[n], new double[n], new double[n], new double[n], new int[n]);
        for (int i = 0; i < n; i++) {
            band.x[i] = xs.get(i);
            band.mean[i] = stats.get(i)[0];
            band.min[i] = stats.get(i)[1];
            band.max[i] = stats.get(i)[2];
            band.count[i] = (int) stats.get(i)[3];
        }
        return band;
    }

    /** The rows whose time and value are both finite, as {times, values}. */
    private static double[][] finite(double[] t, double[] v) {
        int k = 0;
        for (int i = 0; i < t.length; i++) {
            if (Double.isFinite(t[i]) && Double.isFinite(v[i])) {
                k++;
            }
        }
        double[][] out = new double[2][k];
        k = 0;
        for (int i = 0; i < t.length; i++) {
            if (Double.isFinite(t[i]) && Double.isFinite(v[i])) {
                out[0][k] = t[i];
                out[1][k] = v[i];
                k++;
            }
        }
        return out;
    }

    /**
     * The curve's value at {@code t}: its own value at a recorded time, else
     * v_i + (v_{i+1} − v_i)·(t − t_i)/(t_{i+1} − t_i) between the rows i, i+1 around t; NaN outside
     * its recorded times. The times are increasing, as a trajectory records them.
     */
    static double interpolate(double[] times, double[] values, double t) {
        int i = Arrays.binarySearch(times, t);
        if (i >= 0) {
            return values[i];
        }
        // the first row after t
        int after = -i - 1;
        if (after == 0 || after == times.length) {
            return Double.NaN;
        }
        int before = after - 1;
        return values[before] + (values[after] - values[before]) * (t - times[before]) / (times[after] - times[before]);
    }

    /** Whether some x has values of more than one run: a band to draw. */
    boolean spread() {
        for (int k : count) {
            if (k > 1) {
                return true;
            }
        }
        return false;
    }
}
