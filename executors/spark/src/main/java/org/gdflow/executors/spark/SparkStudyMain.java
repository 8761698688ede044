package org.gdflow.executors.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.study.IndexRow;
import org.gdflow.study.PlannedRun;
import org.gdflow.study.RunOutcome;
import org.gdflow.study.Study;
import org.gdflow.study.StudyReport;

/**
 * The main class of {@code gdflow-spark-assembly.jar} for {@code spark-submit}:
 * <pre>
 * spark-submit --master spark://host:7077 --class org.gdflow.executors.spark.SparkStudyMain \
 *     gdflow-spark-assembly.jar study.json --out DIR [--force] [--plugins DIR]... [--task-cpus N]
 * </pre>
 * Runs the study on the application's SparkContext (the spec's executor block is not used: spark-submit
 * chose the cluster) and writes DIR as {@code gdflow run} does, report included. Exit status 0 when every
 * run ended, 1 when a run failed, 2 on bad input.
 */
public final class SparkStudyMain {
    static final String USAGE = "usage: spark-submit [spark options] --class " + SparkStudyMain.class.getName()
            + " gdflow-spark-assembly.jar STUDY.json --out DIR [--force] [--plugins DIR]... [--task-cpus N]";

    private SparkStudyMain() {
    }

    /** Runs the study; exits with the status of {@link #run}. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Parses {@code args}, runs the study and returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path spec = null;
        Path dir = null;
        boolean force = false;
        int taskCpus = 1;
        List<Path> plugins = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> dir = Path.of(value(args, ++i, "--out"));
                    case "--force" -> force = true;
                    case "--plugins" -> plugins.add(Path.of(value(args, ++i, "--plugins")));
                    case "--task-cpus" -> taskCpus = positive(value(args, ++i, "--task-cpus"));
                    default -> {
                        if (args[i].startsWith("-") || spec != null) {
                            throw new GdflowException("unexpected argument '" + args[i] + "'; " + USAGE);
                        }
                        spec = Path.of(args[i]);
                    }
                }
            }
            if (spec == null || dir == null) {
                throw new GdflowException("give the study spec and --out DIR; " + USAGE);
            }
            Gdflow gdflow = Gdflow.discover(plugins);
            Study study = Study.read(gdflow, spec);
            SparkConf conf = new SparkConf();
            if (!conf.contains("spark.app.name")) {
                conf.setAppName("gdflow " + spec.getFileName());
            }
            conf.set("spark.task.cpus", Integer.toString(taskCpus));
            List<PlannedRun> plan = study.plan();
            try (JavaSparkContext context = new JavaSparkContext(conf)) {
                SparkExecutor executor = new SparkExecutor(new SparkExecutorPlugin.Parameters("", taskCpus, "gdflow"));
                out.printf(Locale.ROOT, "gdflow: a study of %d runs (%s) -> %s%n", plan.size(), executor.describe(plan), dir);
                AtomicInteger ended = new AtomicInteger();
                List<RunOutcome> failures = new ArrayList<>();
                List<IndexRow> rows = study.run(dir, executor, outcome -> {
                    synchronized (failures) {
                        if (outcome.status().equals(RunOutcome.FAILED)) {
                            failures.add(outcome);
                        }
                        out.printf(Locale.ROOT, "  [%d/%d] %s: %s (%s)%n", ended.incrementAndGet(), plan.size(), outcome.id(),
                                outcome.status(), outcome.message());
                    }
                }, force);
                StudyReport.write(dir);
                out.println("wrote " + dir.resolve("index.csv") + " (" + rows.size() + " rows) and " + dir.resolve("report.html"));
                if (!failures.isEmpty()) {
                    err.println("gdflow: " + failures.size() + " of " + plan.size() + " runs failed; see the lines above");
                    return 1;
                }
                return 0;
            }
        } catch (GdflowException e) {
            err.println("gdflow: " + e.getMessage());
            return 2;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new GdflowException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static int positive(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new GdflowException("--task-cpus: expected a whole number of cores, 1 or more, got '" + text + "'");
    }
}
