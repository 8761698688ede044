package org.gdflow.core.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The plugin path: folders where plugin jars are dropped, given with {@code --plugins DIR} or in
 * {@value #ENVIRONMENT_VARIABLE}. In each folder, every jar is one plugin and every sub-folder
 * holding jars is one plugin with dependencies of its own; other files and folders (such as a
 * Maven {@code target/classes}) are passed over. An entry may also be a jar itself.
 */
public final class PluginPath {
    /** The environment variable holding plugin folders, separated by {@code :} ({@code ;} on Windows). */
    public static final String ENVIRONMENT_VARIABLE = "GDFLOW_PLUGIN_PATH";

    private PluginPath() {
    }

    /** The folders of a {@value #ENVIRONMENT_VARIABLE} value; null or empty gives none, empty entries are skipped. */
    public static List<Path> parse(String value) {
        List<Path> paths = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    paths.add(Path.of(entry.strip()));
                }
            }
        }
        return paths;
    }

    /**
     * The jars of each bundle the entries hold, in order: one list per plugin jar or plugin folder.
     * For plugin kinds that gdflow-study loads itself (executors), each list in a class loader of its own.
     *
     * @throws org.gdflow.core.error.GdflowException naming an entry that does not exist or is not a jar
     */
    public static List<List<Path>> bundleJars(List<Path> entries) {
        PluginProblems problems = new PluginProblems();
        List<List<Path>> jars = bundles(entries, problems).stream().map(PluginBundle::jars).toList();
        problems.throwErrors();
        return jars;
    }

    /**
     * The bundles the entries hold, in order (each folder's by name); a jar reached twice is loaded
     * once. An entry that does not exist, or is a file but not a jar, is an error.
     */
    static List<PluginBundle> bundles(List<Path> entries, PluginProblems problems) {
        Set<Path> seen = new LinkedHashSet<>();
        List<PluginBundle> bundles = new ArrayList<>();
        for (Path entry : entries) {
            try {
                if (!Files.exists(entry)) {
                    problems.error("the plugin folder " + entry + " does not exist (--plugins or " + ENVIRONMENT_VARIABLE + ")");
                } else if (Files.isDirectory(entry)) {
                    for (Path child : sorted(entry)) {
                        add(child, seen, bundles);
                    }
                } else if (isJar(entry)) {
                    add(entry, seen, bundles);
                } else {
                    problems.error("the plugin path entry " + entry + " is neither a folder nor a jar");
                }
            } catch (IOException e) {
                problems.error("cannot read the plugin folder " + entry + ": " + e.getMessage());
            }
        }
        return bundles;
    }

    /** Adds the bundle {@code child} of a plugin folder is, if it is one and was not seen. */
    private static void add(Path child, Set<Path> seen, List<PluginBundle> bundles) throws IOException {
        Path real = child.toRealPath();
        if (Files.isDirectory(real)) {
            List<Path> jars = new ArrayList<>();
            for (Path file : sorted(real)) {
                if (isJar(file)) {
                    jars.add(file.toRealPath());
                }
            }
            if (!jars.isEmpty() && seen.add(real)) {
                bundles.add(PluginBundle.folder(real, jars));
            }
        } else if (isJar(real) && seen.add(real)) {
            bundles.add(PluginBundle.jar(real));
        }
    }

    private static boolean isJar(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }
}
