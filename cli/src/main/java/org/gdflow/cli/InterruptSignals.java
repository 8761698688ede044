package org.gdflow.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gdflow.core.run.RunInterrupt;

/**
 * While a run goes: the first SIGINT (Ctrl-C) or SIGTERM asks it to stop at its next step boundary,
 * where it saves a checkpoint, the trajectory so far and a summary with status {@code interrupted}
 * (exit status 3); a second one ends the process at once with status 3, which leaves the folder as a
 * kill would: every file whole (each is written atomically or appended a row at a time), the last
 * checkpoint intact. Closing puts the JVM's own handlers back.
 *
 * <p>The handlers are installed through {@code sun.misc.Signal} (module {@code jdk.unsupported},
 * open to every program) by reflection, so the build has no warning about it. A process started with
 * SIGINT ignored (a background job of a non-interactive shell) keeps ignoring it, as POSIX wants;
 * SIGTERM still works there.
 */
final class InterruptSignals implements AutoCloseable {
    /** The exit status of an interrupted run. */
    static final int STATUS = 3;

    private final List<Object[]> previous = new ArrayList<>();
    private final Method handle;
    private final Class<?> signalType;

    /** What a second signal does; replaced in tests. */
    interface Quit {
        void now(int status);
    }

    private InterruptSignals(Method handle, Class<?> signalType) {
        this.handle = handle;
        this.signalType = signalType;
    }

    /** Installs the handlers for SIGINT and SIGTERM; {@code err} hears what each signal does. */
    static InterruptSignals install(RunInterrupt interrupt, PrintStream err, String where) {
        return install(interrupt, err, where, status -> Runtime.getRuntime().halt(status));
    }

    static InterruptSignals install(RunInterrupt interrupt, PrintStream err, String where, Quit quit) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method handle = signalType.getMethod("handle", signalType, handlerType);
            InterruptSignals signals = new InterruptSignals(handle, signalType);
            AtomicInteger received = new AtomicInteger();
            Object handler = Proxy.newProxyInstance(InterruptSignals.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("handle")) {
                            return method.getDeclaringClass() == Object.class ? method.invoke(signals, args) : null;
                        }
                        String name = "SIG" + signalType.getMethod("getName").invoke(args[0]);
                        signals.received(name, received.incrementAndGet(), interrupt, err, where, quit);
                        return null;
                    });
            for (String name : List.of("INT", "TERM")) {
                signals.replace(signalType.getConstructor(String.class).newInstance(name), handler);
            }
            return signals;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            err.println("gdflow: cannot catch Ctrl-C here (" + e + "); a signal ends the run as a kill would, and the last"
                    + " checkpoint resumes it");
            return new InterruptSignals(null, null);
        }
    }

    private void replace(Object signal, Object handler) throws ReflectiveOperationException {
        try {
            previous.add(new Object[] {signal, handle.invoke(null, signal, handler)});
        } catch (java.lang.reflect.InvocationTargetException e) {
            // a signal the JVM reserves here (-Xrs) stays as it is
        }
    }

    /** What one signal does: the first asks the run to stop, the next ends the process. */
    void received(String name, int count, RunInterrupt interrupt, PrintStream err, String where, Quit quit) {
        if (count == 1) {
            interrupt.request(name);
            err.println("gdflow: " + name + ": stopping at the next step boundary to save a checkpoint in " + where
                    + " (press Ctrl-C again to quit at once)");
        } else {
            err.println("gdflow: " + name + " again: quitting at once; " + where + " keeps its last checkpoint (gdflow resume "
                    + where + ")");
            err.flush();
            quit.now(STATUS);
        }
    }

    /** Puts back the handlers that were there before. */
    @Override
    public void close() {
        for (Object[] entry : previous) {
            try {
                handle.invoke(null, entry[0], entry[1]);
            } catch (ReflectiveOperationException e) {
                // the JVM's handler could not be put back: the process is ending anyway
            }
        }
        previous.clear();
    }

    /** Whether the handlers are installed (false where the JVM offers no signal handling). */
    boolean installed() {
        return signalType != null && !previous.isEmpty();
    }
}
