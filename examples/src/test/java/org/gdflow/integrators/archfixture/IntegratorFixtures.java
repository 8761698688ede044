package org.gdflow.integrators.archfixture;

import org.gdflow.scalings.archfixture.ScalingFixtures;

/** Classes in the integrators plugin's package, for ArchitectureRulesCatchViolationsTest only. */
public final class IntegratorFixtures {
    private IntegratorFixtures() {
    }

    /** One half of a cycle between two modules (the other is ScalingFixtures.UsesIntegrators). */
    public static final class UsesScalings {
        public void use(ScalingFixtures.UsesIntegrators scaling) {
        }
    }
}
