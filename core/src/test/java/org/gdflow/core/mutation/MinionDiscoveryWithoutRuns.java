package org.gdflow.core.mutation;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Under mutation testing only: a PIT mutation minion finds its tests without running their bodies.
 *
 * <p>pitest-junit5-plugin finds the tests of a class by executing the class through the JUnit launcher
 * ({@code JUnit5TestUnitFinder.findTestUnits}); each mutation minion (one JVM per mutated class) does this
 * for every test class that covers its mutants, before the first mutant, so without this extension core's
 * minions ran most of the suite once each, unmutated, only to learn the tests' names: about half of PIT's
 * time in core. Here, in a mutation minion and inside that search only, test methods, template invocations,
 * dynamic tests and the before/after methods are skipped; the test is still reported started and finished,
 * so PIT learns the same ids (test factories and argument sources still run, they make the ids). Every test
 * PIT then runs against a mutant goes through {@code JUnit5TestUnit.execute}, not the search, and runs in
 * full; so do PIT's coverage run and surefire's run.
 *
 * <p>Loaded only where Jupiter's extension auto-detection is on: the mutation profile of the root pom
 * passes {@code -Djunit.jupiter.extensions.autodetection.enabled=true} to PIT's JVMs; the ordinary
 * {@code mvn verify} leaves it off (registered in
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}).
 */
public final class MinionDiscoveryWithoutRuns implements InvocationInterceptor {
    private static final boolean MUTATION_MINION =
            System.getProperty("sun.java.command", "").startsWith("org.pitest.mutationtest.execute.MutationTestMinion");
    private static final String TEST_FINDER = "org.pitest.junit5.JUnit5TestUnitFinder";

    private static boolean findingTests() {
        return MUTATION_MINION && StackWalker.getInstance().walk(
                frames -> frames.anyMatch(frame -> frame.getClassName().equals(TEST_FINDER)));
    }

    private static <T> T proceedUnlessFinding(Invocation<T> invocation) throws Throwable {
        if (findingTests()) {
            invocation.skip();
            return null;
        }
        return invocation.proceed();
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedUnlessFinding(invocation);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedUnlessFinding(invocation);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedUnlessFinding(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedUnlessFinding(invocation);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext call,
            ExtensionContext context) throws Throwable {
        proceedUnlessFinding(invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedUnlessFinding(invocation);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedUnlessFinding(invocation);
    }
}
