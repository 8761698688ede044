package org.gdflow.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.gdflow.core.Gdflow;
import org.gdflow.core.bench.VectorFieldBenchmark;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.error.InsufficientMemoryException;
import org.gdflow.core.error.RunFailedException;
import org.gdflow.core.output.FolderRun;
import org.gdflow.core.plugin.PluginPath;
import org.gdflow.core.run.ProgressListener;
import org.gdflow.core.run.Provenance;
import org.gdflow.core.run.RunInterrupt;
import org.gdflow.core.run.RunObserver;
import org.gdflow.core.spec.Spec;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * The {@code gdflow} command line (picocli): {@code run}, {@code resume}, {@code inspect}, {@code report}, {@code plugins}, {@code bench}, {@code completion},
 * {@code help}. Every command sees the plugins of the plugin path: {@code GDFLOW_PLUGIN_PATH}, then each {@code --plugins DIR}.
 */
@Command(name = "gdflow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Trains two-layer neural networks by gradient flow or gradient descent and records the dynamics.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit status: 0 finished, 1 the run failed (diverged, a study run failed, an internal error),",
            "2 bad input, 3 interrupted (continue it: gdflow resume DIR), 4 refused: not enough memory.",
            "Every message and what to do about it: docs/ERRORS.md."})
public final class Main implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final BenchCommand.Bencher bencher;
    private final boolean terminal;
    private final Map<String, String> environment;

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "a folder of plugin jars (repeatable; also " + PluginPath.ENVIRONMENT_VARIABLE + ")")
    private List<Path> pluginFolders = new ArrayList<>();

    /** The command line writing to {@code out} and {@code err} as to a file: plain lines, no progress bars. */
    public Main(PrintStream out, PrintStream err) {
        this(out, err, false);
    }

    /** With progress bars when {@code terminal} (package-private for the tests). */
    Main(PrintStream out, PrintStream err, boolean terminal) {
        this(out, err, VectorFieldBenchmark::run, terminal, System.getenv());
    }

    /** With the bench's timer replaced (package-private for the tests). */
    Main(PrintStream out, PrintStream err, BenchCommand.Bencher bencher) {
        this(out, err, bencher, false, System.getenv());
    }

    /** With the environment replaced, for {@code GDFLOW_PLUGIN_PATH} (package-private for the tests). */
    Main(PrintStream out, PrintStream err, Map<String, String> environment) {
        this(out, err, VectorFieldBenchmark::run, false, environment);
    }

    private Main(PrintStream out, PrintStream err, BenchCommand.Bencher bencher, boolean terminal, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.bencher = bencher;
        this.terminal = terminal;
        this.environment = environment;
    }

    /** Runs the CLI and exits with its status; progress bars only when standard output is a terminal. */
    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err, System.console() != null).execute(args));
    }

    /**
     * gdflow with the built-in plugins and those of the plugin path ({@code GDFLOW_PLUGIN_PATH}, then
     * each {@code --plugins}); discovery's warnings go to standard error.
     */
    Gdflow gdflow() {
        List<Path> path = new ArrayList<>(PluginPath.parse(environment.get(PluginPath.ENVIRONMENT_VARIABLE)));
        path.addAll(pluginFolders);
        Gdflow gdflow = Gdflow.discover(path);
        for (String warning : gdflow.catalog().warnings()) {
            err.println("gdflow: warning: " + warning);
        }
        return gdflow;
    }

    /** Exit status of bad input (a spec, a file, an option, an output folder that cannot be used). */
    static final int BAD_INPUT = 2;
    /** Exit status of a run refused for want of memory. */
    static final int REFUSED = 4;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "print the stack trace of an internal error (for a bug report)")
    private boolean debug;

    /**
     * Runs one command; returns the exit status: 0 finished, 1 the run failed (diverged, a study run
     * failed, an internal error), 2 bad input, 3 interrupted, 4 refused for want of memory.
     */
    public int execute(String... args) {
        PrintWriter outWriter = writer(out);
        PrintWriter errWriter = writer(err);
        CommandLine cli = new CommandLine(this)
                .addSubcommand(new RunCommand(out, err, terminal, this::gdflow))
                .addSubcommand(new ResumeCommand(out, err, terminal, this::gdflow))
                .addSubcommand(new InspectCommand(out, this::gdflow))
                .addSubcommand(new ReportCommand(out))
                .addSubcommand(new PluginsCommand(out, this::gdflow))
                .addSubcommand(new BenchCommand(out, bencher, this::gdflow))
                .addSubcommand(new CompletionCommand(out))
                .addSubcommand(new VersionCommand(out))
                .addSubcommand(new HelpCommand());
        cli.setUsageHelpWidth(100);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        // the same text on a terminal and in a file: no ANSI escape codes
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setParameterExceptionHandler((e, badArgs) -> {
            CommandLine command = e.getCommandLine();
            String name = command.getCommandSpec().qualifiedName();
            errWriter.println("gdflow: error: " + e.getMessage());
            errWriter.print("Usage: " + command.getHelp().synopsis("Usage: ".length()));
            errWriter.println("Try '" + name + " --help' for more information.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> failure(e, errWriter, parsed.matchedOption("--debug") != null || debug));
        // the writers pass every character straight on to the streams: nothing to flush afterwards
        return cli.execute(args);
    }

    @picocli.CommandLine.Spec
    private CommandSpec spec;

    /**
     * The one line an error ends a command with, and its exit status: bad input 2, refused for want of
     * memory 4, a run that failed while it ran 1, anything else an internal error 1 (its stack trace
     * only with {@code --debug}).
     */
    static int failure(Throwable e, PrintWriter err, boolean debug) {
        int status;
        if (e instanceof InsufficientMemoryException) {
            err.println("gdflow: " + e.getMessage());
            status = REFUSED;
        } else if (e instanceof RunFailedException) {
            err.println("gdflow: the run failed: " + e.getMessage());
            status = RunReport.FAILED;
        } else if (e instanceof GdflowException) {
            err.println("gdflow: error: " + e.getMessage());
            status = BAD_INPUT;
        } else if (e instanceof OutOfMemoryError) {
            err.println("gdflow: the run failed: Java ran out of memory (" + e.getMessage() + "); give it more with"
                    + " GDFLOW_JAVA_OPTS=-Xmx<size>, or make the run smaller (model.width, data.n)");
            status = RunReport.FAILED;
        } else {
            err.println("gdflow: internal error: " + e + (debug ? "" : " (run again with --debug for the stack trace)"));
            status = RunReport.FAILED;
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    /** No command: the usage, on standard error, and status 2. */
    @Override
    public Integer call() {
        CommandLine self = spec.commandLine();
        self.usage(self.getErr());
        return 2;
    }

    /** A writer onto {@code stream} that keeps the stream's own encoding. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                stream.print(new String(text, offset, length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                // the stream belongs to the caller
            }
        });
    }

    /** {@code gdflow <version>}, from core's jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gdflow " + Provenance.version()};
        }
    }

    @Command(name = "version", hidden = true, description = "Print the version (as --version).")
    static final class VersionCommand implements Callable<Integer> {
        private final PrintStream out;

        VersionCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            out.println(new Version().getVersion()[0]);
            return 0;
        }
    }

    @Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Print a bash (and zsh) completion script for gdflow.",
                "Use it with: source <(./gdflow completion)"})
    static final class CompletionCommand implements Callable<Integer> {
        private final PrintStream out;
        @picocli.CommandLine.Spec
        private CommandSpec spec;

        CompletionCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            out.print(AutoComplete.bash("gdflow", spec.root().commandLine()));
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Train the network that SPEC describes; write DIR/trajectory.csv and DIR/summary.json.",
                "The trajectory grows as the run goes and a checkpoint is kept: a folder left by Ctrl-C or a kill",
                "is resumed. A folder with another spec's results is refused unless --force (which clears it).",
                "A spec with a \"sweep\" block is a study: one run per variant in DIR/<id>/, and DIR/index.csv;",
                "finished runs are skipped, the runs of a changed spec refused unless --force."})
    static final class RunCommand implements Callable<Integer> {
        private final PrintStream out;
        private final PrintStream err;

        @Parameters(paramLabel = "SPEC", description = "the spec file (JSON), for example examples/specs/quickstart.json")
        private Path specFile;

        @Option(names = "--out", paramLabel = "DIR", description = "the output folder (default results/<name>)")
        private Path outDir;

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "change one path of the spec, e.g. --set model.width=4096 (a single run)")
        private List<String> sets = new ArrayList<>();

        @Option(names = "--jobs", paramLabel = "N",
                description = "runs at once (a study; default: as many as fit the cores and the heap)")
        private String jobs;

        @Option(names = "--executor", paramLabel = "NAME",
                description = "where a study's runs run (default: the spec's, else local; gdflow plugins)")
        private String executor;

        @Option(names = "--master", paramLabel = "URL",
                description = "the spark executor's master: local[*], spark://host:7077, yarn, k8s://... (docs/CLUSTER.md)")
        private String master;

        @Option(names = "--force", description = "clear DIR of earlier results first and run afresh (a study: rerun the runs of a changed spec)")
        private boolean force;

        private final boolean terminal;
        private final Supplier<Gdflow> gdflow;

        RunCommand(PrintStream out, PrintStream err, boolean terminal, Supplier<Gdflow> gdflow) {
            this.out = out;
            this.err = err;
            this.terminal = terminal;
            this.gdflow = gdflow;
        }

        @Override
        public Integer call() {
            if (StudyCommand.isStudy(specFile)) {
                if (!sets.isEmpty()) {
                    throw new GdflowException("run: --set changes a single run; " + specFile + " is a study (it has a \"sweep\""
                            + " block): change the spec, or sweep that path");
                }
                StudyCommand.ExecutorChoice choice = new StudyCommand.ExecutorChoice(executor,
                        jobs == null ? null : positive(jobs, "--jobs"), master);
                return StudyCommand.run(gdflow.get(), specFile, outDir, choice, force, terminal, out, err);
            }
            if (jobs != null || executor != null || master != null) {
                throw new GdflowException("run: --jobs, --executor and --master apply to a study (a spec with a \"sweep\" block); "
                        + specFile + " is a single run");
            }
            Gdflow gdflow = this.gdflow.get();
            Spec spec = gdflow.spec(specFile, sets.toArray(String[]::new));
            Path dir = outDir != null ? outDir : Path.of("results", spec.name());
            out.printf(Locale.ROOT, "gdflow run %s: n=%s m=%d, %s, %s, %s -> %s%n", spec.name(), describeData(spec),
                    spec.model().width(), spec.model().activation().name(), spec.model().scaling().name(),
                    spec.integrator().name(), dir);
            FolderRun.OtherSpec other = force ? FolderRun.OtherSpec.CLEAR_ALL : FolderRun.OtherSpec.REFUSE;
            return intoFolder(out, err, terminal, dir, spec.stop().time(), "gdflow run " + specFile, other,
                    options -> gdflow.runInto(spec, dir, options));
        }
    }

    /** Finished results of the same spec are reported, not run again. */
    private static final FolderRun.Finished REPORT = FolderRun.Finished.REPORT;

    /**
     * Runs into {@code dir} with progress and Ctrl-C handling; prints the outcome and returns the exit status.
     *
     * @param other what to do with another spec's results in {@code dir}
     * @param run starts the run with the options made here
     */
    static int intoFolder(PrintStream out, PrintStream err, boolean terminal, Path dir, double timeLimit, String command,
                          FolderRun.OtherSpec other, java.util.function.Function<FolderRun.Options, FolderRun.Outcome> run) {
        RunInterrupt interrupt = new RunInterrupt();
        FolderRun.Outcome outcome;
        InterruptSignals signals = InterruptSignals.install(interrupt, err, dir.toString());
        try {
            if (terminal) {
                try (ProgressBars.RunBar bar = new ProgressBars.RunBar(out, timeLimit)) {
                    outcome = run.apply(new FolderRun.Options(other, REPORT, interrupt, List.of(RunObserver.of(bar)), command,
                            line -> out.println("  " + line)));
                }
            } else {
                ProgressListener progress = new ThrottledProgress(out, System::nanoTime);
                outcome = run.apply(new FolderRun.Options(other, REPORT, interrupt, List.of(RunObserver.of(progress)), command,
                        line -> out.println("  " + line)));
            }
        } finally {
            signals.close();
        }
        // resume has no --force: a finished run is run again by run --force into its folder
        String again = command.startsWith("gdflow resume") ? "gdflow run SPEC --out " + dir + " --force runs it again"
                : "--force runs it again";
        return RunReport.print(outcome, out, err, again);
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Continue the run in DIR from its checkpoint (after Ctrl-C, a kill or a crash).",
                "It ends with the numbers of a run never stopped, bit for bit on the same backend; it is refused,",
                "with the differences named, if the spec or the plugins changed since. A finished run is reported."})
    static final class ResumeCommand implements Callable<Integer> {
        private final PrintStream out;
        private final PrintStream err;
        private final boolean terminal;
        private final Supplier<Gdflow> gdflow;

        @Parameters(paramLabel = "DIR", description = "the run's output folder (its --out)")
        private Path dir;

        ResumeCommand(PrintStream out, PrintStream err, boolean terminal, Supplier<Gdflow> gdflow) {
            this.out = out;
            this.err = err;
            this.terminal = terminal;
            this.gdflow = gdflow;
        }

        @Override
        public Integer call() {
            Gdflow gdflow = this.gdflow.get();
            out.println("gdflow resume " + dir);
            return intoFolder(out, err, terminal, dir, Double.POSITIVE_INFINITY, "gdflow resume " + dir, FolderRun.OtherSpec.REFUSE,
                    options -> gdflow.resume(dir, options));
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Compute what holds at t = 0 for SPEC without a step: H(0)'s spectrum, lambda0, memory.",
                "The smallest and largest eigenvalues of H(0), the rate bound, lambda0 and the width thresholds",
                "(with \"theory\" on) and the memory a run would take.",
                "Writes DIR/inspect.json (and DIR/eigenvalues.csv with --eigenvalues); the numbers are those a run",
                "of SPEC records for t = 0."})
    static final class InspectCommand implements Callable<Integer> {
        private final PrintStream out;
        private final Supplier<Gdflow> gdflow;

        @Parameters(paramLabel = "SPEC", description = "the spec file (JSON) of a single run")
        private Path specFile;

        @Option(names = "--out", paramLabel = "DIR", description = "the output folder (default results/<name>)")
        private Path outDir;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "change one path of the spec, e.g. --set model.width=4096")
        private List<String> sets = new ArrayList<>();

        @Option(names = "--eigenvalues", description = "also write all eigenvalues of H(0), ascending, to DIR/eigenvalues.csv")
        private boolean eigenvalues;

        InspectCommand(PrintStream out, Supplier<Gdflow> gdflow) {
            this.out = out;
            this.gdflow = gdflow;
        }

        @Override
        public Integer call() {
            if (StudyCommand.isStudy(specFile)) {
                throw new GdflowException("inspect: " + specFile + " is a study (it has a \"sweep\" block); inspect one of its"
                        + " runs: a spec without the sweep, with --set for the swept path");
            }
            Gdflow gdflow = this.gdflow.get();
            Spec spec = gdflow.spec(specFile, sets.toArray(String[]::new));
            Path dir = outDir != null ? outDir : Path.of("results", spec.name());
            out.printf(Locale.ROOT, "gdflow inspect %s: n=%s m=%d, %s, %s -> %s%n", spec.name(), describeData(spec),
                    spec.model().width(), spec.model().activation().name(), spec.model().scaling().name(), dir);
            org.gdflow.core.run.Inspection inspection = gdflow.inspect(spec, dir, eigenvalues);
            for (String line : inspection.describe().split("\\R")) {
                out.println("  " + line);
            }
            out.println("  wrote " + dir.resolve(org.gdflow.core.run.Inspection.FILE)
                    + (eigenvalues ? " and " + dir.resolve(org.gdflow.core.run.Inspection.EIGENVALUES_FILE) : ""));
            return 0;
        }
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
