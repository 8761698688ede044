package org.gdflow.core.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every value in a JSON document, keyed by its path ({@code data.n}, {@code model.train[1]}),
 * so that errors found after parsing can still name the line. An in-memory spec has no source.
 */
public final class SpecLocations {
    private final String source;
    private final Map<String, Integer> lines;
    private final Map<String, String> overrides;

    private SpecLocations(String source, Map<String, Integer> lines, Map<String, String> overrides) {
        this.source = source;
        this.lines = lines;
        this.overrides = overrides;
    }

    /** Locations of a spec that was not read from a file (built in Java, or after {@code --set}). */
    public static SpecLocations none(String source) {
        return new SpecLocations(source, Map.of(), Map.of());
    }

    /** Indexes the lines of every value in {@code json}; {@code source} names the file in messages. */
    public static SpecLocations index(String source, String json) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                String path = pathOf(parser.getParsingContext(), token);
                lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // a syntax error is reported by the reader with its own location
        }
        return new SpecLocations(source, lines, Map.of());
    }

    private static String pathOf(JsonStreamContext context, JsonToken token) {
        // a START_OBJECT/START_ARRAY token already opened its own context: describe the parent's slot
        JsonStreamContext slot = (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
                ? context.getParent() : context;
        StringBuilder sb = new StringBuilder();
        build(slot, sb);
        return sb.toString();
    }

    private static void build(JsonStreamContext context, StringBuilder sb) {
        if (context == null || context.inRoot()) {
            return;
        }
        build(context.getParent(), sb);
        if (context.inObject()) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(context.getCurrentName());
        } else if (context.inArray()) {
            sb.append('[').append(context.getCurrentIndex()).append(']');
        }
    }

    /** These locations, with {@code path} and everything under it described as set on the command line. */
    public SpecLocations withOverride(String path, String description) {
        Map<String, Integer> kept = new HashMap<>(lines);
        kept.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "["));
        Map<String, String> set = new HashMap<>(overrides);
        set.put(path, description);
        return new SpecLocations(source, kept, set);
    }

    /** The file (or description) the spec came from. */
    public String source() {
        return source;
    }

    /**
     * "file line N" for the value at {@code path}, or of its nearest enclosing value that has a
     * line; just the file name when nothing is known.
     */
    public String describe(String path) {
        String p = path;
        while (true) {
            String set = overrides.get(p);
            if (set != null) {
                return set;
            }
            Integer line = lines.get(p);
            if (line != null) {
                return source + " line " + line;
            }
            if (p.isEmpty()) {
                return source;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }
}
