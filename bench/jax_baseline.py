#!/usr/bin/env python3
"""The gdflow vector field written the way a JAX user would: jax.jit(jax.value_and_grad(loss)) in
float64 on the CPU, which XLA compiles into fused loops; timed on the same workloads as
`gdflow bench` and bench/numpy_baseline.py, so the three can be compared in one sitting.

Model f(x) = s * sum_r a_r tanh(w_r . x), mean loss L = 1/2 sum_i mu_i (f(x_i) - y_i)^2,
ntk scaling (s = m^-1/2, tau = 1), W and a trained; one evaluation is L and grad L (the field
is -tau grad L, one negation away). Data as in gdflow's harness: x_i uniform on the unit sphere,
y_i ~ N(0, 1), w_r ~ N(0, I), a_r = +-1 (the numbers differ, the distributions and sizes do not).

Timing as the other harnesses: warm-up (at least 3 runs and 2 s, the first run compiles), then at
least 5 runs and 6 s (at most 200); the median is reported, with GFLOP/s counting 4 n m d flops
per evaluation. Each run blocks until the result is ready (JAX dispatches asynchronously).

Install (a virtual environment; the JAX wheels bundle XLA for the CPU):
    python3 -m venv /tmp/jaxenv && /tmp/jaxenv/bin/pip install jax
    /tmp/jaxenv/bin/python bench/jax_baseline.py [--workload small|lowdim|medium|large]... [--activation tanh|sigmoid|softplus|erf|relu]
"""
import argparse
import os
import platform
import sys

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")
import jax.numpy as jnp  # noqa: E402  (after the float64 switch)

# the workloads, the data and the timing rules are numpy_baseline's, so the two cannot drift apart
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_baseline import WORKLOADS, make_problem, timed  # noqa: E402

ACTIVATIONS = {
    "tanh": jnp.tanh,
    "sigmoid": jax.nn.sigmoid,
    "softplus": jax.nn.softplus,
    "erf": jax.scipy.special.erf,
    "relu": jax.nn.relu,
}


def make_field(sigma, s):
    def loss(params, X, y, mu):
        W, a = params
        u = s * (sigma(X @ W.T) @ a)     # predictions
        return 0.5 * jnp.sum(mu * (u - y) ** 2)

    # L and grad L in one compiled call: XLA fuses sigma, its derivative and the reductions
    return jax.jit(jax.value_and_grad(loss))


def rk4_step(field, params, X, y, mu, tau, h):
    """One classical Runge-Kutta step of dtheta/dt = -tau grad L(theta), theta = (W, a), written with jax.tree."""
    def f(p):
        return jax.tree.map(lambda g: -tau * g, field(p, X, y, mu)[1])

    def axpy(p, c, k):
        return jax.tree.map(lambda pi, ki: pi + c * ki, p, k)

    k1 = f(params)
    k2 = f(axpy(params, 0.5 * h, k1))
    k3 = f(axpy(params, 0.5 * h, k2))
    k4 = f(axpy(params, h, k3))
    return jax.tree.map(lambda p, a, b, c, d: p + h / 6 * (a + 2 * b + 2 * c + d), params, k1, k2, k3, k4)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", choices=sorted(WORKLOADS), action="append",
                        help="workload to time (repeatable; default: all)")
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), default="tanh")
    parser.add_argument("--no-rk4", action="store_true", help="time one evaluation only")
    args = parser.parse_args()
    names = args.workload or list(WORKLOADS)
    print(f"# jax {jax.__version__}, devices {jax.devices()}, x64 {jax.config.jax_enable_x64}, "
          f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cpus, {args.activation}")
    for name in names:
        n, d, m = WORKLOADS[name]
        X, y, mu, W, a = make_problem(n, d, m)
        X, y, mu = jnp.asarray(X), jnp.asarray(y), jnp.asarray(mu)
        params = (jnp.asarray(W), jnp.asarray(a))
        s, tau, h = m ** -0.5, 1.0, 1e-3
        flops = 4.0 * n * m * d
        field = make_field(ACTIVATIONS[args.activation], s)

        def evaluate():
            loss, grads = field(params, X, y, mu)
            jax.block_until_ready((loss, grads))

        med, best, reps = timed(evaluate)
        print(f"{name:7s} jax      field  median {med:10.3f} ms  min {best:10.3f} ms  "
              f"{flops / (med * 1e-3) / 1e9:7.2f} GFLOP/s  ({reps} reps)", flush=True)
        if args.no_rk4:
            continue
        state = [params]

        def step():
            state[0] = rk4_step(field, state[0], X, y, mu, tau, h)
            jax.block_until_ready(state[0])

        med, best, reps = timed(step)
        print(f"{name:7s} jax      rk4    median {med:10.3f} ms  min {best:10.3f} ms  "
              f"{4 * flops / (med * 1e-3) / 1e9:7.2f} GFLOP/s  ({reps} reps)", flush=True)


if __name__ == "__main__":
    main()
