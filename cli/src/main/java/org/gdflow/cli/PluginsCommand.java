package org.gdflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.gdflow.api.ApiVersion;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.plugin.PluginParameters;
import org.gdflow.core.plugin.PluginSource;
import org.gdflow.study.ExecutorCatalog;
import org.gdflow.study.ExecutorPlugin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gdflow plugins [--json]}: every plugin found, by kind: its name, one-line description,
 * where it came from (built in, or a jar of the plugin path with its version) and its parameters
 * with types and defaults.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List every plugin found, by kind, with where it came from and its parameters.")
final class PluginsCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final Supplier<Gdflow> gdflow;

    @Option(names = "--json", description = "print the list as JSON, for scripts")
    private boolean json;

    PluginsCommand(PrintStream out, Supplier<Gdflow> gdflow) {
        this.out = out;
        this.gdflow = gdflow;
    }

    /** One plugin of any kind, as listed. */
    private record Entry(String kind, String name, String description, PluginSource source,
                         List<PluginParameters.Description> parameters) {
    }

    @Override
    public Integer call() throws IOException {
        Gdflow g = gdflow.get();
        List<Entry> entries = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            for (Plugin<?, ?> plugin : g.catalog().plugins(kind).values()) {
                entries.add(new Entry(kind.label(), plugin.name(), plugin.description(), g.catalog().source(kind, plugin.name()),
                        PluginParameters.describe(plugin)));
            }
        }
        for (ExecutorPlugin<?> executor : ExecutorCatalog.discover(g.pluginPath()).plugins().values()) {
            entries.add(new Entry("executor", executor.name(), executor.description(), executorSource(executor),
                    PluginParameters.describe(executor.parametersType())));
        }
        if (json) {
            out.println(MAPPER.writeValueAsString(json(g, entries)));
        } else {
            text(g, entries);
        }
        return 0;
    }

    private void text(Gdflow g, List<Entry> entries) {
        if (!g.pluginPath().isEmpty()) {
            out.println("plugin path: " + String.join(", ", g.pluginPath().stream().map(Path::toString).toList()));
        }
        String kind = null;
        for (Entry e : entries) {
            if (!e.kind().equals(kind)) {
                kind = e.kind();
                out.println(kind + "s:");
            }
            out.printf(Locale.ROOT, "  %-12s %s  [%s]%n", e.name(), e.description(), e.source().describe());
            for (PluginParameters.Description p : e.parameters()) {
                out.printf(Locale.ROOT, "      %-12s %-8s %s%s%n", p.key(), p.type(),
                        p.description(), p.required() ? " (required)" : " (default " + p.defaultValue() + ")");
            }
        }
    }

    private static ObjectNode json(Gdflow g, List<Entry> entries) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("api_version", ApiVersion.current().text());
        ArrayNode path = root.putArray("plugin_path");
        g.pluginPath().forEach(p -> path.add(p.toString()));
        ArrayNode plugins = root.putArray("plugins");
        for (Entry e : entries) {
            ObjectNode plugin = plugins.addObject();
            plugin.put("kind", e.kind());
            plugin.put("name", e.name());
            plugin.put("description", e.description());
            ObjectNode source = plugin.putObject("source");
            source.put("built_in", e.source().builtIn());
            source.put("name", e.source().name());
            source.put("version", e.source().version());
            source.put("api_version", e.source().apiVersion());
            source.put("location", e.source().location() == null ? null : e.source().location().toString());
            ArrayNode parameters = plugin.putArray("parameters");
            for (PluginParameters.Description p : e.parameters()) {
                ObjectNode parameter = parameters.addObject();
                parameter.put("name", p.key());
                parameter.put("type", p.type());
                parameter.put("required", p.required());
                // the default as the JSON value it is (0, "mean", null), not as its text
                JsonNode defaultValue = p.required() ? null : MAPPER.readTree(p.defaultValue());
                parameter.set("default", defaultValue);
                parameter.put("description", p.description());
            }
        }
        ArrayNode warnings = root.putArray("warnings");
        g.catalog().warnings().forEach(warnings::add);
        return root;
    }

    /** Built in for an executor on gdflow's class path, else the plugin path's jar it came from ({@code spark/gdflow-executor-spark.jar}). */
    private static PluginSource executorSource(ExecutorPlugin<?> executor) {
        if (executor.getClass().getClassLoader() == ExecutorCatalog.class.getClassLoader()) {
            return PluginSource.BUILT_IN;
        }
        try {
            java.nio.file.Path jar = java.nio.file.Path.of(executor.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
            return new PluginSource(jar.getParent().getFileName() + "/" + jar.getFileName(),
                    executor.getClass().getPackage().getImplementationVersion(), null, jar);
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return PluginSource.BUILT_IN;
        }
    }
}
