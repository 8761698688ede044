package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.gdflow.activations.archfixture.ActivationFixtures;
import org.gdflow.api.archfixture.ApiFixtures;
import org.gdflow.backend.nd4j.archfixture.Nd4jFixtures;
import org.gdflow.core.archfixture.CoreFixtures;
import org.gdflow.core.archfixture.left.Left;
import org.gdflow.core.archfixture.right.Right;
import org.gdflow.integrators.archfixture.IntegratorFixtures;
import org.gdflow.scalings.archfixture.ScalingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each architecture rule reports a class that breaks it (fixtures in the test sources, under the
 * package each rule guards), and no rule passes by checking nothing.
 */
class ArchitectureRulesCatchViolationsTest {

    static Stream<Arguments> rules() {
        return ArchitectureRules.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** Asserts {@code rule} reports a violation on {@code fixtures} that names {@code offender}. */
    private static void assertViolates(ArchRule rule, Class<?> offender, Class<?>... fixtures) {
        JavaClasses classes = new ClassFileImporter().importClasses(fixtures);
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), rule.getDescription() + " passed on " + classes);
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains(offender.getName()), "the report does not name " + offender.getName() + ":\n" + report);
    }

    // compares against: an empty import, which must fail rather than pass vacuously
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleFailsWhenItChecksNoClass(String name, ArchRule rule) {
        assertThrows(AssertionError.class, () -> rule.check(new ClassFileImporter().importClasses()));
    }

    // compares against: the rule text, which must give its reason
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleSaysWhy(String name, ArchRule rule) {
        assertTrue(rule.getDescription().contains(", because "), rule.getDescription());
    }

    // compares against: api classes typed with Guice, Jackson, JFR and a core class
    @Test
    void apiRuleCatchesGuiceJacksonAndCore() {
        ArchRule rule = ArchitectureRules.apiUsesOnlyTheJdk();
        assertViolates(rule, ApiFixtures.UsesGuice.class, ApiFixtures.UsesGuice.class);
        assertViolates(rule, ApiFixtures.UsesJackson.class, ApiFixtures.UsesJackson.class);
        assertViolates(rule, ApiFixtures.UsesCore.class, ApiFixtures.UsesCore.class);
        assertViolates(rule, ApiFixtures.UsesJfr.class, ApiFixtures.UsesJfr.class);
    }

    // compares against: a plugin using another plugin, and a backend using core
    @Test
    void pluginRuleCatchesAnotherPluginAndCore() {
        assertViolates(ArchitectureRules.pluginUsesOnlyApi("org.gdflow.activations.."),
                ActivationFixtures.UsesScalings.class, ActivationFixtures.UsesScalings.class);
        assertViolates(ArchitectureRules.pluginUsesOnlyApi("org.gdflow.backend.nd4j.."),
                Nd4jFixtures.UsesCore.class, Nd4jFixtures.UsesCore.class);
    }

    // compares against: a core class typed with a plugin class
    @Test
    void coreRuleCatchesAPlugin() {
        assertViolates(ArchitectureRules.coreUsesOnlyApi(), CoreFixtures.UsesActivations.class, CoreFixtures.UsesActivations.class);
    }

    // compares against: a study class typed with a plugin class
    @Test
    void studyRuleCatchesAPlugin() {
        assertViolates(ArchitectureRules.studyUsesOnlyCore(), org.gdflow.study.archfixture.StudyFixtures.UsesActivations.class,
                org.gdflow.study.archfixture.StudyFixtures.UsesActivations.class);
    }

    // compares against: core classes typed with stand-ins in org.knowm.xchart and org.apache.spark
    @Test
    void coreRuleCatchesAPlotLibraryAndAClusterEngine() {
        ArchRule rule = ArchitectureRules.coreHasNoPlotsNorClusters();
        assertViolates(rule, CoreFixtures.UsesXChart.class, CoreFixtures.UsesXChart.class);
        assertViolates(rule, CoreFixtures.UsesSpark.class, CoreFixtures.UsesSpark.class);
    }

    // compares against: scalings <-> integrators, a cycle between two modules
    @Test
    void moduleCycleRuleCatchesACycleBetweenTwoModules() {
        assertViolates(ArchitectureRules.modulesFreeOfCycles(), ScalingFixtures.UsesIntegrators.class,
                ScalingFixtures.UsesIntegrators.class, IntegratorFixtures.UsesScalings.class);
    }

    // compares against: core.archfixture.left <-> right, a cycle inside one module, which the module rule cannot see
    @Test
    void packageCycleRuleCatchesACycleInsideOneModule() {
        assertViolates(ArchitectureRules.packagesFreeOfCycles(), Left.class, Left.class, Right.class);
        JavaClasses insideCore = new ClassFileImporter().importClasses(Left.class, Right.class);
        assertFalse(ArchitectureRules.modulesFreeOfCycles().evaluate(insideCore).hasViolation(),
                "the module rule should see one module here");
    }
}
