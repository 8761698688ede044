package org.gdflow.backend.nd4j.archfixture;

import org.gdflow.core.archfixture.CoreFixtures;

/** Classes in the nd4j backend's package, for ArchitectureRulesCatchViolationsTest only. */
public final class Nd4jFixtures {
    private Nd4jFixtures() {
    }

    /** A backend reaching into core. */
    public static final class UsesCore {
        public void use(CoreFixtures.Marker core) {
        }
    }
}
