package org.gdflow.core.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gdflow.api.Parameter;
import org.gdflow.api.Plugin;
import org.gdflow.core.spec.SpecNode;

/**
 * Binds a plugin's parameter record from the spec's JSON: snake_case keys, defaults from
 * {@link Parameter#defaultValue()}, Jackson for the value types. Errors name the JSON path and line.
 */
public final class PluginParameters {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PluginParameters() {
    }

    /** One documented parameter, for listings. */
    public record Description(String key, String type, String defaultValue, String description) {
        /** Whether the spec must give it. */
        public boolean required() {
            return defaultValue == null;
        }
    }

    /** The result of binding: the record and the JSON with defaults filled in. */
    public record Bound(Record parameters, ObjectNode json) {
    }

    /** {@code batchSize} → {@code batch_size}. */
    public static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The documented parameters of a plugin. */
    public static List<Description> describe(Plugin<?, ?> plugin) {
        return describe(plugin.parametersType());
    }

    /** The documented parameters of a parameter record (of a plugin, or of another pluggable part such as an executor). */
    public static List<Description> describe(Class<? extends Record> parametersType) {
        List<Description> out = new ArrayList<>();
        for (RecordComponent c : parametersType.getRecordComponents()) {
            Parameter p = c.getAnnotation(Parameter.class);
            String def = p == null || Parameter.REQUIRED.equals(p.defaultValue()) ? null : p.defaultValue();
            out.add(new Description(snakeCase(c.getName()), c.getType().getSimpleName(), def,
                    p == null ? "" : p.description()));
        }
        return out;
    }

    /**
     * Binds {@code node}'s members (all but {@code exclude}, such as {@code "name"}) to the plugin's
     * parameter record.
     */
    public static Bound bind(Plugin<?, ?> plugin, SpecNode node, String... exclude) {
        return bind(plugin.kind().label() + " '" + plugin.name() + "'", plugin.parametersType(), node, exclude);
    }

    /**
     * Binds {@code node}'s members (all but {@code exclude}) to {@code type}; {@code owner} names the
     * parameters' owner in messages ({@code "executor 'local'"}).
     */
    public static Bound bind(String owner, Class<? extends Record> type, SpecNode node, String... exclude) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> keys = new LinkedHashSet<>();
        for (RecordComponent c : components) {
            keys.add(snakeCase(c.getName()));
        }
        Set<String> skip = Set.of(exclude);
        if (node.json().isObject()) {
            Iterator<String> names = node.json().fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!keys.contains(name) && !skip.contains(name)) {
                    throw node.get(name).error("unknown parameter '" + name + "' of " + owner + "; " + (keys.isEmpty() ? "it takes no parameters" : "its parameters are " + String.join(", ", keys)));
                }
            }
        }
        ObjectNode resolved = MAPPER.createObjectNode();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String key = snakeCase(c.getName());
            types[i] = c.getType();
            SpecNode value = node.get(key);
            JsonNode json = value.json();
            if (value.isMissing()) {
                Parameter p = c.getAnnotation(Parameter.class);
                if (p == null || Parameter.REQUIRED.equals(p.defaultValue())) {
                    throw value.error("missing parameter of " + owner
                            + (p == null ? "" : " (" + p.description() + ")") + "; add \"" + key + "\": <value>");
                }
                try {
                    json = MAPPER.readTree(p.defaultValue());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(owner + " has a default for " + key
                            + " that is not JSON: " + p.defaultValue(), e);
                }
            }
            try {
                values[i] = MAPPER.treeToValue(json, c.getType());
                if (c.getType().isPrimitive() && values[i] == null) {
                    throw value.error("expected a " + c.getType() + ", got null");
                }
                if ((c.getType() == int.class || c.getType() == long.class) && json.isNumber() && !json.isIntegralNumber()
                        && json.doubleValue() != Math.rint(json.doubleValue())) {
                    throw value.error("expected an integer, got " + json);
                }
                if ((c.getType() == double.class || c.getType() == int.class || c.getType() == long.class) && !json.isNumber()) {
                    throw value.error("expected a number, got " + json);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                throw value.error("cannot read a " + c.getType().getSimpleName() + " from " + json + ": "
                        + firstLine(e.getMessage()));
            }
            resolved.set(key, json);
        }
        try {
            Constructor<? extends Record> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return new Bound(constructor.newInstance(values), resolved);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw node.error(owner + ": " + cause.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName() + ": " + e, e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
