package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.gdflow.api.ApiVersion;

/**
 * Maven as a plugin author runs it, offline and apart from the user's repository: a private local
 * repository under {@code target/plugin-build/repo} into which this build's gdflow-parent,
 * gdflow-api and gdflow-plugin-archetype are installed, and a settings file whose only repository
 * is the outer build's local repository (file://, so {@code -o} with file access allowed). Nothing
 * is downloaded and nothing is installed into ~/.m2.
 */
final class PrivateMaven {
    /** The gdflow version of this build (the api's). */
    static final String VERSION = ApiVersion.current().text();

    private final Path work;
    private final Path repository;
    private final Path settings;

    private PrivateMaven(Path work) {
        this.work = work;
        this.repository = work.resolve("repo");
        this.settings = work.resolve("settings.xml");
    }

    /** The private repository under {@code target/plugin-build}, with this build's gdflow artifacts installed. */
    static PrivateMaven withGdflowInstalled() throws IOException {
        PrivateMaven maven = new PrivateMaven(Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/plugin-build"));
        maven.writeSettings();
        Path root = maven.sourceRoot();
        maven.install("gdflow-parent", root.resolve("pom.xml"), null);
        maven.install("gdflow-api", root.resolve("api/pom.xml"), codeOf(ApiVersion.class.getProtectionDomain().getCodeSource().getLocation()));
        URL archetype = PrivateMaven.class.getClassLoader().getResource("archetype-resources/pom.xml");
        maven.install("gdflow-plugin-archetype", root.resolve("archetype/pom.xml"), archetypeCode(archetype));
        return maven;
    }

    /** A fresh folder under the work folder. */
    Path folder(String name) throws IOException {
        Path dir = work.resolve(name);
        delete(dir);
        return Files.createDirectories(dir);
    }

    /** gdflow's source tree: the parent of this module's base dir. */
    Path sourceRoot() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
    }

    /**
     * Runs {@code mvn -B -o} with the private repository in {@code dir}; fails, with the end of the
     * log, unless Maven exits 0. The log is {@code dir/../<name>.log}.
     */
    void run(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-o", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository, "-Daether.offline.protocols=file", "-Dstyle.color=never"));
        command.addAll(List.of(arguments));
        Path log = dir.resolveSibling(dir.getFileName() + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", arguments) + " took over 5 minutes; see " + log);
        }
        List<String> lines = Files.readAllLines(log);
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        assertEquals(0, process.exitValue(), "mvn " + String.join(" ", arguments) + " in " + dir + " failed:\n" + tail);
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        return home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString();
    }

    /** Settings whose central is the outer build's local repository, read as a file:// repository. */
    private void writeSettings() throws IOException {
        String seed = System.getProperty("gdflow.seed.repository", "");
        Path from = seed.isBlank() ? Path.of(System.getProperty("user.home"), ".m2", "repository") : Path.of(seed);
        String url = from.toAbsolutePath().toUri().toString();
        String repository = "<id>central</id><url>" + url + "</url>"
                + "<releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
        Files.createDirectories(work);
        Files.writeString(settings, "<settings>\n  <profiles><profile><id>seeded-from-local</id>\n"
                + "    <repositories><repository>" + repository + "</repository></repositories>\n"
                + "    <pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>\n"
                + "  </profile></profiles>\n  <activeProfiles><activeProfile>seeded-from-local</activeProfile></activeProfiles>\n"
                + "</settings>\n");
    }

    /** Puts a pom (and jar) where {@code mvn install} would: org/gdflow/NAME/VERSION/NAME-VERSION.{pom,jar}. */
    private void install(String artifactId, Path pom, Path jar) throws IOException {
        Path dir = repository.resolve("org/gdflow/" + artifactId + "/" + VERSION);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Path target = dir.resolve(artifactId + "-" + VERSION + ".jar");
            if (Files.isDirectory(jar)) {
                // the reactor gives classes folders to a `mvn test` without `package`: jar them as Maven would
                jarFolder(jar, target);
            } else {
                Files.copy(jar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The jar or classes folder holding the archetype's templates. */
    private static Path archetypeCode(URL resource) {
        String text = resource.toString();
        if (text.startsWith("jar:")) {
            return codeOf(toUrl(text.substring("jar:".length(), text.indexOf("!/"))));
        }
        // .../classes/archetype-resources/pom.xml → .../classes
        return codeOf(resource).getParent().getParent();
    }

    private static URL toUrl(String text) {
        try {
            return new URL(text);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(text, e);
        }
    }

    private static Path codeOf(URL location) {
        try {
            return Path.of(location.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(location.toString(), e);
        }
    }

    private static void jarFolder(Path folder, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    /** Deletes a folder and all in it, if it exists. */
    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Copies a folder's files (not {@code target/}) into {@code to}. */
    static void copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Files.createDirectories(to.resolve(relative).getParent());
                Files.copy(file, to.resolve(relative));
            }
        }
    }
}
