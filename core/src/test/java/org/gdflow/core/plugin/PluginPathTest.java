package org.gdflow.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gdflow.api.Activation;
import org.gdflow.api.ApiVersion;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.gdflow.core.error.GdflowException;
import org.example.gdflow.fixture.BaseRegistration;
import org.example.gdflow.fixture.ConstructorNeedsHelperRegistration;
import org.example.gdflow.fixture.CoreUsingRegistration;
import org.example.gdflow.fixture.CubeActivation;
import org.example.gdflow.fixture.CubeRegistration;
import org.example.gdflow.fixture.HelpedRegistration;
import org.example.gdflow.fixture.Helper;
import org.example.gdflow.fixture.NotARegistration;
import org.example.gdflow.fixture.ReluRegistration;
import org.example.gdflow.fixture.StaticFailure;
import org.example.gdflow.fixture.StaticInitialiserRegistration;
import org.example.gdflow.fixture.SubclassRegistration;
import org.example.gdflow.fixture.ThrowingConstructorRegistration;
import org.example.gdflow.fixture.ThrowingRegistration;
import org.example.gdflow.fixture.TouchesStaticFailureRegistration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins from jars on the plugin path, against jars the tests write from the fixture classes. */
class PluginPathTest {
    private static final String API = ApiVersion.current().text();

    @TempDir
    Path dir;

    private static PluginJars cube() {
        return PluginJars.jar().with(CubeActivation.class).registering(CubeRegistration.class);
    }

    private static Activation activation(PluginCatalog catalog, String name) {
        return catalog.create(catalog.named(PluginKind.ACTIVATION, name), Activation.class);
    }

    private static String errorOf(Path... path) {
        return assertThrows(GdflowException.class, () -> PluginDiscovery.discover(List.of(path))).getMessage();
    }

    @Test
    void aJarInAPluginFolderAddsItsPluginsBesideTheBuiltIns() throws IOException {
        Path jar = cube().attribute("Implementation-Version", "2.5").write(dir.resolve("cube.jar"));
        PluginCatalog catalog = PluginDiscovery.discover(List.of(dir));
        assertTrue(catalog.has(PluginKind.ACTIVATION, "tanh"));
        Activation cube = activation(catalog, "cube");
        assertEquals(8.0, cube.value(2.0));
        assertEquals(12.0, cube.derivative(2.0));
        assertEquals(new PluginSource("cube.jar", "2.5", API, jar.toRealPath()), catalog.source(PluginKind.ACTIVATION, "cube"));
        assertEquals("cube.jar 2.5", catalog.source(PluginKind.ACTIVATION, "cube").describe());
        assertEquals("from " + jar.toRealPath(), catalog.source(PluginKind.ACTIVATION, "cube").origin());
        assertSame(PluginSource.BUILT_IN, catalog.source(PluginKind.ACTIVATION, "tanh"));
        assertEquals(List.of(), catalog.warnings());
        // the jar's own loader made it: not the test class path's CubeActivation
        assertNotSame(CubeActivation.class, cube.getClass());
        assertInstanceOf(URLClassLoader.class, cube.getClass().getClassLoader());
        assertEquals("cube.jar", cube.getClass().getClassLoader().getName());
        // without the plugin path there is no cube
        assertFalse(PluginDiscovery.discover().has(PluginKind.ACTIVATION, "cube"));
    }

