package org.gdflow.study;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.SpecLocations;

/**
 * A study spec as read from its file: the JSON tree (sweep included), the line of every value, and
 * the folder relative paths are resolved against.
 *
 * @param root the whole document
 * @param locations the line of every value, for messages
 * @param baseDir the spec's folder
 */
record StudyFile(ObjectNode root, SpecLocations locations, Path baseDir) {
    /** Duplicate keys are refused: the second of two equal keys would silently win. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Reads {@code file}. */
    static StudyFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new GdflowException("cannot read study spec " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** Parses {@code json}; {@code source} names it in messages. */
    static StudyFile parse(String json, String source, Path baseDir) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new GdflowException(source + " line " + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new GdflowException(source + ": a spec is a JSON object {...}");
        }
        return new StudyFile((ObjectNode) tree, SpecLocations.index(source, json), baseDir);
    }
}
