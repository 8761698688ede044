package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** gdflow's production classes keep the module boundaries of ARCHITECTURE.md ("Modules"). */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ArchitectureRules.productionClasses();
    }

    static List<String> plugins() {
        return ArchitectureRules.PLUGIN_PACKAGES;
    }

    // compares against: one known class of every module, and the test classes that must stay out
    @Test
    void importsTheMainClassesOfEveryModuleAndNoTestClass() {
        assertTrue(production.size() > 50, "only " + production.size() + " classes imported");
        for (String module : List.of("org.gdflow.api.Activation", "org.gdflow.core.Gdflow", "org.gdflow.activations.Tanh",
                "org.gdflow.scalings.NtkScaling", "org.gdflow.integrators.Rk4Integrator", "org.gdflow.backend.ejml.EjmlBackend",
                "org.gdflow.backend.nd4j.Nd4jBackend", "org.gdflow.study.Study", "org.gdflow.cli.Main",
                "org.gdflow.examples.ScalingComparison")) {
            assertTrue(production.contain(module), module + " not imported");
        }
        assertFalse(production.contain(ArchitectureTest.class), "a test class was imported");
        assertFalse(production.contain("org.gdflow.core.archfixture.CoreFixtures"), "a test fixture was imported");
        for (JavaClass c : production) {
            assertTrue(c.getPackageName().startsWith("org.gdflow."), c.getName() + " is not gdflow's");
        }
    }

    // compares against: api's allowed targets java.., jdk.incubator.vector.. (VectorRows) and org.gdflow.api..
    @Test
    void apiDependsOnlyOnTheJdk() {
        ArchitectureRules.apiUsesOnlyTheJdk().check(production);
    }

    // compares against: a plugin's allowed gdflow targets, api and the plugin itself
    @ParameterizedTest(name = "{0}")
    @MethodSource("plugins")
    void pluginDependsOnNoGdflowModuleButApi(String plugin) {
        ArchitectureRules.pluginUsesOnlyApi(plugin).check(production);
    }

    // compares against: study's allowed gdflow targets, api, core and study
    @Test
    void studyDependsOnCoreOnly() {
        ArchitectureRules.studyUsesOnlyCore().check(production);
    }

    // compares against: core's allowed gdflow targets, api and core
    @Test
    void coreDependsOnNoPluginNorExamples() {
        ArchitectureRules.coreUsesOnlyApi().check(production);
    }

    // compares against: the plot libraries and cluster engines named in the rule
    @Test
    void coreDependsOnNoPlotLibraryNorClusterEngine() {
        ArchitectureRules.coreHasNoPlotsNorClusters().check(production);
    }

    // compares against: the module graph org.gdflow.(*)
    @Test
    void modulesHaveNoCycle() {
        ArchitectureRules.modulesFreeOfCycles().check(production);
    }

    // compares against: the package graph org.gdflow.(**)
    @Test
    void packagesHaveNoCycle() {
        ArchitectureRules.packagesFreeOfCycles().check(production);
    }
}
