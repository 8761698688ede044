import java.util.*;
import org.gdflow.api.*;
import org.gdflow.core.bench.*;

/**
 * Median ms of one evaluation (tanh, the bench's data and θ(0)) on ejml and on nd4j, the two alternating, for
 * each shape n×d×m given: where the two backends cross over (docs/PERFORMANCE.md, "Choices kept").
 *
 * <pre>
 * ./gdflow --version   # builds the distribution
 * OPENBLAS_CORETYPE=SKYLAKEX java --add-modules jdk.incubator.vector -cp "examples/target/gdflow/lib/*" \
 *     bench/BackendCrossover.java 3 256x16x1024 512x16x1024
 * (OPENBLAS_CORETYPE as the launcher sets it: SKYLAKEX with AVX-512, HASWELL with AVX2.)
 * </pre>
 * The first argument is the number of rounds (take 3 or more: on a busy machine the JIT may still be compiling the
 * Vector API code in the first round, which the median then discards); each round times each backend for about 1.3 s.
 * Prints each round's medians on stderr and the median over the rounds on stdout.
 */
public class BackendCrossover {
    public static void main(String[] args) throws Exception {
        Backend[] backends = {new org.gdflow.backend.ejml.EjmlBackend(), new org.gdflow.backend.nd4j.Nd4jBackend()};
        Activation tanh = new org.gdflow.activations.Tanh();
        int rounds = Integer.parseInt(args[0]);
        List<int[]> shapes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] p = args[i].split("x");
            shapes.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])});
        }
        boolean[] warm = new boolean[2];
        for (int[] s : shapes) {
            double[][] med = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int b = 0; b < 2; b++) {
                    Workload w = new Workload("x", s[0], s[1], s[2]);
                    NetworkProblem problem = VectorFieldBenchmark.problem(w, tanh);
                    double[] theta = VectorFieldBenchmark.initialTheta(problem);
                    try (NetworkKernels k = backends[b].open(problem)) {
                        double[] v = new double[problem.dimension()];
                        // warm-up: 2 s the first time a backend runs (the JIT compiles the pass and the products), then 0.3 s
                        long end = System.nanoTime() + (warm[b] ? 300_000_000L : 2_000_000_000L);
                        warm[b] = true;
                        while (System.nanoTime() < end) k.evaluate(theta, v);
                        List<Double> t = new ArrayList<>();
                        end = System.nanoTime() + 1_000_000_000L;
                        while (System.nanoTime() < end || t.size() < 5) {
                            long t0 = System.nanoTime();
                            k.evaluate(theta, v);
                            t.add((System.nanoTime() - t0) / 1e6);
                        }
                        Collections.sort(t);
                        med[b][r] = t.get(t.size() / 2);
                    }
                }
            }
            System.err.println("  rounds ejml " + Arrays.toString(med[0]) + " nd4j " + Arrays.toString(med[1]));
            double e = median(med[0]), n = median(med[1]);
            System.out.printf(Locale.ROOT, "n=%d d=%d m=%d nmd=2^%.1f nm=2^%.1f  ejml %.3f ms  nd4j %.3f ms  ejml/nd4j %.2f%n",
                    s[0], s[1], s[2], Math.log((double) s[0] * s[1] * s[2]) / Math.log(2), Math.log((double) s[0] * s[2]) / Math.log(2), e, n, e / n);
        }
    }
    static double median(double[] x) { double[] c = x.clone(); Arrays.sort(c); return c[c.length / 2]; }
}
