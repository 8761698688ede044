package org.gdflow.core.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.gdflow.api.ApiVersion;
import org.gdflow.api.PluginRegistration;

/**
 * One unit of the plugin path, loaded by a class loader of its own whose parent is the
 * {@link ApiClassLoader}: a jar, or a sub-folder of jars (a plugin with dependencies of its own).
 * Its jars are checked before any of their code runs: each must be a zip, the jars that register
 * plugins must have been built against a compatible gdflow api, and every line of their service
 * file must name a class that is there. Then {@link ServiceLoader} finds its registrations exactly
 * as it finds the built-in ones.
 */
final class PluginBundle {
    /** The service file a plugin jar lists its {@link PluginRegistration}s in. */
    static final String SERVICE_FILE = "META-INF/services/" + PluginRegistration.class.getName();
    /**
     * The service file of the plugin kind outside gdflow-api, the executors of gdflow-study, which
     * study finds on the plugin path itself ({@link PluginPath#bundleJars}): a bundle with it registers
     * something, so it is not reported as registering nothing.
     */
    static final String EXECUTOR_SERVICE_FILE = "META-INF/services/org.gdflow.study.ExecutorPlugin";

    private final Path location;
    private final String folder;
    private final List<Path> jars;

    private PluginBundle(Path location, String folder, List<Path> jars) {
        this.location = location;
        this.folder = folder;
        this.jars = List.copyOf(jars);
    }

    /** A single jar. */
    static PluginBundle jar(Path jar) {
        return new PluginBundle(jar, null, List.of(jar));
    }

    /** A sub-folder of the plugin path holding a plugin's jar and the jars it depends on. */
    static PluginBundle folder(Path dir, List<Path> jars) {
        return new PluginBundle(dir, dir.getFileName().toString(), jars);
    }

    /** The bundle's jars. */
    List<Path> jars() {
        return jars;
    }

    /** {@code plugin jar /path/x.jar} or {@code plugin folder /path/x}, for messages. */
    String describe() {
        return (folder == null ? "plugin jar " : "plugin folder ") + location;
    }

    /** A registration found in this bundle, and the jar it came from. */
    record Found(PluginRegistration registration, PluginSource source) {
    }

    /** What a jar's manifest and service file say. */
    private record JarFacts(Path jar, String implementationVersion, String apiVersion, List<ServiceLine> services, boolean executors) {
        boolean registers() {
            return !services.isEmpty();
        }
    }

    /** One class named in a service file, with its line number. */
    private record ServiceLine(int number, String className) {
    }

    /** Loads the bundle's registrations; what goes wrong is added to {@code problems}, and then nothing is found. */
    List<Found> load(ClassLoader parent, ApiVersion api, PluginProblems problems) {
        List<JarFacts> facts = new ArrayList<>();
        for (Path jar : jars) {
            try {
                facts.add(read(jar));
            } catch (IOException e) {
                problems.error("plugin jar " + jar + " is not a jar (zip) file (" + e.getMessage()
                        + "): remove it from the plugin folder");
                return List.of();
            }
        }
        List<JarFacts> registering = facts.stream().filter(JarFacts::registers).toList();
        if (registering.isEmpty()) {
            if (facts.stream().anyMatch(JarFacts::executors)) {
                // an executor bundle (such as the spark executor and its dependencies): study loads it
                return List.of();
            }
            problems.warn(describe() + " registers no plugin (no " + SERVICE_FILE + " in it); it is left out");
            return List.of();
        }
        boolean compatible = true;
        for (JarFacts f : registering) {
            compatible &= compatible(f, api, problems);
        }
        if (!compatible) {
            return List.of();
        }
        URLClassLoader loader = new URLClassLoader(location.getFileName().toString(), urls(), parent);
        boolean complete = true;
        for (JarFacts f : registering) {
            for (ServiceLine line : f.services()) {
                if (loader.getResource(line.className().replace('.', '/') + ".class") == null) {
                    problems.error("plugin jar " + f.jar() + ": " + SERVICE_FILE + " line " + line.number() + " names "
                            + line.className() + ", which is not in " + (folder == null ? "the jar" : "the folder's jars")
                            + ": fix the service file or rebuild the jar");
                    complete = false;
                }
            }
        }
        if (!complete) {
            return List.of();
        }
        return instantiate(loader, facts, problems);
    }

