package org.gdflow.api.archfixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Injector;
import org.gdflow.core.archfixture.CoreFixtures;

/** Classes in api's package that break its rule, for ArchitectureRulesCatchViolationsTest only. */
public final class ApiFixtures {
    private ApiFixtures() {
    }

    /** api exposing a Guice type. */
    public static final class UsesGuice {
        public void configure(Injector injector) {
        }
    }

    /** api exposing a Jackson type. */
    public static final class UsesJackson {
        public void read(JsonNode json) {
        }
    }

    /** api exposing a JDK type outside java.. and jdk.incubator.vector.. (JFR's). */
    public static final class UsesJfr {
        public void record(jdk.jfr.Event event) {
        }
    }

    /** api reaching into core. */
    public static final class UsesCore {
        public void use(CoreFixtures.Marker core) {
        }
    }
}
