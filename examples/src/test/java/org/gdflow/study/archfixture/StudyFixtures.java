package org.gdflow.study.archfixture;

import org.gdflow.activations.archfixture.ActivationFixtures;

/** Classes in study's package that break its rule, for ArchitectureRulesCatchViolationsTest only. */
public final class StudyFixtures {
    private StudyFixtures() {
    }

    /** study naming a plugin class at compile time. */
    public static final class UsesActivations {
        public void use(ActivationFixtures.Marker activation) {
        }
    }
}
