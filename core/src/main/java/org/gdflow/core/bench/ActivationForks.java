package org.gdflow.core.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.gdflow.api.Activation;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.bench.VectorFieldBenchmark.Timing;
import org.gdflow.core.plugin.PluginCatalog;

/**
 * The activation line of {@code gdflow bench} timed in fresh JVMs, one after another, as JMH forks: the
 * pass's speed differs more from one JVM to the next (erf 2.8–3.6 ns per element, the compiled code of
 * each JVM) than between the repetitions of one (about 1 %), so one JVM's median cannot tell 3.0 from
 * 3.3. Each JVM gets this JVM's flags, class path and plugin path, times the pass as
 * {@link VectorFieldBenchmark#activationInThisJvm} does and prints its median; the line reports the
 * median of the JVMs' medians, their range, the fastest repetition of all and all their repetitions.
 */
public final class ActivationForks implements VectorFieldBenchmark.ActivationLine {
    /** The JVMs {@code gdflow bench} times the activation line in unless told otherwise. */
    public static final int DEFAULT_FORKS = 5;
    /** The first word of the line a forked JVM prints its timing on. */
    static final String PREFIX = "activation-timing";

    /** Runs a command to its end: its standard output and error, if it exited with 0. */
    @FunctionalInterface
    interface Launcher {
        String run(List<String> command);
    }

    private final int forks;
    private final String activationName;
    private final List<Path> pluginPath;
    private final List<String> java;
    private final Timing timing;
    private final Launcher launcher;

    /**
     * Times the activation in {@code forks} JVMs started like this one (its {@code java}, JVM flags and
     * class path), with the standard warm-up and timing.
     *
     * @param forks the number of JVMs, at least 1
     * @param activationName the activation plugin's name
     * @param pluginPath the plugin path the activation is found on (as {@link Gdflow#pluginPath()})
     */
    public ActivationForks(int forks, String activationName, List<Path> pluginPath) {
        this(forks, activationName, pluginPath, javaCommand(System.getProperty("java.home"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path")),
                Timing.STANDARD, ActivationForks::launch);
    }

    ActivationForks(int forks, String activationName, List<Path> pluginPath, List<String> java, Timing timing, Launcher launcher) {
        if (forks < 1) {
            throw new IllegalArgumentException("forks = " + forks + " must be at least 1");
        }
        this.forks = forks;
        this.activationName = Objects.requireNonNull(activationName, "activationName");
        this.pluginPath = List.copyOf(pluginPath);
        this.java = List.copyOf(java);
        this.timing = timing;
        this.launcher = launcher;
    }

    /** The number of JVMs. */
    public int forks() {
        return forks;
    }

    /**
     * The start of a JVM like one whose java home, JVM arguments and class path are given: java, the arguments, -cp;
     * without the arguments that start a flight recording or a debugger ({@link #inherited}).
     */
    static List<String> javaCommand(String javaHome, List<String> jvmArguments, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        jvmArguments.stream().filter(ActivationForks::inherited).forEach(command::add);
        command.add("-cp");
        command.add(classPath);
        return command;
    }

    /**
     * Whether a forked JVM gets this JVM argument: all but a flight recording's start (each fork would write
     * the parent's recording file over, as happened to a profile of {@code gdflow bench}) and a debugger's
     * agent (its port is the parent's).
     */
    static boolean inherited(String jvmArgument) {
        return !(jvmArgument.startsWith("-XX:StartFlightRecording") || jvmArgument.startsWith("-agentlib:jdwp")
                || jvmArgument.startsWith("-Xrunjdwp"));
    }

    /**
     * The command of one forked JVM: java, flags and class path, this class, the workload (name, n, d, m),
     * the activation's name, the timing bounds and the plugin path.
     */
    public List<String> command(Workload workload) {
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of(ActivationForks.class.getName(), workload.name(), Integer.toString(workload.n()),
                Integer.toString(workload.d()), Integer.toString(workload.width()), activationName,
                Integer.toString(timing.warmupRepetitions()), Double.toString(timing.warmupSeconds()),
                Integer.toString(timing.minRepetitions()), Double.toString(timing.targetSeconds()),
                Integer.toString(timing.maxRepetitions()), Double.toString(timing.warmupLimitSeconds())));
        pluginPath.forEach(folder -> command.add(folder.toString()));
        return command;
    }

    @Override
    public BenchResult time(Workload workload, String backendName) {
        List<String> command = command(workload);
        double[] medians = new double[forks];
        double min = Double.POSITIVE_INFINITY;
        int repetitions = 0;
        long bytes = -1;
        for (int f = 0; f < forks; f++) {
            String[] words = timingLine(launcher.run(command));
            medians[f] = Double.parseDouble(words[1]);
            min = Math.min(min, Double.parseDouble(words[2]));
            repetitions += Integer.parseInt(words[3]);
            // the most any JVM allocated per repetition
            bytes = Math.max(bytes, Long.parseLong(words[4]));
        }
        return result(workload, backendName, medians, min, repetitions, bytes);
    }

    /**
     * The line of the forks: the median of their medians (the mean of the two middle ones for an even
     * count, as {@link VectorFieldBenchmark#result}), the medians ascending, the given minimum and count,
     * and the bytes per repetition.
     *
     * @param medians each JVM's median, in ms. Not modified.
     * @param bytesPerRepetition the most any JVM allocated per repetition, or −1 if none counted
     */
    static BenchResult result(Workload workload, String backendName, double[] medians, double minMillis, int repetitions,
            long bytesPerRepetition) {
        double[] sorted = medians.clone();
        double median = VectorFieldBenchmark.result(workload, backendName, BenchResult.ACTIVATION, 0, sorted).medianMillis();
        return new BenchResult(workload.name(), backendName, BenchResult.ACTIVATION, median, minMillis, 0, repetitions,
                Arrays.stream(sorted).boxed().toList(), bytesPerRepetition);
    }

    /** The words of a forked JVM's timing line (the last line starting with {@link #PREFIX}) in its output. */
    static String[] timingLine(String output) {
        List<String> lines = output.lines().filter(line -> line.startsWith(PREFIX + " ")).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("the JVM timing the activation pass printed no timing: " + output.strip());
        }
        return lines.get(lines.size() - 1).split(" ");
    }

