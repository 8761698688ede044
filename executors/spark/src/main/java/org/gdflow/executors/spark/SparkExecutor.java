package org.gdflow.executors.spark;


import java.io.IOException;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.gdflow.core.error.GdflowException;
import org.gdflow.study.PlannedRun;
import org.gdflow.study.RunFiles;
import org.gdflow.study.RunOutcome;
import org.gdflow.study.StudyExecutor;
import org.gdflow.study.StudyListener;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a study's runs as Spark tasks, one run per task (one partition per run), {@code spark.task.cpus}
 * BLAS/Java threads each. The driver ships each run's resolved spec and the csv files it names; each
 * task runs {@link org.gdflow.study.RunWork#detached} and sends the run's files back; the driver
 * writes them into {@code studyDir/<id>} as each result arrives, so the folder is the local executor's
 * and a driver killed part way leaves the finished runs for the next attempt to skip.
 *
 * <p>Spark hands the driver one result per partition, however often a task was retried; results are
 * also keyed by run id, so a run is written and counted once.
 */
final class SparkExecutor implements StudyExecutor {
    private final SparkExecutorPlugin.Parameters parameters;

    SparkExecutor(SparkExecutorPlugin.Parameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public String describe(List<PlannedRun> runs) {
        SparkConf conf = conf();
        return String.format(Locale.ROOT, "spark, master %s, %d core%s per run", conf.get("spark.master", "(none)"),
                parameters.taskCpus(), parameters.taskCpus() == 1 ? "" : "s");
    }

    /** The configuration: spark.* system properties (spark-submit's), then this executor's parameters. */
    SparkConf conf() {
        SparkConf conf = new SparkConf();
        if (!parameters.master().isEmpty()) {
            conf.setMaster(parameters.master());
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName(parameters.appName());
        }
        conf.set("spark.task.cpus", Integer.toString(parameters.taskCpus()));
        return conf;
    }

    @Override
    public List<RunOutcome> execute(List<PlannedRun> runs, Path studyDir, StudyListener listener) {
        if (runs.isEmpty()) {
            return List.of();
        }
        SparkConf conf = conf();
        if (!conf.contains("spark.master")) {
            throw new GdflowException("the spark executor needs a master URL: give --master local[*] (or spark://host:7077, yarn, k8s://...),"
                    + " \"master\" in the spec's executor block, or run under spark-submit --master");
        }
        shipGdflow(conf);
        Map<String, RunOutcome> outcomes = new LinkedHashMap<>();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // Spark loads task classes through the context loader: this plugin's, which sees gdflow and Spark
        thread.setContextClassLoader(SparkExecutor.class.getClassLoader());
        SparkContext sc = SparkContext.getOrCreate(conf);
        try {
            // the plugin path's jars travel with the job: tasks load Spark's copies, not the driver's files
            ShippedPlugins plugins = ShippedPlugins.register(runs.get(0).pluginPath(), new Staging()::copy, sc::addFile);
            List<ShippedRun> shipped = runs.stream().map(run -> ShippedRun.of(run, plugins)).toList();
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
            jsc.setJobDescription("gdflow: " + runs.size() + " runs into " + studyDir);
            JavaRDD<ShippedRun> rdd = jsc.parallelize(shipped, shipped.size());
            List<Object> partitions = new ArrayList<>();
            for (int i = 0; i < shipped.size(); i++) {
                partitions.add(i);
            }
            ClassTag<RunFiles> tag = ClassTag$.MODULE$.apply(RunFiles.class);
            ResultWriter writer = new ResultWriter(studyDir, outcomes, listener);
            try {
                sc.runJob(rdd.rdd(), new RunPartition(), scala.jdk.javaapi.CollectionConverters.asScala(partitions).toSeq(), writer, tag);
            } catch (Exception e) {
                // a SparkException (checked in Java's eyes, thrown from Scala): the runs that came back are written; the others are recorded as failed with Spark's reason
                for (PlannedRun run : runs) {
                    if (!outcomes.containsKey(run.id())) {
                        RunOutcome failed = new RunOutcome(run.id(), RunOutcome.FAILED, "the Spark job failed: " + firstLine(e.getMessage()));
                        outcomes.put(run.id(), failed);
                        listener.ended(failed);
                    }
                }
            }
        } finally {
            if (parameters.master().isEmpty()) {
                // under spark-submit the context belongs to the application; it stops it
            } else {
                sc.stop();
            }
            thread.setContextClassLoader(before);
        }
        return runs.stream().map(run -> outcomes.get(run.id())).toList();
    }

    /**
     * On a cluster (not {@code local}), ships gdflow's jars and this plugin's jar with the job, unless
     * the user set {@code spark.jars} or {@code spark.executor.extraClassPath} (spark-submit does the first).
     */
    private static void shipGdflow(SparkConf conf) {
        String master = conf.get("spark.master");
        if (master.startsWith("local") || conf.contains("spark.jars") || conf.contains("spark.executor.extraClassPath")) {
            return;
        }
        Set<String> jars = new LinkedHashSet<>();
        jarOf(SparkExecutor.class).ifPresent(jars::add);
        jarOf(PlannedRun.class).ifPresent(gdflowJar -> {
            // the distribution's lib folder: gdflow and its dependencies
            try (Stream<Path> lib = Files.list(Path.of(gdflowJar).getParent())) {
                lib.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toString()));
            } catch (IOException e) {
                jars.add(gdflowJar);
            }
        });
        conf.set("spark.jars", String.join(",", jars));
    }

    private static java.util.Optional<String> jarOf(Class<?> type) {
        try {
            Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return path.toString().endsWith(".jar") ? java.util.Optional.of(path.toString()) : java.util.Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Numbered copies of plugin jars whose names another shipped jar has, in a temporary folder deleted when the JVM exits. */
    private static final class Staging {
        private Path dir;
        private int count;

        Path copy(Path jar) {
            try {
                if (dir == null) {
                    dir = Files.createTempDirectory("gdflow-plugin-jars-");
                    dir.toFile().deleteOnExit();
                }
                count++;
                Path copy = dir.resolve(count + "-" + jar.getFileName());
                Files.copy(jar, copy);
                copy.toFile().deleteOnExit();
                return copy;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot copy the plugin jar " + jar + " to ship it with the job", e);
            }
        }
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The task: the one run of its partition, with {@code spark.task.cpus} threads. */
    static final class RunPartition extends AbstractFunction2<TaskContext, scala.collection.Iterator<ShippedRun>, RunFiles>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public RunFiles apply(TaskContext context, scala.collection.Iterator<ShippedRun> runs) {
            return RunTask.run(runs.next(), Math.max(1, context.cpus()));
        }
    }

    /** On the driver, as each task's result arrives: writes the run's folder, once per run id, and reports it. */
    static final class ResultWriter extends AbstractFunction2<Object, RunFiles, BoxedUnit> {
        private final Path studyDir;
        private final Map<String, RunOutcome> outcomes;
        private final StudyListener listener;

        ResultWriter(Path studyDir, Map<String, RunOutcome> outcomes, StudyListener listener) {
            this.studyDir = studyDir;
            this.outcomes = outcomes;
            this.listener = listener;
        }

        @Override
        public BoxedUnit apply(Object partition, RunFiles files) {
            String id = files.outcome().id();
            synchronized (outcomes) {
                if (outcomes.containsKey(id)) {
                    return BoxedUnit.UNIT;
                }
                RunOutcome outcome = files.outcome();
                try {
                    Path dir = studyDir.resolve(id);
                    clear(dir);
                    files.writeInto(dir);
                } catch (IOException | RuntimeException e) {
                    outcome = new RunOutcome(id, RunOutcome.FAILED, "cannot write the run's files into " + studyDir.resolve(id) + ": " + e.getMessage());
                }
                outcomes.put(id, outcome);
                listener.ended(outcome);
            }
            return BoxedUnit.UNIT;
        }

        /** Deletes what an earlier attempt or another spec left in a run's folder (the local executor clears it too). */
        private static void clear(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

}
