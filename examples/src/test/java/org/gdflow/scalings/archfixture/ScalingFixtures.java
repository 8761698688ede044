package org.gdflow.scalings.archfixture;

import org.gdflow.integrators.archfixture.IntegratorFixtures;

/** Classes in the scalings plugin's package, for ArchitectureRulesCatchViolationsTest only. */
public final class ScalingFixtures {
    private ScalingFixtures() {
    }

    /** Any class of the scalings plugin. */
    public static final class Marker {
    }

    /** One half of a cycle between two modules (the other is IntegratorFixtures.UsesScalings). */
    public static final class UsesIntegrators {
        public void use(IntegratorFixtures.UsesScalings integrator) {
        }
    }
}
