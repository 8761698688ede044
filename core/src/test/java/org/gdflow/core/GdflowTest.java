package org.gdflow.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gdflow.core.run.RunResult;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.SpecJson;
import org.junit.jupiter.api.Test;

/** The Java entry point: a spec built as a Jackson tree reads and runs like the same spec as text. */
class GdflowTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    @Test
    void aSpecBuiltAsATreeIsTheSpecWrittenAsText() throws Exception {
        String text = TestSpecs.small("{\"name\": \"rk4\", \"dt\": 0.1}", "{\"max_steps\": 3}");
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(text);
        Spec fromTree = GDFLOW.spec(tree, null);
        // the reader keeps its own copy: changing the caller's tree afterwards changes nothing
        ((ObjectNode) tree.get("model")).put("width", 99);
        Spec fromText = GDFLOW.spec(text, null);
        assertEquals(SpecJson.write(fromText, "ejml"), SpecJson.write(fromTree, "ejml"));
        assertEquals(16, fromTree.model().width());
        RunResult a = GDFLOW.run(fromTree);
        RunResult b = GDFLOW.run(fromText);
        assertArrayEquals(b.finalParameters(), a.finalParameters(), 0.0);
    }
}
