package org.gdflow.examples;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The module boundaries of ARCHITECTURE.md ("Modules") as ArchUnit rules. {@link ArchitectureTest}
 * checks them against gdflow's production classes; {@link ArchitectureRulesCatchViolationsTest}
 * shows each one fails on a class that breaks it.
 */
final class ArchitectureRules {
    /** The packages of the built-in plugin modules. */
    static final List<String> PLUGIN_PACKAGES = List.of(
            "org.gdflow.activations..", "org.gdflow.scalings..", "org.gdflow.integrators..",
            "org.gdflow.backend.ejml..", "org.gdflow.backend.nd4j..");

    private ArchitectureRules() {
    }

    /** gdflow's own main classes (every module's, examples included): no test class, no third-party jar. */
    static JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("org.gdflow");
    }

    /**
     * api: only the JDK ({@code java..}, and the JDK's own {@code jdk.incubator.vector..}, which only the
     * package-private {@code VectorRows} links against, loaded only when the module is resolved; api uses no
     * {@code javax..} today) and api itself.
     */
    static ArchRule apiUsesOnlyTheJdk() {
        return classes().that().resideInAPackage("org.gdflow.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jdk.incubator.vector..", "org.gdflow.api..")
                .because("api is what plugin authors compile against: it must not pull in another gdflow module,"
                        + " nor Guice or Jackson types, nor anything outside the JDK (ARCHITECTURE.md, Modules)")
                .allowEmptyShould(false);
    }

    /** A plugin module: of gdflow, only api and its own packages. */
    static ArchRule pluginUsesOnlyApi(String plugin) {
        return noClasses().that().resideInAPackage(plugin)
                .should().dependOnClassesThat(resideInAPackage("org.gdflow..")
                        .and(not(resideInAnyPackage("org.gdflow.api..", plugin))))
                .because("a plugin is a jar that depends on api alone, so it can be dropped onto the class path"
                        + " of any gdflow; it never reaches into core or into another plugin")
                .allowEmptyShould(false);
    }

    /** core: of gdflow, only api and core. */
    static ArchRule coreUsesOnlyApi() {
        return noClasses().that().resideInAPackage("org.gdflow.core..")
                .should().dependOnClassesThat(resideInAPackage("org.gdflow..")
                        .and(not(resideInAnyPackage("org.gdflow.api..", "org.gdflow.core.."))))
                .because("core finds plugins through ServiceLoader and Guice, by name; a compile-time dependency"
                        + " on a plugin (or on examples) would make it impossible to replace or leave out")
                .allowEmptyShould(false);
    }

    /** study: of gdflow, only api, core and study: plugins come by name through core, the command line sits above. */
    static ArchRule studyUsesOnlyCore() {
        return noClasses().that().resideInAPackage("org.gdflow.study..")
                .should().dependOnClassesThat(resideInAPackage("org.gdflow..")
                        .and(not(resideInAnyPackage("org.gdflow.api..", "org.gdflow.core..", "org.gdflow.study.."))))
                .because("studies run specs through core's public API, so any executor (local or on a cluster)"
                        + " can run them with whatever plugins are installed (ARCHITECTURE.md, Modules)")
                .allowEmptyShould(false);
    }

    /** core: no plot library and no cluster engine. */
    static ArchRule coreHasNoPlotsNorClusters() {
        return noClasses().that().resideInAPackage("org.gdflow.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.knowm.xchart..", "org.jfree..", "tech.tablesaw..",
                        "org.apache.spark..", "org.apache.hadoop..", "org.apache.flink..")
                .because("core is the engine of one run; plots belong to study and cluster engines to an"
                        + " executor plugin (ARCHITECTURE.md: never a dependency of core)")
                .allowEmptyShould(false);
    }

    /**
     * No cycle between gdflow modules (api, core, activations, ..., examples); the two backends form
     * one slice {@code backend} here, and {@link #pluginUsesOnlyApi} keeps them apart.
     */
    static ArchRule modulesFreeOfCycles() {
        return slices().matching("org.gdflow.(*)..").should().beFreeOfCycles()
                .because("the modules form a Maven reactor, which cannot build a cycle")
                .allowEmptyShould(false);
    }

    /** No cycle between any two gdflow packages (core's included: its error type is a leaf package). */
    static ArchRule packagesFreeOfCycles() {
        return slices().matching("org.gdflow.(**)").should().beFreeOfCycles()
                .because("a package cycle ties packages into one unit that can only be understood,"
                        + " tested and moved as a whole")
                .allowEmptyShould(false);
    }

    /** Every rule above, by a short name (the plugin rule once per plugin module). */
    static Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("api uses only the JDK", apiUsesOnlyTheJdk());
        for (String plugin : PLUGIN_PACKAGES) {
            rules.put(plugin + " uses only api", pluginUsesOnlyApi(plugin));
        }
        rules.put("core uses only api", coreUsesOnlyApi());
        rules.put("core has no plots nor clusters", coreHasNoPlotsNorClusters());
        rules.put("study uses only core", studyUsesOnlyCore());
        rules.put("modules free of cycles", modulesFreeOfCycles());
        rules.put("packages free of cycles", packagesFreeOfCycles());
        return rules;
    }
}
