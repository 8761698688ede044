package org.gdflow.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.gdflow.api.ApiVersion;

/**
 * Writes plugin jars for tests from classes of the test class path (the {@code fixture} package),
 * with the manifest attributes and service file a test asks for.
 */
public final class PluginJars {
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final List<Class<?>> classes = new ArrayList<>();
    private final List<Class<?>> forNewerJava = new ArrayList<>();
    private String services;

    private PluginJars() {
        manifest.put(ApiVersion.MANIFEST_ATTRIBUTE, ApiVersion.current().text());
    }

    /** A jar built against this gdflow's api, with version 1.0, and nothing else yet. */
    public static PluginJars jar() {
        return new PluginJars().attribute("Implementation-Version", "1.0");
    }

    /** Sets a manifest attribute; a null value removes it. */
    public PluginJars attribute(String name, String value) {
        if (value == null) {
            manifest.remove(name);
        } else {
            manifest.put(name, value);
        }
        return this;
    }

    /** Adds classes (with their nested and anonymous classes) without listing them. */
    public PluginJars with(Class<?>... more) {
        classes.addAll(List.of(more));
        return this;
    }

    /** Adds registrations and lists them in the service file, one a line. */
    public PluginJars registering(Class<?>... registrations) {
        StringBuilder text = new StringBuilder("# registrations\n");
        for (Class<?> r : registrations) {
            text.append(r.getName()).append('\n');
        }
        return with(registrations).services(text.toString());
    }

    /** Adds a class whose class file claims Java 55 (class file version 99), which no Java 17 can load. */
    public PluginJars forNewerJava(Class<?> c) {
        forNewerJava.add(c);
        return this;
    }

    /** The service file's text as given (null: no service file). */
    public PluginJars services(String text) {
        this.services = text;
        return this;
    }

    /** Writes the jar (its folders made). */
    public Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> m.getMainAttributes().put(new Attributes.Name(k), v));
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, m)) {
            if (services != null) {
                jar.putNextEntry(new JarEntry(PluginBundle.SERVICE_FILE));
                jar.write(services.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            for (Class<?> c : classes) {
                for (String resource : classFiles(c)) {
                    jar.putNextEntry(new JarEntry(resource));
                    try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                        in.transferTo(jar);
                    }
                    jar.closeEntry();
                }
            }
            for (Class<?> c : forNewerJava) {
                String resource = c.getName().replace('.', '/') + ".class";
                byte[] bytes;
                try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                    bytes = in.readAllBytes();
                }
                // bytes 6-7 of a class file hold its major version
                bytes[6] = 0;
                bytes[7] = 99;
                jar.putNextEntry(new JarEntry(resource));
                jar.write(bytes);
                jar.closeEntry();
            }
        }
        return file;
    }

    /** The class file of {@code c}, of its member classes and of its anonymous classes Outer$1, Outer$2, .... */
    private static List<String> classFiles(Class<?> c) {
        List<String> files = new ArrayList<>();
        String base = c.getName().replace('.', '/');
        files.add(base + ".class");
        for (int i = 1; c.getClassLoader().getResource(base + "$" + i + ".class") != null; i++) {
            files.add(base + "$" + i + ".class");
        }
        for (Class<?> member : c.getDeclaredClasses()) {
            files.addAll(classFiles(member));
        }
        return files;
    }
}
