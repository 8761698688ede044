package org.gdflow.core.theory;

import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.gdflow.api.Activation;
import org.gdflow.core.Gdflow;

/**
 * The wall time of λ0 (H_inf by the fastest method, then EJML's symmetric eigenvalues) for n points
 * drawn uniformly on the unit sphere in R^d: a measuring harness for docs/PERFORMANCE.md, not a test.
 *
 * <pre>java -cp CLASSPATH org.gdflow.core.theory.Lambda0Timing [n] [d] [activation] [repeats]</pre>
 * (defaults 2000 20 relu 3); prints one line per repeat.
 */
public final class Lambda0Timing {
    private Lambda0Timing() {
    }

    /** Runs the measurement. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String name = args.length > 2 ? args[2] : "relu";
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        org.gdflow.core.plugin.PluginCatalog catalog = Gdflow.discover().catalog();
        Activation activation = catalog.create(catalog.named(org.gdflow.api.PluginKind.ACTIVATION, name), Activation.class);
        SplittableRandom random = new SplittableRandom(11);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = random.nextGaussian();
                norm += x[i * d + k] * x[i * d + k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < d; k++) {
                x[i * d + k] /= norm;
            }
        }
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(activation);
        InfiniteWidthKernel.Method method = kernel.fastestMethod(x, n, d);
        for (int rep = 0; rep < repeats; rep++) {
            long start = System.nanoTime();
            double[] hInf = kernel.matrix(x, n, d, true, true);
            long filled = System.nanoTime();
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
            if (!eig.decompose(DMatrixRMaj.wrap(n, n, hInf))) {
                throw new ArithmeticException("eigen decomposition failed");
            }
            double lambda0 = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lambda0 = Math.min(lambda0, eig.getEigenvalue(i).real);
            }
            long done = System.nanoTime();
            System.out.printf(Locale.ROOT, "%s n=%d d=%d method=%s: H_inf %.3f s, eigenvalues %.3f s, total %.3f s, lambda0 = %.12g%n",
                    name, n, d, method, (filled - start) / 1e9, (done - filled) / 1e9, (done - start) / 1e9, lambda0);
        }
    }
}
