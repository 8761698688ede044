#!/usr/bin/env python3
"""The gdflow vector field written the way a researcher would in numpy, timed on the same
workloads as `gdflow bench`, so the two can be compared in one sitting on one machine.

Model f(x) = s * sum_r a_r tanh(w_r . x), mean loss L = 1/2 sum_i mu_i (f(x_i) - y_i)^2,
ntk scaling (s = m^-1/2, tau = 1), W and a trained; the field is F = -tau grad L.
Data as in gdflow's harness: x_i uniform on the unit sphere, y_i ~ N(0, 1), w_r ~ N(0, I),
a_r = +-1 (the numbers differ, the distributions and sizes do not).

Timing: warm-up (at least 3 runs and 2 s), then at least 5 runs and 6 s (at most 200);
the median is reported, with GFLOP/s counting 4 n m d flops per evaluation.

    python3 bench/numpy_baseline.py [--workload small|lowdim|medium|large] [--dgemm N]
"""
import argparse
import platform
import statistics
import time

import numpy as np

WORKLOADS = {
    "small": (256, 16, 1024),
    "lowdim": (1024, 16, 8192),
    "medium": (1024, 64, 8192),
    "large": (4096, 256, 16384),
}


def make_problem(n, d, m, seed=20240601):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = rng.standard_normal(n)
    mu = np.full(n, 1.0 / n)
    W = rng.standard_normal((m, d))
    a = rng.choice([-1.0, 1.0], size=m)
    return X, y, mu, W, a


def field(W, a, X, y, mu, s, tau):
    """Returns (loss, dW, da) with (dW, da) = -tau grad L."""
    Z = X @ W.T                      # n x m pre-activations
    S = np.tanh(Z)
    D = 1.0 - S ** 2                 # tanh'
    u = s * (S @ a)                  # predictions
    e = u - y
    loss = 0.5 * np.sum(mu * e ** 2)
    r = mu * e                       # dL/du
    grad_a = s * (S.T @ r)
    G = s * (r[:, None] * a[None, :]) * D   # dL/dZ, n x m
    grad_W = G.T @ X                 # m x d
    return loss, -tau * grad_W, -tau * grad_a


def rk4_step(W, a, X, y, mu, s, tau, h):
    """One classical Runge-Kutta step of dtheta/dt = F(theta), theta = (W, a); returns the new (W, a)."""
    _, k1w, k1a = field(W, a, X, y, mu, s, tau)
    _, k2w, k2a = field(W + 0.5 * h * k1w, a + 0.5 * h * k1a, X, y, mu, s, tau)
    _, k3w, k3a = field(W + 0.5 * h * k2w, a + 0.5 * h * k2a, X, y, mu, s, tau)
    _, k4w, k4a = field(W + h * k3w, a + h * k3a, X, y, mu, s, tau)
    W = W + h / 6 * (k1w + 2 * k2w + 2 * k3w + k4w)
    a = a + h / 6 * (k1a + 2 * k2a + 2 * k3a + k4a)
    return W, a


def timed(run, warmup_runs=3, warmup_s=2.0, min_runs=5, target_s=6.0, max_runs=200):
    end = time.perf_counter() + warmup_s
    i = 0
    while i < warmup_runs or time.perf_counter() < end:
        run()
        i += 1
    times = []
    end = time.perf_counter() + target_s
    while len(times) < max_runs and (len(times) < min_runs or time.perf_counter() < end):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), min(times), len(times)


def dgemm_peak(size):
    rng = np.random.default_rng(1)
    A = rng.standard_normal((size, size))
    B = rng.standard_normal((size, size))
    C = np.empty((size, size))
    med, best, _ = timed(lambda: np.matmul(A, B, out=C), warmup_runs=2, warmup_s=1.0, min_runs=5, target_s=4.0)
    return 2.0 * size ** 3 / (med * 1e-3) / 1e9, 2.0 * size ** 3 / (best * 1e-3) / 1e9


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", choices=sorted(WORKLOADS), action="append",
                        help="workload to time (repeatable; default: all)")
    parser.add_argument("--dgemm", type=int, default=0, metavar="N",
                        help="time an N x N matmul (the machine's DGEMM reference); alone unless --workload is given")
    args = parser.parse_args()
    names = args.workload or ([] if args.dgemm else list(WORKLOADS))
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        blas_info = f'{blas.get("name")} {blas.get("version")}'
    except Exception:  # older numpy: no dict mode
        blas_info = "unknown"
    print(f"# numpy {np.__version__}, BLAS {blas_info}, python {platform.python_version()}, {platform.machine()}")
    if args.dgemm:
        med, best = dgemm_peak(args.dgemm)
        print(f"dgemm   numpy    {args.dgemm}x{args.dgemm}: median {med:7.2f} GFLOP/s  best {best:7.2f} GFLOP/s")
    for name in names:
        n, d, m = WORKLOADS[name]
        X, y, mu, W, a = make_problem(n, d, m)
        s, tau, h = m ** -0.5, 1.0, 1e-3
        flops = 4.0 * n * m * d
        med, best, reps = timed(lambda: field(W, a, X, y, mu, s, tau))
        print(f"{name:7s} numpy    field  median {med:10.3f} ms  min {best:10.3f} ms  "
              f"{flops / (med * 1e-3) / 1e9:7.2f} GFLOP/s  ({reps} reps)", flush=True)
        state = [W, a]

        def step():
            state[0], state[1] = rk4_step(state[0], state[1], X, y, mu, s, tau, h)

        med, best, reps = timed(step)
        print(f"{name:7s} numpy    rk4    median {med:10.3f} ms  min {best:10.3f} ms  "
              f"{4 * flops / (med * 1e-3) / 1e9:7.2f} GFLOP/s  ({reps} reps)", flush=True)


if __name__ == "__main__":
    main()
