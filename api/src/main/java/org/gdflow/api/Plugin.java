package org.gdflow.api;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A named, documented factory for one implementation of a plugin kind.
 *
 * <p>{@code P} is a record whose components are the plugin's typed parameters, each annotated with
 * {@link Parameter}; gdflow binds it from the spec's JSON (snake_case keys) and passes it to
 * {@link #create}. Plugins without parameters use {@link NoParameters}.
 *
 * @param kind the kind of plugin
 * @param name the name a spec uses ({@code "tanh"}, {@code "rk4"}); lower case, unique per kind
 * @param description one line for {@code gdflow plugins}
 * @param type the interface the plugin implements, {@code kind.type()}
 * @param parametersType the record class of the parameters
 * @param factory makes an instance from bound parameters; called once per run
 * @param <T> the plugin interface
 * @param <P> the parameter record
 */
public record Plugin<T, P extends Record>(
        PluginKind kind,
        String name,
        String description,
        Class<T> type,
        Class<P> parametersType,
        Function<? super P, ? extends T> factory) {

    /** Checks the fields: names are non-blank lower case, the type matches the kind. */
    public Plugin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parametersType, "parametersType");
        Objects.requireNonNull(factory, "factory");
        if (!name.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("plugin name '" + name + "' must be lower case letters, digits, '-', '_' or '.'");
        }
        if (kind.type() != type) {
            throw new IllegalArgumentException("plugin '" + name + "' of kind " + kind.label()
                    + " must implement " + kind.type().getName() + ", not " + type.getName());
        }
    }

    /** Makes an instance from bound parameters. */
    public T create(P parameters) {
        return Objects.requireNonNull(factory.apply(parameters), () -> "plugin '" + name + "' created null");
    }

    /** An activation with parameters. */
    public static <P extends Record> Plugin<Activation, P> activation(
            String name, String description, Class<P> parametersType, Function<? super P, ? extends Activation> factory) {
        return new Plugin<>(PluginKind.ACTIVATION, name, description, Activation.class, parametersType, factory);
    }

    /** An activation without parameters. */
    public static Plugin<Activation, NoParameters> activation(String name, String description, Supplier<? extends Activation> factory) {
        return activation(name, description, NoParameters.class, p -> factory.get());
    }

    /** A scaling with parameters. */
    public static <P extends Record> Plugin<Scaling, P> scaling(
            String name, String description, Class<P> parametersType, Function<? super P, ? extends Scaling> factory) {
        return new Plugin<>(PluginKind.SCALING, name, description, Scaling.class, parametersType, factory);
    }

    /** A scaling without parameters. */
    public static Plugin<Scaling, NoParameters> scaling(String name, String description, Supplier<? extends Scaling> factory) {
        return scaling(name, description, NoParameters.class, p -> factory.get());
    }

    /** An integrator; its parameters carry at least the step ({@code dt} or {@code lr}). */
    public static <P extends Record> Plugin<Integrator, P> integrator(
            String name, String description, Class<P> parametersType, Function<? super P, ? extends Integrator> factory) {
        return new Plugin<>(PluginKind.INTEGRATOR, name, description, Integrator.class, parametersType, factory);
    }

    /** A backend with parameters. */
    public static <P extends Record> Plugin<Backend, P> backend(
            String name, String description, Class<P> parametersType, Function<? super P, ? extends Backend> factory) {
        return new Plugin<>(PluginKind.BACKEND, name, description, Backend.class, parametersType, factory);
    }

    /** A backend without parameters. */
    public static Plugin<Backend, NoParameters> backend(String name, String description, Supplier<? extends Backend> factory) {
        return backend(name, description, NoParameters.class, p -> factory.get());
    }
}
