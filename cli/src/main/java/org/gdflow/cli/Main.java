package org.gdflow.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.plugin.PluginParameters;
import org.gdflow.core.run.ProgressListener;
import org.gdflow.core.run.Provenance;
import org.gdflow.core.run.RunResult;
import org.gdflow.core.spec.Spec;

/** The {@code gdflow} command line: {@code run}, {@code plugins}, {@code bench}. */
public final class Main {
    static final String USAGE = """
            usage: gdflow <command> [options]

              run SPEC.json [--out DIR] [--set key.path=value ...]
                  train the network a spec describes; writes DIR/trajectory.csv and DIR/summary.json
                  (DIR defaults to results/<name>)
              run STUDY.json [--out DIR] [--jobs N] [--force]
                  a spec with a "sweep" block: one run per variant in DIR/<id>/, and DIR/index.csv;
                  finished runs are skipped, runs of a changed spec refused unless --force
              plugins
                  list every activation, scaling, integrator and backend found, with parameters
              bench [--backend NAME] [--workload small|medium|large]
                  time one vector-field evaluation and one rk4 step
              help
                  show this text
            """;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err).execute(args));
    }

    /** Runs one command; returns the exit status (0 ok, 1 run diverged, 2 bad input). */
    public int execute(String... args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            return switch (args[0]) {
                case "run" -> run(List.of(args).subList(1, args.length));
                case "plugins" -> plugins();
                case "bench" -> BenchCommand.run(List.of(args).subList(1, args.length), out);
                case "--version", "version" -> {
                    out.println("gdflow " + Provenance.version());
                    yield 0;
                }
                default -> throw new GdflowException("unknown command '" + args[0] + "'; the commands are run, plugins, bench, help");
            };
        } catch (GdflowException e) {
            err.println("gdflow: error: " + e.getMessage());
            return 2;
        }
    }

    private int run(List<String> args) {
        Path specFile = null;
        Path outDir = null;
        List<String> sets = new ArrayList<>();
        Integer jobs = null;
        boolean force = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--out" -> outDir = Path.of(value(args, ++i, "--out", "a folder"));
                case "--set" -> sets.add(value(args, ++i, "--set", "key.path=value"));
                case "--jobs" -> jobs = positive(value(args, ++i, "--jobs", "a number of parallel runs"), "--jobs");
                case "--force" -> force = true;
                default -> {
                    if (a.startsWith("--")) {
                        throw new GdflowException("run: unknown option " + a
                                + "; the options are --out DIR, --set key.path=value, --jobs N and --force");
                    }
                    if (specFile != null) {
                        throw new GdflowException("run: one spec at a time; got " + specFile + " and " + a);
                    }
                    specFile = Path.of(a);
                }
            }
        }
        if (specFile == null) {
            throw new GdflowException("run: give a spec file, for example gdflow run examples/specs/quickstart.json");
        }
        if (StudyCommand.isStudy(specFile)) {
            if (!sets.isEmpty()) {
                throw new GdflowException("run: --set changes a single run; " + specFile + " is a study (it has a \"sweep\""
                        + " block): change the spec, or sweep that path");
            }
            return StudyCommand.run(Gdflow.discover(), specFile, outDir, jobs == null ? 1 : jobs, force, out, err);
        }
        if (jobs != null || force) {
            throw new GdflowException("run: --jobs and --force apply to a study (a spec with a \"sweep\" block); "
                    + specFile + " is a single run");
        }
        Gdflow gdflow = Gdflow.discover();
        Spec spec = gdflow.spec(specFile, sets.toArray(String[]::new));
        Path dir = outDir != null ? outDir : Path.of("results", spec.name());
        out.printf(Locale.ROOT, "gdflow run %s: n=%s m=%d, %s, %s, %s -> %s%n", spec.name(), describeData(spec),
                spec.model().width(), spec.model().activation().name(), spec.model().scaling().name(),
                spec.integrator().name(), dir);
        RunResult result = gdflow.run(spec, dir, new ThrottledProgress(out, System::nanoTime));
        out.printf(Locale.ROOT, "%s after %d steps, t = %.6g: loss %.6e (%.2f s on %s)%n", result.status().label(),
                result.steps(), result.time(), result.finalLoss(), result.wallSeconds(), result.provenance().backend());
        for (Map.Entry<String, Object> e : result.diagnostics().entrySet()) {
            if (e.getValue() instanceof Number) {
                out.printf(Locale.ROOT, "  %s = %s%n", e.getKey(), e.getValue());
            }
        }
        if (result.status() == org.gdflow.core.run.RunStatus.DIVERGED) {
            err.println("gdflow: the run diverged: " + result.message());
            return 1;
        }
        out.println("wrote " + dir.resolve("summary.json") + " and " + dir.resolve("trajectory.csv"));
        return 0;
    }

    private static String describeData(Spec spec) {
        if (spec.data() instanceof Spec.GeneratedData g) {
            return g.n() + " (" + g.kind() + ", d=" + g.d() + ")";
        }
        return "csv";
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new GdflowException(option + ": expected a positive whole number, got '" + text + "'");
    }

    private static String value(List<String> args, int i, String option, String what) {
        if (i >= args.size()) {
            throw new GdflowException(option + " needs a value: " + what);
        }
        return args.get(i);
    }

    private int plugins() {
        Gdflow gdflow = Gdflow.discover();
        for (PluginKind kind : PluginKind.values()) {
            out.println(kind.label() + "s:");
            for (Plugin<?, ?> plugin : gdflow.catalog().plugins(kind).values()) {
                out.printf(Locale.ROOT, "  %-12s %s%n", plugin.name(), plugin.description());
                for (PluginParameters.Description p : PluginParameters.describe(plugin)) {
                    out.printf(Locale.ROOT, "      %-12s %-8s %s%s%n", p.key(), p.type(),
                            p.description(), p.required() ? " (required)" : " (default " + p.defaultValue() + ")");
                }
            }
        }
        return 0;
    }

    /** Prints a progress line at most every two seconds (of {@code clock}, in nanoseconds; package-private for its test). */
    static final class ThrottledProgress implements ProgressListener {
        private final PrintStream out;
        private final LongSupplier clock;
        private long last;

        ThrottledProgress(PrintStream out, LongSupplier clock) {
            this.out = out;
            this.clock = clock;
            this.last = clock.getAsLong();
        }

        @Override
        public void recorded(long step, double time, double loss) {
            long now = clock.getAsLong();
            if (now - last > 2_000_000_000L) {
                last = now;
                out.printf(Locale.ROOT, "  step %d  t = %.6g  loss %.6e%n", step, time, loss);
            }
        }
    }
}
