package org.gdflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** VectorSupport: the build runs every test JVM with {@code --add-modules jdk.incubator.vector} (pom.xml), so SIMD is on here. */
class VectorSupportTest {
    @Test
    void theTestJvmResolvesTheModuleWithSeveralLanes() {
        assertTrue(VectorSupport.lanes() >= 2, "lanes " + VectorSupport.lanes());
        assertTrue(VectorSupport.enabled());
        assertEquals("jdk.incubator.vector, " + VectorSupport.lanes() + " lanes of double", VectorSupport.describe());
    }

    @Test
    void describesWhyTheScalarCodeRuns() {
        assertEquals("scalar: jdk.incubator.vector not resolved (java --add-modules jdk.incubator.vector)",
                VectorSupport.describe(0, false));
        assertEquals("scalar: jdk.incubator.vector not resolved (java --add-modules jdk.incubator.vector)",
                VectorSupport.describe(0, true));
        assertEquals("scalar: gdflow.vector=false", VectorSupport.describe(8, true));
        assertEquals("scalar: 1 lane of double", VectorSupport.describe(1, false));
        assertEquals("jdk.incubator.vector, 2 lanes of double", VectorSupport.describe(2, false));
    }
}
