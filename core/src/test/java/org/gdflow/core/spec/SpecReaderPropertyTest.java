package org.gdflow.core.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.plugin.PluginCatalog;
import org.gdflow.core.plugin.PluginDiscovery;

/**
 * The spec reader under random JSON, random changes to a valid spec and random edits of its text:
 * it returns a spec or refuses with a {@link GdflowException} whose message says where (a JSON path,
 * the file and line, or the file and column of a syntax error); it never fails with any other
 * exception, which the command line would print as an internal error with exit status 1. jqwik
 * shrinks a failing input to a small one and prints its seed, so a failure reproduces.
 */
class SpecReaderPropertyTest {
    private static final PluginCatalog CATALOG = PluginDiscovery.discover();
    private static final SpecReader READER = new SpecReader(CATALOG);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A spec that reads: every kind of block, each mutation starts from it. */
    private static final String VALID = """
            { "name": "fuzz", "seed": 3,
              "data": {"kind": "sphere", "n": 6, "d": 2, "target": {"kind": "teacher", "width": 2, "activation": "tanh"}},
              "model": {"width": 4, "activation": {"name": "power", "alpha": 0.5}, "scaling": {"name": "power", "alpha": 0.75},
                        "train": ["w", "a"], "init": {"w": {"kind": "gaussian", "std": 0.5}, "a": {"kind": "constant", "value": 1},
                        "symmetric": true}},
              "loss": "sum",
              "integrator": {"name": "gd", "lr": 0.1, "momentum": 0.5, "batch_size": 2},
              "stop": {"time": 2, "max_steps": 10, "loss_below": 1e-9, "diverge_factor": 100},
              "observe": {"every": 2, "metrics": ["gram_min_eig", "max_weight_change"]},
              "backend": "ejml",
              "output": {"parameters": true},
              "theory": {"rule": "hermite", "quadrature_degree": 8},
              "checkpoint": {"every_steps": 5} }
            """.replace("{\"name\": \"power\", \"alpha\": 0.5}", "\"tanh\"");

    /** Keys a spec has, so random objects often look like a spec's parts. */
    private static final List<String> KEYS = List.of("name", "seed", "data", "kind", "n", "d", "target", "width", "activation",
            "model", "scaling", "alpha", "train", "init", "w", "a", "std", "value", "path", "symmetric", "loss", "integrator", "dt",
            "lr", "momentum", "batch_size", "stop", "time", "max_steps", "loss_below", "diverge_factor", "observe", "every",
            "metrics", "backend", "output", "parameters", "theory", "enabled", "rule", "quadrature_degree", "checkpoint",
            "every_steps", "every_seconds", "x", "y", "weights", "header", "sha256", "frequency", "degree");
    /** Strings a spec uses, so random values often name real choices. */
    private static final List<String> WORDS = List.of("tanh", "relu", "erf", "sigmoid", "softplus", "ntk", "mean-field", "power",
            "rk4", "euler", "gd", "ejml", "nd4j", "auto", "sphere", "gaussian", "csv", "teacher", "function", "random", "sin",
            "polynomial", "w", "a", "mean", "sum", "weights", "polar", "hermite", "rademacher", "constant", "gram_min_eig",
            "lin_deviation", "", " ", "a b", "../x", "0", "NaN", "1e999");

    /** The outcome the property allows: a spec, or a refusal that says where. */
    private static void readOrRefused(String text) {
        try {
            assertNotNull(READER.read(text, "spec.json", Path.of("/nonexistent-gdflow-folder"), List.of()));
        } catch (GdflowException e) {
            String message = e.getMessage();
            assertNotNull(message);
            assertFalse(message.isBlank(), "a message");
            // where: the file (a syntax error, or a value at a path with its line)
            assertFalse(!message.contains("spec.json"), "names the spec: " + message);
        }
    }

    @Property
    void randomJsonIsReadOrRefusedSayingWhere(@ForAll("anyJson") String text) {
        readOrRefused(text);
    }

    @Property
    void aValidSpecWithOneValueChangedIsReadOrRefusedSayingWhere(@ForAll("mutatedSpec") String text) {
        readOrRefused(text);
    }

    @Property
    void aValidSpecWithItsTextEditedIsReadOrRefusedSayingWhere(@ForAll("editedText") String text) {
        readOrRefused(text);
    }

    @Provide
    Arbitrary<String> anyJson() {
        return Arbitraries.oneOf(value(3).map(JsonNode::toString), objectOf(3).map(JsonNode::toString));
    }

