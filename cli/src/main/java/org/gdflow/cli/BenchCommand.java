package org.gdflow.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.gdflow.api.Activation;
import org.gdflow.api.Backend;
import org.gdflow.api.PluginKind;
import org.gdflow.api.VectorSupport;
import org.gdflow.core.bench.ActivationForks;
import org.gdflow.core.bench.BenchResult;
import org.gdflow.core.bench.VectorFieldBenchmark;
import org.gdflow.core.bench.Workload;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.Gdflow;
import org.gdflow.core.plugin.NearestName;
import org.gdflow.core.plugin.PluginCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gdflow bench [--backend NAME]... [--workload NAME]... [--activation NAME] [--forks N]}: times one
 * vector-field evaluation, one rk4 step, the two products of an evaluation alone (with the ratio
 * evaluation / products) and the activation pass on the fixed workloads (tanh unless another
 * activation is named, ntk, W and a trained), every backend found unless some are named. The
 * activation pass is timed in N fresh JVMs ({@link ActivationForks}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Time an evaluation, an rk4 step, its two products alone and the activation pass.",
            "The activation pass (σ and σ' row by row, as the backends run it) is timed in --forks fresh JVMs."})
final class BenchCommand implements Callable<Integer> {
    /** What times one backend on the workloads: {@link VectorFieldBenchmark#run}, or a test's stand-in. */
    @FunctionalInterface
    interface Bencher {
        List<BenchResult> run(Backend backend, String backendName, Activation activation, List<Workload> workloads, PrintStream progress,
                VectorFieldBenchmark.ActivationLine activationLine);
    }

    private final PrintStream out;
    private final Bencher bencher;
    private final Supplier<Gdflow> gdflow;

    @Option(names = "--backend", paramLabel = "NAME", description = "a backend to time (repeatable; default every backend found)")
    private List<String> backends = new ArrayList<>();

    @Option(names = "--workload", paramLabel = "NAME",
            description = "small, lowdim, medium or large (repeatable; default all four)")
    private List<String> workloadNames = new ArrayList<>();

    @Option(names = "--activation", paramLabel = "NAME", description = "the activation of the workloads (default tanh)")
    private String activationName = "tanh";

    @Option(names = "--forks", paramLabel = "N", description = "the JVMs the activation pass is timed in, one after another"
            + " (default " + ActivationForks.DEFAULT_FORKS + "); its line gives the median of their medians and their range")
    private int forks = ActivationForks.DEFAULT_FORKS;

    BenchCommand(PrintStream out, Bencher bencher, Supplier<Gdflow> gdflow) {
        this.out = out;
        this.bencher = bencher;
        this.gdflow = gdflow;
    }

    @Override
    public Integer call() {
        if (forks < 1) {
            throw new GdflowException("bench --forks: the activation pass needs at least one JVM, not " + forks);
        }
        List<Workload> workloads = new ArrayList<>();
        for (String name : workloadNames) {
            try {
                workloads.add(Workload.named(name));
            } catch (IllegalArgumentException e) {
                throw new GdflowException("bench --workload: " + e.getMessage());
            }
        }
        Gdflow found = gdflow.get();
        PluginCatalog catalog = found.catalog();
        if (backends.isEmpty()) {
            backends.addAll(catalog.plugins(PluginKind.BACKEND).keySet());
        }
        if (workloads.isEmpty()) {
            workloads.addAll(Workload.standard());
        }
        if (!catalog.has(PluginKind.ACTIVATION, activationName)) {
            throw new GdflowException("bench --activation: no activation plugin is named '" + activationName
                    + "'" + NearestName.hint(activationName, catalog.plugins(PluginKind.ACTIVATION).keySet()) + "; the activations are " + String.join(", ", catalog.plugins(PluginKind.ACTIVATION).keySet()));
        }
        // every name is checked before any backend is timed (a typo in the second name must not cost minutes)
        for (String name : backends) {
            if (!catalog.has(PluginKind.BACKEND, name)) {
                throw new GdflowException("bench --backend: no backend plugin is named '" + name + "'"
                        + NearestName.hint(name, catalog.plugins(PluginKind.BACKEND).keySet()) + "; the backends are "
                        + String.join(", ", catalog.plugins(PluginKind.BACKEND).keySet()));
            }
        }
        Activation activation = catalog.create(catalog.named(PluginKind.ACTIVATION, activationName), Activation.class);
        ActivationForks activationLine = new ActivationForks(forks, activationName, found.pluginPath());
        out.printf(Locale.ROOT, "gdflow bench: %d cores, Java %s, SIMD %s; %s, ntk, W and a trained;"
                + " GFLOP/s counts 4·n·m·d per evaluation%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), VectorSupport.describe(), activationName);
        for (String name : backends) {
            Backend backend = catalog.create(catalog.named(PluginKind.BACKEND, name), Backend.class);
            List<BenchResult> results = bencher.run(backend, name, activation, workloads, out, activationLine);
            if (results.isEmpty()) {
                out.println("no results for " + name);
            }
        }
        return 0;
    }
}
