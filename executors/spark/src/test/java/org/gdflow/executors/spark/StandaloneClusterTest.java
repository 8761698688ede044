package org.gdflow.executors.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;


import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gdflow.core.Gdflow;
import org.gdflow.study.ExecutorCatalog;
import org.gdflow.study.IndexRow;
import org.gdflow.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster manager on the loopback: a Spark standalone master and one worker as child JVMs
 * (this test's class path; the worker's executor JVM gets it as spark.executor.extraClassPath), a
 * sweep submitted to {@code spark://127.0.0.1:PORT} from this JVM as driver, and the folder compared
 * with the local executor's. The sweep's activation is a third-party plugin (gelu) from a plugin folder of
 * the driver: the executor JVM loads it from Spark's copy in its own folder. The processes (and the executor the worker started) are ended on every
 * path: finally, and a shutdown hook should the test JVM itself be stopped.
 */
class StandaloneClusterTest {
    private static final long START_SECONDS = 60;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @Test
    void aSweepOnAStandaloneClusterGivesTheLocalExecutorsFolder() throws Exception {
        Thread hook = new Thread(this::stopAll, "stop the Spark test cluster");
        Runtime.getRuntime().addShutdownHook(hook);
        String[] keys = {"spark.executor.extraClassPath", "spark.driver.host", "spark.ui.enabled", "spark.cores.max"};
        try {
            int port = freePort();
            Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
            Path master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--webui-port", "0"), home.getParent());
            awaitLine(master, "I have been elected leader");
            Path worker = start("worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--webui-port", "0",
                    "--cores", "2", "--memory", "1g", "--work-dir", Files.createDirectories(dir.resolve("work")).toString(),
                    "spark://127.0.0.1:" + port), home.getParent());
            awaitLine(worker, "Successfully registered with master");

            // the model's activation is gelu, a third-party plugin in a plugin folder of the driver's
            Path driverPlugins = dir.resolve("driver-plugins");
            ShippedPluginsTest.geluJar(dir, driverPlugins);
            Gdflow withGelu = Gdflow.discover(List.of(driverPlugins));
            Study local = Study.parse(withGelu, gelu(""), dir);
            local.run(dir.resolve("local"), 2, o -> { });
            System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            System.setProperty("spark.driver.host", "127.0.0.1");
            System.setProperty("spark.ui.enabled", "false");
            String url = "spark://127.0.0.1:" + port;
            Study onCluster = Study.parse(withGelu, gelu("{\"name\": \"spark\", \"master\": \"" + url + "\"}"), dir);
            List<IndexRow> rows = onCluster.run(dir.resolve("cluster"), onCluster.executor(ExecutorCatalog.discover(), null, null),
                    o -> { }, false);
            assertEquals(4, rows.size());
            Files.delete(dir.resolve("local/study.json"));
            Files.delete(dir.resolve("cluster/study.json"));
            StudyFolders.assertSameFolder(dir.resolve("local"), dir.resolve("cluster"));
            // the runs ran in the worker's executor JVM, not in this one: it left its logs in the work folder
            try (var work = Files.walk(dir.resolve("work"))) {
                assertEquals(true, work.anyMatch(p -> p.getFileName().toString().equals("stderr")), "no executor ran under the worker");
            }
            // the executor JVM loaded gelu from the copy Spark fetched into its folder under the worker's work folder, not from the driver's
            List<Path> laidOut;
            try (var work = Files.walk(dir.resolve("work"))) {
                laidOut = work.filter(p -> p.getFileName().toString().equals("gelu.jar") && p.getParent().getFileName().toString().equals("0")
                        && p.getParent().getParent().getFileName().toString().startsWith("gdflow-plugins-")).toList();
            }
            assertEquals(1, laidOut.size(), "no plugin layout in the executor's folder");
            Path fetched = laidOut.get(0).toRealPath();
            assertEquals(true, fetched.startsWith(dir.resolve("work").toRealPath()), fetched.toString());
            assertEquals(fetched.getParent(), laidOut.get(0).getParent().getParent().getParent().toRealPath());
            assertEquals(Files.size(driverPlugins.resolve("gelu.jar")), Files.size(fetched));
        } finally {
            for (String key : keys) {
                System.clearProperty(key);
            }
            stopAll();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    /** The tests' sweep (StudyFolders.sweep) with the model's activation gelu, from the plugin path. */
    private static String gelu(String executor) {
        return StudyFolders.sweep(executor).replace("\"model\": {\"width\": 8, \"activation\": \"tanh\"", "\"model\": {\"width\": 8, \"activation\": \"gelu\"");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts a JVM on this test's class path with its output in {@code name.log}; returns the log. */
    private Path start(String name, List<String> mainAndArgs, Path sparkHome) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(System.getProperty("spark.test.java.flags", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
        // INFO, to see "elected leader" and "registered with master" (the executor's log4j2.properties says WARN)
        Path logConfig = dir.resolve("log4j2-info.properties");
        Files.writeString(logConfig, """
                rootLogger.level = info
                rootLogger.appenderRef.stdout.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d %p %c{1}: %m%n
                """);
        command.add("-Dlog4j2.configurationFile=" + logConfig);
        command.addAll(mainAndArgs);
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_MASTER_HOST", "127.0.0.1");
        synchronized (processes) {
            processes.add(builder.start());
        }
        return log;
    }

    private void awaitLine(Path log, String line) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    fail("a Spark process ended (exit " + p.exitValue() + "):\n" + tail(log));
                }
            }
            Thread.sleep(200);
        }
        fail("no '" + line + "' in " + START_SECONDS + " s:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Ends the worker (which ends its executors), then the master; what outlives a polite stop is killed, descendants too. */
    private void stopAll() {
        List<Process> all;
        synchronized (processes) {
            all = new ArrayList<>(processes);
            processes.clear();
        }
        java.util.Collections.reverse(all);
        for (Process p : all) {
            List<ProcessHandle> descendants = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }

}
