package org.gdflow.core.run;

import java.util.random.RandomGenerator;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.data.NumericCsv;
import org.gdflow.core.spec.Spec.InitSpec;
import org.gdflow.core.spec.Spec.WeightInit;

/**
 * Draws θ(0) = (W row-major, a) in Java from the run's init stream, so every backend starts from
 * bit-identical parameters.
 */
public final class Initialisation {
    private Initialisation() {
    }

    /** θ(0) for width m and input dimension d. */
    public static double[] draw(InitSpec init, int m, int d, RandomGenerator random) {
        double[] theta = new double[m * d + m];
        // with symmetric pairs, neurons r and r + m/2 share w_r and have opposite a_r
        int drawn = init.symmetric() ? m / 2 : m;
        fill(init.w(), theta, 0, drawn, d, random, "model.init.w", m);
        fill(init.a(), theta, m * d, drawn, 1, random, "model.init.a", m);
        if (init.symmetric()) {
            System.arraycopy(theta, 0, theta, drawn * d, drawn * d);
            for (int r = 0; r < drawn; r++) {
                theta[m * d + drawn + r] = -theta[m * d + r];
            }
        }
        return theta;
    }

    private static void fill(WeightInit w, double[] theta, int offset, int rows, int columns, RandomGenerator random,
                             String path, int width) {
        int count = rows * columns;
        switch (w.kind()) {
            case "gaussian" -> {
                for (int i = 0; i < count; i++) {
                    // w ~ N(0, std²)
                    theta[offset + i] = w.std() * random.nextGaussian();
                }
            }
            case "rademacher" -> {
                for (int i = 0; i < count; i++) {
                    theta[offset + i] = random.nextBoolean() ? 1.0 : -1.0;
                }
            }
            case "constant" -> java.util.Arrays.fill(theta, offset, offset + count, w.value());
            case "csv" -> {
                NumericCsv.Table t = org.gdflow.core.data.DataFactory.readInit(w, path);
                if (t.rows() != width || t.columns() != columns) {
                    throw new GdflowException(path + ".path: " + t.file() + " has " + t.rows() + "×" + t.columns()
                            + " values; expected " + width + "×" + columns + " (model.width rows" + (columns > 1 ? " of d = " + columns + " values" : ", one value each") + ")");
                }
                // with symmetric pairs only the first m/2 rows are used; the file gives all m anyway
                System.arraycopy(t.values(), 0, theta, offset, count);
            }
            default -> throw new IllegalStateException("unknown init kind " + w.kind());
        }
    }
}
