package org.gdflow.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Did you mean": edit distances worked out by hand, and the threshold max(2, length / 3). */
class NearestNameTest {
    private static final List<String> ACTIVATIONS = List.of("erf", "relu", "sigmoid", "softplus", "tanh");

    @Test
    void distancesCountInsertionsDeletionsSubstitutionsAndSwaps() {
        assertEquals(0, NearestName.distance("tanh", "tanh"));
        assertEquals(1, NearestName.distance("tahn", "tanh"), "one swap of neighbours");
        assertEquals(1, NearestName.distance("tan", "tanh"), "one insertion");
        assertEquals(1, NearestName.distance("tanhh", "tanh"), "one deletion");
        assertEquals(1, NearestName.distance("gelu", "relu"), "one substitution");
        assertEquals(3, NearestName.distance("kitten", "sitting"));
        assertEquals(4, NearestName.distance("", "relu"));
        assertEquals(4, NearestName.distance("relu", ""));
        assertEquals(3, NearestName.distance("ca", "abc"), "optimal string alignment edits no swapped pair again (Damerau would give 2)");
    }

    @Test
    void suggestsTheNearestNameWithinTheThreshold() {
        assertEquals(Optional.of("tanh"), NearestName.of("tahn", ACTIVATIONS));
        assertEquals(Optional.of("sigmoid"), NearestName.of("sigmod", ACTIVATIONS));
        assertEquals(Optional.of("relu"), NearestName.of("gelu", ACTIVATIONS));
        // two edits pass for short names, three do not
        assertEquals(Optional.of("erf"), NearestName.of("elf2", ACTIVATIONS));
        assertEquals(Optional.empty(), NearestName.of("cube", ACTIVATIONS));
        // nine letters allow three edits: "sofplusxy" is 1 insertion and 2 deletions from softplus; one more is too many
        assertEquals(Optional.of("softplus"), NearestName.of("sofplusxy", ACTIVATIONS));
        assertEquals(Optional.empty(), NearestName.of("sofplusxyz", ACTIVATIONS), "4 > max(2, 10 / 3)");
        assertEquals(Optional.empty(), NearestName.of("tanh", List.of()));
        // a tie goes to the first in order
        assertEquals(Optional.of("ab"), NearestName.of("aa", List.of("ab", "ba")));
    }

    @Test
    void theHintIsAPhraseOrNothing() {
        assertEquals(" (did you mean 'tanh'?)", NearestName.hint("tanhh", ACTIVATIONS));
        assertEquals("", NearestName.hint("quartic", ACTIVATIONS));
    }
}
