package org.gdflow.activations.archfixture;

import org.gdflow.scalings.archfixture.ScalingFixtures;

/** Classes in the activations plugin's package, for ArchitectureRulesCatchViolationsTest only. */
public final class ActivationFixtures {
    private ActivationFixtures() {
    }

    /** Any class of the activations plugin. */
    public static final class Marker {
    }

    /** An activation reaching into another plugin. */
    public static final class UsesScalings {
        public void use(ScalingFixtures.Marker scaling) {
        }
    }
}
