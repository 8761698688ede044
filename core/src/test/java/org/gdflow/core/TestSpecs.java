package org.gdflow.core;

/** Small specs shared by the core tests. */
public final class TestSpecs {
    private TestSpecs() {
    }

    /**
     * A small teacher problem: n=12 points on S^2, m=16 tanh neurons, ntk, W and a trained.
     *
     * @param integrator the integrator JSON object, e.g. {@code {"name": "rk4", "dt": 0.1}}
     * @param stop the stop JSON object
     */
    public static String small(String integrator, String stop) {
        return """
                { "name": "small", "seed": 11,
                  "data": {"kind": "sphere", "n": 12, "d": 3, "target": {"kind": "teacher", "width": 3, "activation": "tanh"}},
                  "model": {"width": 16, "activation": "tanh", "scaling": "ntk", "train": ["w", "a"]},
                  "integrator": %s,
                  "stop": %s,
                  "observe": {"every": 1},
                  "backend": "ejml" }
                """.formatted(integrator, stop);
    }
}