    /** Starts the command and waits for it: its standard output and error, merged, if it exited with 0. */
    static String launch(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0) {
                throw new IllegalStateException("the JVM timing the activation pass exited with " + status + ": " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run a JVM to time the activation pass: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing the activation pass", e);
        }
    }

    /**
     * A forked JVM: times the activation pass of the workload and prints {@code activation-timing
     * MEDIAN_MS MIN_MS REPETITIONS BYTES_PER_REPETITION}.
     *
     * @param args as {@link #command}: workload name, n, d, m, activation name, warm-up repetitions and
     *     seconds, minimum repetitions, target seconds, maximum repetitions, warm-up limit seconds, then the plugin path
     */
    public static void main(String[] args) {
        System.out.println(child(args));
    }

    /** What {@link #main} prints. */
    static String child(String[] args) {
        Workload workload = new Workload(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        Timing timing = new Timing(Integer.parseInt(args[5]), Double.parseDouble(args[6]), Integer.parseInt(args[7]),
                Double.parseDouble(args[8]), Integer.parseInt(args[9]), Double.parseDouble(args[10]));
        List<Path> pluginPath = Arrays.stream(args, 11, args.length).map(Path::of).toList();
        PluginCatalog catalog = Gdflow.discover(pluginPath).catalog();
        Activation activation = catalog.create(catalog.named(PluginKind.ACTIVATION, args[4]), Activation.class);
        BenchResult result = VectorFieldBenchmark.activationInThisJvm(workload, "", activation, timing, System::nanoTime);
        return PREFIX + " " + result.medianMillis() + " " + result.minMillis() + " " + result.repetitions() + " "
                + result.bytesPerRepetition();
    }
}
