package org.gdflow.api;

/** The four kinds of plugin; the spec names one plugin of each kind per run. */
public enum PluginKind {
    /** An elementwise nonlinearity σ, see {@link Activation}. */
    ACTIVATION(Activation.class),
    /** The width scaling s(m) and time scale τ(m), see {@link Scaling}. */
    SCALING(Scaling.class),
    /** A time stepper over the flat parameter vector, see {@link Integrator}. */
    INTEGRATOR(Integrator.class),
    /** A linear-algebra backend that evaluates whole kernels, see {@link Backend}. */
    BACKEND(Backend.class);

    private final Class<?> type;

    PluginKind(Class<?> type) {
        this.type = type;
    }

    /** The interface every plugin of this kind creates. */
    public Class<?> type() {
        return type;
    }

    /** The lower-case name used in messages and listings ("activation", ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
