package org.gdflow.study;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of an executor bundle on the plugin path (a jar, or a folder of a jar and its
 * dependencies). Unlike the loaders of gdflow-api plugins, an executor sees all of gdflow (it runs
 * {@link PlannedRun}s with {@link RunWork}), so gdflow's classes ({@code org.gdflow.}) come from
 * gdflow's loader first. Every other class comes from the bundle's jars first: a cluster framework
 * brings its own versions of libraries gdflow also uses (Spark 4.0 needs its Jackson 2.18, gdflow
 * ships 2.17), and each side keeps its own.
 */
final class ExecutorClassLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    private static final String GDFLOW_PACKAGE = "org.gdflow.";

    ExecutorClassLoader(String name, List<Path> jars, ClassLoader gdflow) {
        super(name, urls(jars), gdflow);
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException("not a jar path: " + jars.get(i), e);
            }
        }
        return urls;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && !name.startsWith(GDFLOW_PACKAGE) && !name.startsWith("java.")) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    // not in the bundle: gdflow's or the JDK's
                }
            }
            if (c == null) {
                c = super.loadClass(name, false);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