    @Test
    void aPluginSeesTheApiAndTheJdkButNotTheRestOfGdflow() throws IOException {
        ApiClassLoader loader = new ApiClassLoader(PluginRegistration.class.getClassLoader());
        try {
            assertSame(Activation.class, loader.loadClass(Activation.class.getName()));
            assertSame(String.class, loader.loadClass("java.lang.String"));
            assertSame(java.sql.Date.class, loader.loadClass("java.sql.Date"), "the platform modules are the JDK's");
            for (String hidden : List.of(GdflowException.class.getName(), "com.google.inject.Guice",
                    "com.fasterxml.jackson.databind.ObjectMapper", "org.gdflow.activations.Tanh", "org.gdflow.apiextra.X")) {
                ClassNotFoundException e = assertThrows(ClassNotFoundException.class, () -> loader.loadClass(hidden), hidden);
                assertEquals(hidden + " (a plugin sees only org.gdflow.api and the JDK)", e.getMessage());
            }
            assertNull(loader.getResource(PluginBundle.SERVICE_FILE), "no resource of gdflow's class path");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        cube().with(CoreUsingRegistration.class).services(CoreUsingRegistration.class.getName() + "\n").write(dir.resolve("core.jar"));
        assertEquals("plugin jar " + dir.resolve("core.jar").toRealPath()
                + " uses org.gdflow.core.error.GdflowException, which plugins cannot see: a plugin may use org.gdflow.api and the JDK only",
                errorOf(dir));
    }

    @Test
    void aPluginWithDependenciesIsASubFolderOfJarsSharingOneLoader() throws IOException {
        Path plugin = PluginJars.jar().registering(HelpedRegistration.class).write(dir.resolve("square/square.jar"));
        PluginJars.jar().attribute(ApiVersion.MANIFEST_ATTRIBUTE, null).with(Helper.class).write(dir.resolve("square/helper.jar"));
        PluginCatalog catalog = PluginDiscovery.discover(List.of(dir));
        Activation square = activation(catalog, "square");
        assertEquals(9.0, square.value(3.0));
        assertEquals(6.0, square.derivative(3.0));
        assertEquals(2.0, square.secondDerivative(3.0));
        assertEquals(new PluginSource("square/square.jar", "1.0", API, plugin.toRealPath()), catalog.source(PluginKind.ACTIVATION, "square"));
        assertEquals("square", square.getClass().getClassLoader().getName());
        // a dependency jar needs no api version: it registers nothing
        assertEquals(List.of(), catalog.warnings());
    }

    @Test
    void aClassThePluginNeedsButDoesNotShipIsNamed() throws IOException {
        PluginJars.jar().registering(HelpedRegistration.class).write(dir.resolve("square.jar"));
        assertEquals("plugin jar " + dir.resolve("square.jar").toRealPath() + ": " + HelpedRegistration.class.getName()
                + " needs the class " + Helper.class.getName() + ", which is not there: put the plugin's jar and the jars it"
                + " depends on together in a sub-folder of the plugin folder", errorOf(dir));
    }

    @Test
    void aRegistrationThatThrowsIsReportedAndTheOthersLoad() throws IOException {
        Path throwing = PluginJars.jar().with(CubeActivation.class).registering(ThrowingRegistration.class).write(dir.resolve("a.jar"));
        Path constructor = PluginJars.jar().registering(ThrowingConstructorRegistration.class).write(dir.resolve("b.jar"));
        cube().write(dir.resolve("c.jar"));
        PluginCatalog catalog = PluginDiscovery.discover(List.of(dir));
        assertEquals(8.0, activation(catalog, "cube").value(2.0));
        assertFalse(catalog.has(PluginKind.ACTIVATION, "half-registered"), "a registration that throws adds nothing");
        assertEquals(List.of(
                "plugin jar " + constructor.toRealPath() + ": " + ThrowingConstructorRegistration.class.getName()
                        + " threw while it was made (UnsupportedOperationException: cannot start here); its plugins are left out,"
                        + " the others are loaded",
                "plugin jar " + throwing.toRealPath() + ": " + ThrowingRegistration.class.getName()
                        + " threw while registering its plugins (IllegalStateException: no licence file found); its plugins are"
                        + " left out, the others are loaded"), catalog.warnings());
    }

    @Test
    void whatAStaticInitialiserThrowsIsReportedByItsCause() throws IOException {
        Path made = PluginJars.jar().registering(StaticInitialiserRegistration.class).write(dir.resolve("a.jar"));
        Path registering = PluginJars.jar().with(StaticFailure.class).registering(TouchesStaticFailureRegistration.class)
                .write(dir.resolve("b.jar"));
        PluginCatalog catalog = PluginDiscovery.discover(List.of(dir));
        assertEquals(List.of(
                "plugin jar " + made.toRealPath() + ": " + StaticInitialiserRegistration.class.getName() + " threw while it was made"
                        + " (NumberFormatException: For input string: \"no limit\"); its plugins are left out, the others are loaded",
                "plugin jar " + registering.toRealPath() + ": " + TouchesStaticFailureRegistration.class.getName()
                        + " threw while registering its plugins (NumberFormatException: For input string: \"not a number\");"
                        + " its plugins are left out, the others are loaded"), catalog.warnings());
    }

    @Test
    void aClassMissingWhenTheRegistrationIsLoadedOrMadeIsNamed() throws IOException {
        Path sub = PluginJars.jar().registering(SubclassRegistration.class).write(dir.resolve("sub.jar"));
        assertEquals("plugin jar " + sub.toRealPath() + " needs the class " + BaseRegistration.class.getName()
                + ", which is not there: put the plugin's jar and the jars it depends on together in a sub-folder of the plugin"
                + " folder", errorOf(dir));
        Files.delete(sub);
        Path made = PluginJars.jar().registering(ConstructorNeedsHelperRegistration.class).write(dir.resolve("made.jar"));
        assertEquals("plugin jar " + made.toRealPath() + " needs the class " + Helper.class.getName() + ", which is not there:"
                + " put the plugin's jar and the jars it depends on together in a sub-folder of the plugin folder", errorOf(dir));
    }

    @Test
    void aClassForANewerJavaIsNamed() throws IOException {
        Path jar = PluginJars.jar().forNewerJava(CubeRegistration.class).services(CubeRegistration.class.getName()).write(dir.resolve("new.jar"));
        String e = errorOf(dir);
        assertTrue(e.startsWith("plugin jar " + jar.toRealPath() + " cannot be loaded: UnsupportedClassVersionError: "), e);
        assertTrue(e.contains("class file version 99.0"), e);
    }

    @Test
    void anIncompatibleJarRunsNoCode() throws IOException {
        // its registration would add a second error if it were loaded
        Path old = PluginJars.jar().attribute(ApiVersion.MANIFEST_ATTRIBUTE, "7.0").registering(CoreUsingRegistration.class)
                .write(dir.resolve("old.jar"));
        assertEquals("plugin jar " + old.toRealPath() + " was built against gdflow api 7.0, and this gdflow has api " + API
                + ": rebuild the plugin against gdflow-api " + API, errorOf(dir));
        PluginJars.jar().attribute(ApiVersion.MANIFEST_ATTRIBUTE, "x").registering(CoreUsingRegistration.class).write(old);
        assertEquals("plugin jar " + old.toRealPath() + ": its manifest attribute Gdflow-Api-Version: 'x' is not a version"
                + " such as 1.2 or 0.1.0-SNAPSHOT", errorOf(dir));
        // one incompatible jar of a folder keeps the whole folder out
        Files.delete(old);
        PluginJars.jar().registering(CoreUsingRegistration.class).write(dir.resolve("two/a.jar"));
        Path b = PluginJars.jar().attribute(ApiVersion.MANIFEST_ATTRIBUTE, "7.0").with(CubeActivation.class)
                .registering(CubeRegistration.class).write(dir.resolve("two/b.jar"));
        assertEquals("plugin jar " + b.toRealPath() + " was built against gdflow api 7.0, and this gdflow has api " + API
                + ": rebuild the plugin against gdflow-api " + API, errorOf(dir));
    }

    @Test
    void eachRegistrationOfAFolderIsTracedToItsOwnJar() throws IOException {
        PluginJars.jar().attribute("Implementation-Version", "3").registering(HelpedRegistration.class).write(dir.resolve("two/a.jar"));
        Path b = PluginJars.jar().with(Helper.class, CubeActivation.class).registering(CubeRegistration.class)
                .write(dir.resolve("two/b.jar"));
        PluginCatalog catalog = PluginDiscovery.discover(List.of(dir));
        assertEquals(new PluginSource("two/b.jar", "1.0", API, b.toRealPath()), catalog.source(PluginKind.ACTIVATION, "cube"));
        assertEquals("two/a.jar 3", catalog.source(PluginKind.ACTIVATION, "square").describe());
    }

    @Test
    void aBrokenRegistrationOnTheClassPathIsAnError() throws IOException {
        Path jar = PluginJars.jar().services("org.example.Missing\n").write(dir.resolve("cp.jar"));
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                PluginRegistration.class.getClassLoader())) {
            GdflowException e = assertThrows(GdflowException.class, () -> PluginDiscovery.discover(loader));
            assertEquals("a plugin on gdflow's class path cannot be loaded: org.gdflow.api.PluginRegistration:"
                    + " Provider org.example.Missing not found", e.getMessage());
        }
    }

    @Test
    void aBuiltInRegistrationThatThrowsIsReportedToo() {
        PluginCatalog catalog = PluginDiscovery.fromRegistrations(List.of(registry -> {
            throw new IllegalArgumentException();
        }, new CubeRegistration()));
        assertTrue(catalog.has(PluginKind.ACTIVATION, "cube"));
        assertEquals(1, catalog.warnings().size());
        assertTrue(catalog.warnings().get(0).startsWith("built-in "), catalog.warnings().get(0));
        assertTrue(catalog.warnings().get(0).endsWith(" threw while registering its plugins (IllegalArgumentException);"
                + " its plugins are left out, the others are loaded"), catalog.warnings().get(0));
    }

    @Test
    void aFileThatIsNoZipIsNamed() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip");
        cube().write(dir.resolve("cube.jar"));
        assertEquals("plugin jar " + broken.toRealPath() + " is not a jar (zip) file (zip END header not found):"
                + " remove it from the plugin folder", errorOf(dir));
    }

    @Test
    void aServiceLineNamingAMissingClassIsNamedWithItsLine() throws IOException {
        Path jar = cube().services("# two registrations\n" + CubeRegistration.class.getName() + "  # the cube\n"
                + "org.example.Missing\n").write(dir.resolve("cube.jar"));
        assertEquals("plugin jar " + jar.toRealPath() + ": " + PluginBundle.SERVICE_FILE + " line 3 names org.example.Missing,"
                + " which is not in the jar: fix the service file or rebuild the jar", errorOf(dir));
        // in a folder the class may be in any of its jars, and the message says so
        PluginJars.jar().services("org.example.Gone\n").write(dir.resolve("sub/a.jar"));
        String both = errorOf(dir);
        assertTrue(both.endsWith("; plugin jar " + dir.resolve("sub/a.jar").toRealPath() + ": " + PluginBundle.SERVICE_FILE
                + " line 1 names org.example.Gone, which is not in the folder's jars: fix the service file or rebuild the jar"), both);
    }

    @Test
    void aServiceLineNamingAClassThatIsNoRegistrationIsNamed() throws IOException {
        Path jar = PluginJars.jar().with(NotARegistration.class).services(NotARegistration.class.getName()).write(dir.resolve("x.jar"));
        assertEquals("plugin jar " + jar.toRealPath() + " cannot be loaded: org.gdflow.api.PluginRegistration: "
                + NotARegistration.class.getName() + " not a subtype", errorOf(dir));
    }

    @Test
    void aJarBuiltAgainstAnotherMajorApiIsRefusedNamingBothVersions() throws IOException {
        Path jar = cube().attribute(ApiVersion.MANIFEST_ATTRIBUTE, "7.1.0").write(dir.resolve("old.jar"));
        assertEquals("plugin jar " + jar.toRealPath() + " was built against gdflow api 7.1.0, and this gdflow has api " + API
                + ": rebuild the plugin against gdflow-api " + API, errorOf(dir));
    }

    @Test
    void aJarBuiltAgainstANewerMinorAsksForANewerGdflow() throws IOException {
        ApiVersion api = ApiVersion.current();
        String newer = api.major() + "." + (api.minor() + 1) + ".0";
        Path jar = cube().attribute(ApiVersion.MANIFEST_ATTRIBUTE, newer).write(dir.resolve("new.jar"));
        assertEquals("plugin jar " + jar.toRealPath() + " was built against gdflow api " + newer + ", and this gdflow has api " + API
                + ": use a gdflow whose api is " + api.major() + "." + (api.minor() + 1) + (api.major() == 0 ? "" : " or later"),
                errorOf(dir));
    }

    @Test
    void aJarWithoutAnApiVersionLoadsWithAWarningAndOneWithGarbageIsRefused() throws IOException {
        Path jar = cube().attribute(ApiVersion.MANIFEST_ATTRIBUTE, null).attribute("Implementation-Version", null).write(dir.resolve("c.jar"));
        PluginCatalog catalog = PluginDiscovery.discover(List.of(dir));
        assertTrue(catalog.has(PluginKind.ACTIVATION, "cube"));
        assertEquals(new PluginSource("c.jar", null, null, jar.toRealPath()), catalog.source(PluginKind.ACTIVATION, "cube"));
        assertEquals("c.jar", catalog.source(PluginKind.ACTIVATION, "cube").describe());
        assertEquals(List.of("plugin jar " + jar.toRealPath() + " does not say which gdflow api it was built against (manifest"
                + " attribute Gdflow-Api-Version); it is loaded as if built against " + API + " (docs/PLUGINS.md)"), catalog.warnings());
        cube().attribute(ApiVersion.MANIFEST_ATTRIBUTE, "latest").write(jar);
        assertEquals("plugin jar " + jar.toRealPath() + ": its manifest attribute Gdflow-Api-Version: 'latest' is not a version"
                + " such as 1.2 or 0.1.0-SNAPSHOT", errorOf(dir));
    }

    @Test
    void twoPluginsOfOneKindAndNameAreRefusedNamingBothSources() throws IOException {
        Path relu = PluginJars.jar().with(CubeActivation.class).registering(ReluRegistration.class).write(dir.resolve("relu.jar"));
        String e = errorOf(dir);
        assertEquals("plugin discovery failed: two activation plugins are named 'relu': one built in"
                + " (org.gdflow.activations.BuiltInActivations), one from " + relu.toRealPath() + " ("
                + ReluRegistration.class.getName() + "); remove one of them", e);
        Files.delete(relu);
        Path one = cube().write(dir.resolve("one.jar"));
        Path two = cube().write(dir.resolve("two/two.jar"));
        assertEquals("plugin discovery failed: two activation plugins are named 'cube': one from " + one.toRealPath() + " ("
                + CubeRegistration.class.getName() + "), one from " + two.toRealPath() + " (" + CubeRegistration.class.getName()
                + "); remove one of them", errorOf(dir));
    }

    @Test
    void everyBrokenJarIsNamedInOneMessage() throws IOException {
        Path a = Files.writeString(dir.resolve("a.jar"), "");
        Path b = cube().attribute(ApiVersion.MANIFEST_ATTRIBUTE, "99").write(dir.resolve("b.jar"));
        String e = errorOf(dir, dir.resolve("nowhere"));
        assertEquals("the plugin folder " + dir.resolve("nowhere") + " does not exist (--plugins or GDFLOW_PLUGIN_PATH); plugin jar "
                + a.toRealPath() + " is not a jar (zip) file (zip file is empty): remove it from the plugin folder; plugin jar "
                + b.toRealPath() + " was built against gdflow api 99, and this gdflow has api " + API
                + ": rebuild the plugin against gdflow-api " + API, e);
    }

    @Test
    void aFolderPassesOverWhatIsNoPluginAndWarnsOfJarsWithoutRegistrations() throws IOException {
        Files.createDirectories(dir.resolve("classes/org"));
        Files.writeString(dir.resolve("notes.txt"), "");
        Path empty = PluginJars.jar().with(CubeActivation.class).write(dir.resolve("lib.jar"));
        Path commented = PluginJars.jar().services("# nothing yet\n\n").write(dir.resolve("deps/only.jar"));
        PluginCatalog catalog = PluginDiscovery.discover(List.of(dir));
        assertEquals(List.of("plugin folder " + commented.getParent().toRealPath() + " registers no plugin (no "
                        + PluginBundle.SERVICE_FILE + " in it); it is left out",
                "plugin jar " + empty.toRealPath() + " registers no plugin (no " + PluginBundle.SERVICE_FILE + " in it); it is left out"),
                catalog.warnings());
    }

    @Test
    void anEntryMayBeAJarAndAJarReachedTwiceLoadsOnce() throws IOException {
        Path jar = cube().write(dir.resolve("plugins/cube.jar"));
        PluginCatalog catalog = PluginDiscovery.discover(List.of(jar, dir.resolve("plugins"), dir.resolve("plugins/../plugins")));
        assertTrue(catalog.has(PluginKind.ACTIVATION, "cube"));
        Path text = Files.writeString(dir.resolve("readme.md"), "");
        assertEquals("the plugin path entry " + text + " is neither a folder nor a jar", errorOf(text));
        Path upper = cube().write(dir.resolve("upper/CUBE.JAR"));
        assertTrue(PluginDiscovery.discover(List.of(upper)).has(PluginKind.ACTIVATION, "cube"), "a jar's suffix in any case");
    }

    @Test
    void aFolderThatCannotBeReadIsNamed() throws IOException {
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.jar"), dir.resolve("deleted.jar"));
        assertEquals("cannot read the plugin folder " + dir + ": " + dangling, errorOf(dir));
    }

    @Test
    void theEnvironmentVariableIsSplitAtThePathSeparator() {
        assertEquals(List.of(), PluginPath.parse(null));
        assertEquals(List.of(), PluginPath.parse(""));
        assertEquals(List.of(Path.of("/a"), Path.of("b c"), Path.of("/d")), PluginPath.parse("/a: b c ::/d:"));
    }
}
