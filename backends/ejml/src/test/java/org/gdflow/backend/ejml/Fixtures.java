package org.gdflow.backend.ejml;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.gdflow.api.Activation;
import org.gdflow.api.NetworkProblem;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.Scaling;

/**
 * Test problems, the plugins found by {@link ServiceLoader} (activations, scalings), and
 * independent references: naive loops over the model and central finite differences.
 */
final class Fixtures {
    private static final Map<String, Plugin<?, ?>> PLUGINS = discover();

    private Fixtures() {
    }

    private static Map<String, Plugin<?, ?>> discover() {
        Map<String, Plugin<?, ?>> plugins = new HashMap<>();
        for (PluginRegistration registration : ServiceLoader.load(PluginRegistration.class)) {
            registration.register(p -> plugins.put(p.kind().label() + ":" + p.name(), p));
        }
        return plugins;
    }

    /** A plugin found by ServiceLoader, made from its parameter record's canonical constructor. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> T create(PluginKind kind, String name, Object... arguments) {
        Plugin plugin = PLUGINS.get(kind.label() + ":" + name);
        if (plugin == null) {
            throw new IllegalStateException(kind.label() + " '" + name + "' not found by ServiceLoader; found " + PLUGINS.keySet());
        }
        try {
            Class<? extends Record> type = plugin.parametersType();
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class[]::new);
            Record parameters = type.getDeclaredConstructor(types).newInstance(arguments);
            return (T) plugin.create(parameters);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind the parameters of " + name, e);
        }
    }

    /** A built-in activation ("tanh", "sigmoid", "softplus") or the test-local "sine". */
    static Activation activation(String name) {
        if (name.equals("sine")) {
            return new SineActivation();
        }
        return create(PluginKind.ACTIVATION, name);
    }

    /** A built-in scaling: "ntk", "mean-field", or "power" (with α = 0.75). */
    static Scaling scaling(String name) {
        if (name.equals("power")) {
            return create(PluginKind.SCALING, name, 0.75);
        }
        return create(PluginKind.SCALING, name);
    }

    /**
     * σ(z) = sin z + z/2: smooth, not monotone, test-local, and relying on the default (two-call)
     * {@link Activation#evaluate} rather than a fused override.
     */
    static final class SineActivation implements Activation {
        @Override
        public double value(double z) {
            return Math.sin(z) + 0.5 * z;
        }

        @Override
        public double derivative(double z) {
            return Math.cos(z) + 0.5;
        }

        @Override
        public double secondDerivative(double z) {
            return -Math.sin(z);
        }
    }

    /** A random problem: X, y ~ N(0, 1), μ = 1/n (or random positive weights when {@code userWeights}). */
    static NetworkProblem problem(long seed, int n, int d, int m, Activation activation, Scaling scaling,
            boolean trainW, boolean trainA, boolean userWeights) {
        Random random = new Random(seed);
        double[] x = gaussian(random, n * d, 1.0);
        double[] y = gaussian(random, n, 1.0);
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = userWeights ? 0.2 + random.nextDouble() : 1.0 / n;
        }
        return new NetworkProblem(x, y, mu, n, d, m, activation, scaling.outputScale(m), scaling.timeScale(m), trainW, trainA);
    }

    /** θ: W ~ N(0, 1/d), a ~ N(0, 1). */
    static double[] theta(long seed, NetworkProblem p) {
        Random random = new Random(seed);
        double[] theta = new double[p.dimension()];
        double sw = 1.0 / Math.sqrt(p.d());
        for (int j = 0; j < theta.length; j++) {
            theta[j] = random.nextGaussian() * (j < p.offsetA() ? sw : 1.0);
        }
        return theta;
    }

    static double[] gaussian(Random random, int length, double scale) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = scale * random.nextGaussian();
        }
        return v;
    }

    /** f(x_i) by a naive loop: s Σ_r a_r σ(Σ_k W_rk x_ik). */
    static double naivePrediction(NetworkProblem p, double[] theta, int i) {
        int d = p.d();
        double sum = 0;
        for (int r = 0; r < p.width(); r++) {
            double z = 0;
            for (int k = 0; k < d; k++) {
                z += theta[r * d + k] * p.x()[i * d + k];
            }
            sum += theta[p.offsetA() + r] * p.activation().value(z);
        }
        return p.outputScale() * sum;
    }

    /** The naive loss ½ Σ_{j<size} w_j (f(x_{rows[j]}) − y_{rows[j]})² with w_j = μ_{rows[j]} · reweight. */
    static double naiveLoss(NetworkProblem p, double[] theta, int[] rows, int size, double reweight) {
        double sum = 0;
        for (int j = 0; j < size; j++) {
            int i = rows[j];
            double e = naivePrediction(p, theta, i) - p.y()[i];
            sum += p.mu()[i] * reweight * e * e;
        }
        return 0.5 * sum;
    }

    /** All indices 0..n-1. */
    static int[] all(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** The naive Gram matrix by the formula of the design notes, n×n row-major. */
    static double[] naiveGram(NetworkProblem p, double[] theta) {
        int n = p.n();
        int d = p.d();
        int m = p.width();
        Activation act = p.activation();
        double[] h = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double xx = 0;
                for (int k = 0; k < d; k++) {
                    xx += p.x()[i * d + k] * p.x()[j * d + k];
                }
                double sum = 0;
                for (int r = 0; r < m; r++) {
                    double zi = 0;
                    double zj = 0;
                    for (int k = 0; k < d; k++) {
                        zi += theta[r * d + k] * p.x()[i * d + k];
                        zj += theta[r * d + k] * p.x()[j * d + k];
                    }
                    double ar = theta[p.offsetA() + r];
                    if (p.trainW()) {
                        sum += ar * ar * act.derivative(zi) * act.derivative(zj) * xx;
                    }
                    if (p.trainA()) {
                        sum += act.value(zi) * act.value(zj);
                    }
                }
                h[i * n + j] = p.timeScale() * p.outputScale() * p.outputScale() * sum;
            }
        }
        return h;
    }

    /** Whether coordinate j of θ is trained. */
    static boolean trained(NetworkProblem p, int j) {
        return j < p.offsetA() ? p.trainW() : p.trainA();
    }

    /** The central-difference step for coordinate value t. */
    static double step(double t) {
        return 1e-6 * Math.max(1.0, Math.abs(t));
    }

    /** A scalar function of θ. */
    interface ThetaFunction {
        double at(double[] theta);
    }

    /** −τ × the central finite-difference gradient of f on the trained coordinates, 0 elsewhere. */
    static double[] finiteDifferenceVelocity(NetworkProblem p, double[] theta, ThetaFunction f) {
        double[] v = new double[theta.length];
        double[] t = theta.clone();
        for (int j = 0; j < theta.length; j++) {
            if (!trained(p, j)) {
                continue;
            }
            double h = step(theta[j]);
            t[j] = theta[j] + h;
            double plus = f.at(t);
            t[j] = theta[j] - h;
            double minus = f.at(t);
            t[j] = theta[j];
            v[j] = -p.timeScale() * (plus - minus) / (2 * h);
        }
        return v;
    }

    static double norm(double[] v) {
        double sum = 0;
        for (double e : v) {
            sum += e * e;
        }
        return Math.sqrt(sum);
    }

    /** ‖a − b‖ / ‖b‖ (or ‖a − b‖ when b = 0). */
    static double relativeError(double[] a, double[] b) {
        double[] diff = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            diff[i] = a[i] - b[i];
        }
        double nb = norm(b);
        return nb == 0 ? norm(diff) : norm(diff) / nb;
    }
}
