package org.gdflow.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.gdflow.core.error.GdflowException;

/**
 * Finds plugins: {@link ServiceLoader} finds every {@link PluginRegistration} on a class loader;
 * each contributes its plugins to one Guice {@link MapBinder} per kind, keyed by name, so a name
 * given twice fails with both sources named. Built-in plugins are found exactly like third-party jars.
 */
public final class PluginDiscovery {
    private PluginDiscovery() {
    }

    /** The plugins registered on the class path of gdflow itself. */
    public static PluginCatalog discover() {
        return discover(PluginDiscovery.class.getClassLoader());
    }

    /** The plugins registered on {@code loader}. */
    public static PluginCatalog discover(ClassLoader loader) {
        List<PluginRegistration> registrations = ServiceLoader.load(PluginRegistration.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        return fromRegistrations(registrations);
    }

    /** The plugins of the given registrations (for tests and embedding). */
    public static PluginCatalog fromRegistrations(List<PluginRegistration> registrations) {
        try {
            return Guice.createInjector(new PluginModule(registrations)).getInstance(CatalogProvider.class).catalog;
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
        private final List<PluginRegistration> registrations;

        PluginModule(List<PluginRegistration> registrations) {
            this.registrations = registrations;
        }

        @Override
        protected void configure() {
            for (PluginKind kind : PluginKind.values()) {
                mapBinder(binder(), kind);
            }
            // the registration that first gave each "kind name", so that a duplicate names both sources
            // (Guice's own duplicate-key message keeps them out of its one-line summary)
            Map<String, String> firstSource = new HashMap<>();
            for (PluginRegistration registration : registrations) {
                String sourceName = registration.getClass().getName();
                Binder source = binder().withSource(sourceName);
                Map<PluginKind, MapBinder<String, Plugin<?, ?>>> binders = new EnumMap<>(PluginKind.class);
                registration.register(plugin -> {
                    String previous = firstSource.putIfAbsent(plugin.kind().label() + " " + plugin.name(), sourceName);
                    if (previous != null) {
                        binder().addError("%s", "two " + plugin.kind().label() + " plugins are named '" + plugin.name() + "': one from "
                                + previous + ", one from " + sourceName);
                        return;
                    }
                    binders.computeIfAbsent(plugin.kind(), k -> mapBinder(source, k)).addBinding(plugin.name()).toInstance(plugin);
                });
            }
        }

        private static MapBinder<String, Plugin<?, ?>> mapBinder(Binder binder, PluginKind kind) {
            return MapBinder.newMapBinder(binder, new TypeLiteral<String>() { },
                    new TypeLiteral<Plugin<?, ?>>() { }, Names.named(kind.label()));
        }
    }

    /** Reads the per-kind maps out of the injector. */
    private static final class CatalogProvider {
        final PluginCatalog catalog;

        @Inject
        CatalogProvider(com.google.inject.Injector injector) {
            Map<PluginKind, Map<String, Plugin<?, ?>>> all = new HashMap<>();
            for (PluginKind kind : PluginKind.values()) {
                all.put(kind, injector.getInstance(mapKey(kind)));
            }
            this.catalog = new PluginCatalog(all);
        }
    }
}
