package org.gdflow.core.archfixture;

import org.apache.spark.StandInSparkContext;
import org.gdflow.activations.archfixture.ActivationFixtures;
import org.knowm.xchart.StandInChart;

/** Classes in core's package that break its rules, for ArchitectureRulesCatchViolationsTest only. */
public final class CoreFixtures {
    private CoreFixtures() {
    }

    /** Any class of core. */
    public static final class Marker {
    }

    /** core naming a plugin class at compile time. */
    public static final class UsesActivations {
        public void use(ActivationFixtures.Marker activation) {
        }
    }

    /** core drawing a plot. */
    public static final class UsesXChart {
        public void plot(StandInChart chart) {
        }
    }

    /** core running on a cluster. */
    public static final class UsesSpark {
        public void submit(StandInSparkContext context) {
        }
    }
}