    @Provide
    Arbitrary<String> mutatedSpec() {
        List<String> paths = paths(tree(VALID), "");
        return Combinators.combine(Arbitraries.of(paths), Arbitraries.of(Change.values()), value(2), Arbitraries.of(KEYS))
                .as((path, change, value, key) -> change.apply(tree(VALID), path, value, key).toString());
    }

    @Provide
    Arbitrary<String> editedText() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<Character> c = Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '0', '-', '.', 'e', 'x', ' ', '\\', '\u00e9');
        return Combinators.combine(at, at, c, Arbitraries.integers().between(0, 3)).as((i, j, ch, op) -> switch (op) {
            case 0 -> VALID.substring(0, i) + VALID.substring(i + 1);
            case 1 -> VALID.substring(0, i) + ch + VALID.substring(i);
            case 2 -> VALID.substring(0, Math.min(i, j));
            default -> VALID.substring(0, Math.min(i, j)) + VALID.substring(Math.max(i, j));
        });
    }

    /** A change of one value of the valid spec. */
    enum Change {
        REPLACE, REMOVE, ADD_BESIDE, WRAP_IN_LIST, NUMBER_AS_TEXT;

        JsonNode apply(JsonNode root, String path, JsonNode value, String key) {
            if (path.isEmpty()) {
                return value;
            }
            int cut = path.lastIndexOf('/');
            JsonNode parent = root.at(cut <= 0 ? "" : path.substring(0, cut));
            String last = path.substring(cut + 1);
            JsonNode old = root.at(path);
            if (parent instanceof ObjectNode o) {
                switch (this) {
                    case REPLACE -> o.set(last, value);
                    case REMOVE -> o.remove(last);
                    case ADD_BESIDE -> o.set(key, value);
                    case WRAP_IN_LIST -> o.set(last, JSON.arrayNode().add(old));
                    case NUMBER_AS_TEXT -> o.put(last, old.asText());
                    default -> throw new IllegalStateException();
                }
            } else if (parent instanceof ArrayNode a) {
                int i = Integer.parseInt(last);
                switch (this) {
                    case REMOVE -> a.remove(i);
                    case ADD_BESIDE -> a.add(value);
                    case WRAP_IN_LIST -> a.set(i, JSON.arrayNode().add(old));
                    case NUMBER_AS_TEXT -> a.set(i, JSON.textNode(old.asText()));
                    default -> a.set(i, value);
                }
            }
            return root;
        }
    }

    private static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every JSON pointer in a tree, the root's "" included. */
    private static List<String> paths(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        out.add(at);
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(k -> out.addAll(paths(node.get(k), at + "/" + k)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(paths(node.get(i), at + "/" + i));
            }
        }
        return out;
    }

    private static Arbitrary<JsonNode> leaf() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 12).map(i -> (JsonNode) JSON.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) JSON.numberNode(l)),
                Arbitraries.of(0.0, -0.5, 0.1, 1.5, 1e-300, 1e300, 3e9, 65536.0, Double.MIN_VALUE).map(v -> (JsonNode) JSON.numberNode(v)),
                Arbitraries.of("1e400", "-1e400", "123456789012345678901234567890", "0.1e-400")
                        .map(v -> (JsonNode) JSON.numberNode(new BigDecimal(v))),
                Arbitraries.of(WORDS).map(s -> (JsonNode) JSON.textNode(s)),
                Arbitraries.strings().ofMaxLength(8).map(s -> (JsonNode) JSON.textNode(s)),
                Arbitraries.of(true, false).map(b -> (JsonNode) JSON.booleanNode(b)),
                Arbitraries.just((JsonNode) JSON.nullNode()));
    }

    private static Arbitrary<JsonNode> value(int depth) {
        if (depth == 0) {
            return leaf();
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf()),
                net.jqwik.api.Tuple.of(2, Arbitraries.lazy(() -> objectOf(depth - 1))),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4).map(items -> {
                    ArrayNode array = JSON.arrayNode();
                    items.forEach(array::add);
                    return (JsonNode) array;
                })));
    }

    private static Arbitrary<JsonNode> objectOf(int depth) {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().alpha().ofMaxLength(5));
        return Arbitraries.maps(keys, Arbitraries.lazy(() -> value(depth))).ofMaxSize(6).map((Map<String, JsonNode> members) -> {
            ObjectNode object = JSON.objectNode();
            members.forEach(object::set);
            return (JsonNode) object;
        });
    }
}