    /** Makes each registration through {@link ServiceLoader}; one whose constructor throws is reported and left out. */
    private List<Found> instantiate(ClassLoader loader, List<JarFacts> facts, PluginProblems problems) {
        List<Found> found = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<PluginRegistration> provider
                    : ServiceLoader.load(PluginRegistration.class, loader).stream().toList()) {
                PluginSource source = sourceOf(provider.type(), facts);
                try {
                    found.add(new Found(provider.get(), source));
                } catch (ServiceConfigurationError e) {
                    // the constructor (or the class's static initialiser) threw; ServiceLoader gives what it threw as the cause
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (cause instanceof LinkageError linkage && !(cause instanceof ExceptionInInitializerError)) {
                        problems.error(linkageMessage("plugin jar " + source.location(), linkage));
                    } else {
                        problems.warn("plugin jar " + source.location() + ": " + provider.type().getName()
                                + " threw while it was made (" + summary(thrown(cause)) + "); its plugins are left out, the others are loaded");
                    }
                }
            }
        } catch (ServiceConfigurationError e) {
            // a class whose own classes are missing fails while ServiceLoader looks for its constructor
            problems.error(e.getCause() instanceof LinkageError linkage ? linkageMessage(describe(), linkage)
                    : describe() + " cannot be loaded: " + e.getMessage());
        } catch (LinkageError e) {
            problems.error(linkageMessage(describe(), e));
        }
        return found;
    }

    /** What a missing or unloadable class means, and what to do about it. */
    static String linkageMessage(String where, LinkageError e) {
        if (e instanceof NoClassDefFoundError) {
            String missing = String.valueOf(e.getMessage()).replace('/', '.');
            if (missing.startsWith("org.gdflow.") && !missing.startsWith(ApiClassLoader.API_PACKAGE)) {
                return where + " uses " + missing + ", which plugins cannot see: a plugin may use org.gdflow.api and the JDK only";
            }
            return where + " needs the class " + missing + ", which is not there: put the plugin's jar and the jars it"
                    + " depends on together in a sub-folder of the plugin folder";
        }
        return where + " cannot be loaded: " + summary(e);
    }

    /** What a plugin threw: the cause of an {@link ExceptionInInitializerError} (a static initialiser's), else itself. */
    static Throwable thrown(Throwable t) {
        return t instanceof ExceptionInInitializerError && t.getCause() != null ? t.getCause() : t;
    }

    /** {@code IllegalStateException: message}. */
    static String summary(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private boolean compatible(JarFacts f, ApiVersion api, PluginProblems problems) {
        if (f.apiVersion() == null) {
            problems.warn("plugin jar " + f.jar() + " does not say which gdflow api it was built against (manifest attribute "
                    + ApiVersion.MANIFEST_ATTRIBUTE + "); it is loaded as if built against " + api + " (docs/PLUGINS.md)");
            return true;
        }
        ApiVersion built;
        try {
            built = ApiVersion.parse(f.apiVersion());
        } catch (IllegalArgumentException e) {
            problems.error("plugin jar " + f.jar() + ": its manifest attribute " + ApiVersion.MANIFEST_ATTRIBUTE + ": "
                    + e.getMessage());
            return false;
        }
        if (api.accepts(built)) {
            return true;
        }
        // a newer minor of the same major needs a newer gdflow; anything else, a rebuilt plugin
        boolean newer = built.major() == api.major() && built.minor() > api.minor();
        problems.error("plugin jar " + f.jar() + " was built against gdflow api " + built + ", and this gdflow has api " + api
                + (newer ? ": use a gdflow whose api is " + built.major() + "." + built.minor() + (api.major() == 0 ? "" : " or later")
                        : ": rebuild the plugin against gdflow-api " + api));
        return false;
    }

    private URL[] urls() {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("a file path that is not a URL: " + jars.get(i), e);
            }
        }
        return urls;
    }

    /** The jar holding {@code type} (a class this bundle's loader loaded from one of its jars), with its versions. */
    private PluginSource sourceOf(Class<?> type, List<JarFacts> facts) {
        Path jar;
        try {
            jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the jar of " + type.getName() + " is not a file", e);
        }
        JarFacts f = facts.stream().filter(j -> j.jar().equals(jar)).findFirst().orElseThrow();
        String name = f.jar().getFileName().toString();
        return new PluginSource(folder == null ? name : folder + "/" + name, f.implementationVersion(), f.apiVersion(), f.jar());
    }

    /** Opens a jar: its manifest's versions and the classes its service file names. */
    private static JarFacts read(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            List<ServiceLine> services = new ArrayList<>();
            ZipEntry entry = file.getEntry(SERVICE_FILE);
            if (entry != null) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
                    int number = 0;
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        number++;
                        int hash = line.indexOf('#');
                        String name = (hash < 0 ? line : line.substring(0, hash)).strip();
                        if (!name.isEmpty()) {
                            services.add(new ServiceLine(number, name));
                        }
                    }
                }
            }
            return new JarFacts(jar, main.getValue(Attributes.Name.IMPLEMENTATION_VERSION),
                    main.getValue(ApiVersion.MANIFEST_ATTRIBUTE), services, file.getEntry(EXECUTOR_SERVICE_FILE) != null);
        }
    }
}
