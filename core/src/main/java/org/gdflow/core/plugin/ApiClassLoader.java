package org.gdflow.core.plugin;

/**
 * The parent of every plugin's class loader. It shows a plugin the JDK (the platform class loader)
 * and the classes of gdflow's api package, {@code org.gdflow.api}, loaded by gdflow's own loader so
 * that a plugin and gdflow share one {@code Activation} interface; nothing else of gdflow or of the
 * libraries gdflow uses (Guice, Jackson), and no resources, so that {@link java.util.ServiceLoader}
 * on a plugin's loader finds that plugin's registrations only.
 */
final class ApiClassLoader extends ClassLoader {
    /** The package prefix a plugin may see. */
    static final String API_PACKAGE = "org.gdflow.api.";

    private final ClassLoader gdflow;

    /** A parent for plugin loaders that takes the api's classes from {@code gdflow}. */
    ApiClassLoader(ClassLoader gdflow) {
        super("gdflow-api", ClassLoader.getPlatformClassLoader());
        this.gdflow = gdflow;
    }

    /** Reached when the JDK has no such class: gdflow's api classes, and nothing else. */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return gdflow.loadClass(name);
        }
        throw new ClassNotFoundException(name + " (a plugin sees only org.gdflow.api and the JDK)");
    }
}
