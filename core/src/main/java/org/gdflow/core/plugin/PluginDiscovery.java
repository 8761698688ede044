package org.gdflow.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.gdflow.api.ApiVersion;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.gdflow.core.error.GdflowException;

/**
 * Finds plugins: {@link ServiceLoader} finds every {@link PluginRegistration} on gdflow's class path
 * (the built-in plugins) and in each jar of the plugin path ({@link PluginPath}), each jar in a
 * class loader of its own that sees only gdflow's api and the JDK. Each registration contributes
 * its plugins to one Guice {@link MapBinder} per kind, keyed by name, so a name given twice fails
 * with both sources named. A registration that throws is reported with its jar and left out; a
 * broken or incompatible jar stops discovery with a message naming it.
 */
public final class PluginDiscovery {
    private PluginDiscovery() {
    }

    /** The plugins registered on the class path of gdflow itself. */
    public static PluginCatalog discover() {
        return discover(List.of());
    }

    /** The built-in plugins and those of the plugin path's folders and jars. */
    public static PluginCatalog discover(List<Path> pluginPath) {
        PluginProblems problems = new PluginProblems();
        ClassLoader gdflow = PluginDiscovery.class.getClassLoader();
        List<PluginBundle.Found> found = new ArrayList<>(onClassPath(gdflow, problems));
        ClassLoader parent = new ApiClassLoader(PluginRegistration.class.getClassLoader());
        ApiVersion api = ApiVersion.current();
        for (PluginBundle bundle : PluginPath.bundles(pluginPath, problems)) {
            found.addAll(bundle.load(parent, api, problems));
        }
        return fromFound(found, problems);
    }

    /** The plugins registered on {@code loader}. */
    public static PluginCatalog discover(ClassLoader loader) {
        PluginProblems problems = new PluginProblems();
        return fromFound(onClassPath(loader, problems), problems);
    }

    /** The plugins of the given registrations (for tests and embedding), as built in. */
    public static PluginCatalog fromRegistrations(List<PluginRegistration> registrations) {
        List<PluginBundle.Found> found = new ArrayList<>();
        for (PluginRegistration registration : registrations) {
            found.add(new PluginBundle.Found(registration, PluginSource.BUILT_IN));
        }
        return fromFound(found, new PluginProblems());
    }

    /** The registrations {@link ServiceLoader} finds on {@code loader}: the built-in ones. */
    private static List<PluginBundle.Found> onClassPath(ClassLoader loader, PluginProblems problems) {
        List<PluginBundle.Found> found = new ArrayList<>();
        try {
            for (PluginRegistration registration : ServiceLoader.load(PluginRegistration.class, loader)) {
                found.add(new PluginBundle.Found(registration, PluginSource.BUILT_IN));
            }
        } catch (ServiceConfigurationError e) {
            problems.error("a plugin on gdflow's class path cannot be loaded: " + e.getMessage());
        }
        return found;
    }

    /** One registration's plugins, collected before any is bound, so that one that throws is left out whole. */
    private record Contribution(PluginBundle.Found from, List<Plugin<?, ?>> plugins) {
        String origin() {
            return from.source().origin() + " (" + from.registration().getClass().getName() + ")";
        }
    }

    private static PluginCatalog fromFound(List<PluginBundle.Found> found, PluginProblems problems) {
        List<Contribution> contributions = new ArrayList<>();
        for (PluginBundle.Found f : found) {
            List<Plugin<?, ?>> plugins = new ArrayList<>();
            String where = f.source().builtIn() ? "built-in " + f.registration().getClass().getName()
                    : "plugin jar " + f.source().location() + ": " + f.registration().getClass().getName();
            try {
                f.registration().register(plugin -> plugins.add(java.util.Objects.requireNonNull(plugin, "a null plugin")));
                contributions.add(new Contribution(f, plugins));
            } catch (RuntimeException | ExceptionInInitializerError e) {
                problems.warn(where + " threw while registering its plugins (" + PluginBundle.summary(PluginBundle.thrown(e))
                        + "); its plugins are left out, the others are loaded");
            } catch (LinkageError e) {
                problems.error(PluginBundle.linkageMessage(where, e));
            }
        }
        problems.throwErrors();
        try {
            PluginModule module = new PluginModule(contributions);
            Map<PluginKind, Map<String, Plugin<?, ?>>> plugins = Guice.createInjector(module).getInstance(CatalogProvider.class).plugins;
            return new PluginCatalog(plugins, module.sources, problems.warnings());
        } catch (com.google.inject.CreationException e) {
            throw new GdflowException("plugin discovery failed: " + e.getErrorMessages().stream()
                    .map(m -> m.getMessage().replace('\n', ' ')).reduce((a, b) -> a + "; " + b).orElse(e.getMessage()), e);
        }
    }

    private static Key<Map<String, Plugin<?, ?>>> mapKey(PluginKind kind) {
        return Key.get(new TypeLiteral<Map<String, Plugin<?, ?>>>() { }, Names.named(kind.label()));
    }

    /** The Guice module: one MapBinder per kind, filled from every registration. */
    private static final class PluginModule extends AbstractModule {
        private final List<Contribution> contributions;
        /** Where each bound plugin came from, by kind and name. */
        final Map<PluginKind, Map<String, PluginSource>> sources = new EnumMap<>(PluginKind.class);

        PluginModule(List<Contribution> contributions) {
            this.contributions = contributions;
        }

        @Override
        protected void configure() {
            for (PluginKind kind : PluginKind.values()) {
                mapBinder(binder(), kind);
                sources.put(kind, new HashMap<>());
            }
            // the contribution that first gave each "kind name", so that a duplicate names both sources
            // (Guice's own duplicate-key message keeps them out of its one-line summary)
            Map<String, Contribution> first = new HashMap<>();
            for (Contribution contribution : contributions) {
                Binder source = binder().withSource(contribution.origin());
                Map<PluginKind, MapBinder<String, Plugin<?, ?>>> binders = new EnumMap<>(PluginKind.class);
                for (Plugin<?, ?> plugin : contribution.plugins()) {
                    Contribution previous = first.putIfAbsent(plugin.kind().label() + " " + plugin.name(), contribution);
                    if (previous != null) {
                        binder().addError("%s", "two " + plugin.kind().label() + " plugins are named '" + plugin.name() + "': one "
                                + previous.origin() + ", one " + contribution.origin() + "; remove one of them");
                        continue;
                    }
                    binders.computeIfAbsent(plugin.kind(), k -> mapBinder(source, k)).addBinding(plugin.name()).toInstance(plugin);
                    sources.get(plugin.kind()).put(plugin.name(), contribution.from().source());
                }
            }
        }

        private static MapBinder<String, Plugin<?, ?>> mapBinder(Binder binder, PluginKind kind) {
            return MapBinder.newMapBinder(binder, new TypeLiteral<String>() { },
                    new TypeLiteral<Plugin<?, ?>>() { }, Names.named(kind.label()));
        }
    }

    /** Reads the per-kind maps out of the injector. */
    private static final class CatalogProvider {
        final Map<PluginKind, Map<String, Plugin<?, ?>>> plugins = new HashMap<>();

        @Inject
        CatalogProvider(com.google.inject.Injector injector) {
            for (PluginKind kind : PluginKind.values()) {
                plugins.put(kind, injector.getInstance(mapKey(kind)));
            }
        }
    }
}
