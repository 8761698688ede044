package org.gdflow.study;

/** Tiny study specs shared by the tests. */
final class StudySpecs {
    private StudySpecs() {
    }

    /**
     * A small teacher problem (n=6 on S^2, 8 tanh neurons, 4 rk4 steps) with the given sweep
     * block on line 2 (an empty string for none).
     */
    static String withSweep(String sweep) {
        return """
                { "name": "tiny", "seed": 5,
                  %s
                  "data": {"kind": "sphere", "n": 6, "d": 3, "target": {"kind": "teacher", "width": 2, "activation": "tanh"}},
                  "model": {"width": 8, "activation": "tanh", "scaling": "ntk", "train": ["w", "a"]},
                  "integrator": {"name": "rk4", "dt": 0.1},
                  "stop": {"max_steps": 4},
                  "observe": {"every": 1, "metrics": ["max_weight_change"]},
                  "backend": "ejml" }
                """.formatted(sweep.isEmpty() ? "" : "\"sweep\": " + sweep + ",");
    }
}
