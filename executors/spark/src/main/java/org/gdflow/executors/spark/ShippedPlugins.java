package org.gdflow.executors.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.gdflow.core.Gdflow;

/**
 * The plugin jars of a study's plugin path as they travel with a Spark job: each jar is registered
 * with {@code SparkContext.addFile} on the driver, and a task finds Spark's copy of it with
 * {@code SparkFiles.get}, never at the driver's path. The plugin path's layout (entries in order, and
 * in each the plugin jars and the sub-folders of a plugin with dependencies of its own) is kept, so
 * that on the executor core's own discovery loads the copies exactly as it loads the driver's jars: one
 * class loader per jar or sub-folder, the same api version checks.
 *
 * <p>Only the bundles that register gdflow plugins ({@code META-INF/services/org.gdflow.api.PluginRegistration})
 * are shipped: an executor's folder (the spark executor and Spark itself, 223 MB) is not.
 *
 * @param jars the shipped jars, in the plugin path's order
 */
record ShippedPlugins(List<Jar> jars) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String REGISTRATIONS = "META-INF/services/org.gdflow.api.PluginRegistration";
    /** One gdflow per JVM, Spark files folder and jar set: an executor discovers its plugins once, not once per run. */
    private static final Map<List<Object>, Gdflow> GDFLOWS = new ConcurrentHashMap<>();
    /** No plugin jars: the built-in plugins only. */
    static final ShippedPlugins NONE = new ShippedPlugins(List.of());

    /**
     * One shipped jar.
     *
     * @param place where the jar sits in the plugin path: {@code 0/gelu.jar}, or {@code 1/gelu/dep.jar}
     *     for a jar of a plugin sub-folder (the number is the plugin path entry's index)
     * @param sparkName the name Spark knows the file by ({@code SparkFiles.get}): the jar's own, or, when
     *     two shipped jars have the same name, a numbered copy's
     */
    record Jar(String place, String sparkName) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Copies the list. */
    ShippedPlugins {
        jars = List.copyOf(jars);
    }

    /**
     * The plugin jars of {@code pluginPath} (the driver's), each given to {@code addFile} (its absolute
     * path) once. A jar whose name another shipped jar already has is copied into {@code staging} under a
     * numbered name first, since Spark keys files by name.
     */
    static ShippedPlugins register(List<String> pluginPath, Function<Path, Path> staging, java.util.function.Consumer<String> addFile) {
        List<Jar> jars = new ArrayList<>();
        Map<String, Path> byName = new LinkedHashMap<>();
        for (int entry = 0; entry < pluginPath.size(); entry++) {
            for (Map.Entry<String, Path> jar : bundleJars(Path.of(pluginPath.get(entry))).entrySet()) {
                Path real = jar.getValue();
                String name = real.getFileName().toString();
                Path shipped = real;
                if (byName.containsKey(name) && !byName.get(name).equals(real)) {
                    shipped = staging.apply(real);
                    name = shipped.getFileName().toString();
                }
                if (!byName.containsKey(name)) {
                    byName.put(name, shipped);
                    addFile.accept(shipped.toAbsolutePath().toString());
                }
                jars.add(new Jar(entry + "/" + jar.getKey(), name));
            }
        }
        return new ShippedPlugins(jars);
    }

    /**
     * The jars of one plugin path entry that belong to bundles registering gdflow plugins, by their
     * place under the entry ({@code gelu.jar}, {@code gelu/dep.jar}), as core's {@code PluginPath} reads a folder.
     */
    private static Map<String, Path> bundleJars(Path entry) {
        Map<String, Path> jars = new LinkedHashMap<>();
        try {
            if (isJar(entry)) {
                if (registers(List.of(entry.toRealPath()))) {
                    jars.put(entry.getFileName().toString(), entry.toRealPath());
                }
                return jars;
            }
            for (Path child : sorted(entry)) {
                if (isJar(child)) {
                    if (registers(List.of(child.toRealPath()))) {
                        jars.put(child.getFileName().toString(), child.toRealPath());
                    }
                } else if (Files.isDirectory(child)) {
                    List<Path> folder = new ArrayList<>();
                    for (Path file : sorted(child)) {
                        if (isJar(file)) {
                            folder.add(file.toRealPath());
                        }
                    }
                    if (registers(folder)) {
                        for (Path jar : folder) {
                            jars.put(child.getFileName() + "/" + jar.getFileName(), jar);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the driver's own discovery has reported an unreadable plugin folder; nothing of it is shipped
        }
        return jars;
    }

    private static boolean registers(List<Path> jars) {
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getEntry(REGISTRATIONS) != null) {
                    return true;
                }
            } catch (IOException e) {
                // not a zip: shipped, so that the executor's discovery reports it as the driver's did
                return true;
            }
        }
        return false;
    }

    private static boolean isJar(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** The gdflows this JVM has discovered for shipped plugins, by Spark files folder and jar set (for tests). */
    static Map<List<Object>, Gdflow> discovered() {
        return java.util.Collections.unmodifiableMap(GDFLOWS);
    }

    /**
     * The gdflow of these plugins in this JVM, discovered once per Spark files folder and jar set: the
     * jars are found with {@code where} (Spark's copies: {@code SparkFiles::get}), laid out in a new folder
     * under {@code sparkFiles} as the plugin path was (links to Spark's copies, or copies where links
     * cannot be made), and loaded by core's discovery.
     */
    Gdflow gdflow(Path sparkFiles, Function<String, Path> where) {
        if (jars.isEmpty()) {
            return GDFLOWS.computeIfAbsent(List.of(), k -> Gdflow.discover(List.of()));
        }
        return GDFLOWS.computeIfAbsent(List.of(sparkFiles.toString(), jars), k -> {
            try {
                Path root = Files.createTempDirectory(sparkFiles, "gdflow-plugins-");
                List<Path> entries = new ArrayList<>();
                for (Jar jar : jars) {
                    Path copy = where.apply(jar.sparkName());
                    if (!Files.isRegularFile(copy)) {
                        throw new IllegalStateException("the plugin jar " + jar.sparkName() + " shipped with the job is not in Spark's files ("
                                + copy + ")");
                    }
                    Path place = root.resolve(jar.place());
                    Files.createDirectories(place.getParent());
                    try {
                        Files.createSymbolicLink(place, copy.toAbsolutePath());
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(copy, place);
                    }
                    Path entry = root.resolve(jar.place().substring(0, jar.place().indexOf('/')));
                    if (!entries.contains(entry)) {
                        entries.add(entry);
                    }
                }
                return Gdflow.discover(entries);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot lay out the plugin jars shipped with the job under " + sparkFiles, e);
            }
        });
    }
}
