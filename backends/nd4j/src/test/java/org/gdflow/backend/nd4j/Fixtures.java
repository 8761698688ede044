package org.gdflow.backend.nd4j;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.gdflow.api.Activation;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkProblem;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.Scaling;

/** Test problems and the plugins found by {@link ServiceLoader} (activations, scalings, the ejml backend). */
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

    /** Whether ServiceLoader found a plugin of this kind and name. */
    static boolean found(PluginKind kind, String name) {
        return PLUGINS.containsKey(kind.label() + ":" + name);
    }

    /** A plugin found by ServiceLoader, made with its default (no-argument or all-default) parameters. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> T create(PluginKind kind, String name, Object... arguments) {
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

    /** A built-in activation, or the test-local "bump" (Java fallback). */
    static Activation activation(String name) {
        if (name.equals("bump")) {
            return new Bump();
        }
        return create(PluginKind.ACTIVATION, name);
    }

    static Scaling scaling(String name) {
        return create(PluginKind.SCALING, name);
    }

    static Backend ejml() {
        return create(PluginKind.BACKEND, "ejml");
    }

    /**
     * σ(z) = z e^(−z²/2) + z/3: smooth, odd, not monotone, defined only here, with the default
     * two-call {@link Activation#evaluate}: it always takes the Java path through the plugin.
     */
    static final class Bump implements Activation {
        @Override
        public double value(double z) {
            return z * Math.exp(-0.5 * z * z) + z / 3;
        }

        @Override
        public double derivative(double z) {
            return (1 - z * z) * Math.exp(-0.5 * z * z) + 1.0 / 3;
        }

        @Override
        public double secondDerivative(double z) {
            return (z * z * z - 3 * z) * Math.exp(-0.5 * z * z);
        }
    }

    /** A random problem: x ~ N(0, I/d)·√(1 + small), y ~ N(0, 1), mean loss; the given σ, scaling and trainable parts. */
    static NetworkProblem problem(long seed, int n, int d, int m, Activation activation, Scaling scaling, boolean trainW, boolean trainA) {
        Random random = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() / Math.sqrt(d);
        }
        double[] y = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextGaussian();
            mu[i] = 1.0 / n;
        }
        return new NetworkProblem(x, y, mu, n, d, m, activation, scaling.outputScale(m), scaling.timeScale(m), trainW, trainA);
    }

    /** θ: W ~ N(0, 1), a ~ N(0, 1). */
    static double[] theta(long seed, NetworkProblem problem) {
        Random random = new Random(seed);
        double[] theta = new double[problem.dimension()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian();
        }
        return theta;
    }

    /** max |a − b| / max |b|, the norm-wise relative difference. */
    static double relativeDifference(double[] a, double[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }

    static double relativeDifference(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), Double.MIN_NORMAL);
    }
}
