#!/usr/bin/env python3
"""Turns the raw output of bench/measure-all.sh into the tables of docs/PERFORMANCE.md: per workload,
the median ms of one evaluation and of one rk4 step for numpy, JAX and each gdflow backend, the ratios
to numpy and to JAX, the backend's evaluation / products ratio and ns per element of the activation pass.
With several rounds, each cell is the median over the rounds.

    python3 bench/table.py bench/results/<date>/raw.txt
"""
import re
import statistics
import sys
from collections import defaultdict

LINE = re.compile(r"^(\w+)\s+(\w+)\s+(field|rk4|products|activation)\s+median\s+([0-9.]+)\s+(ms|ns/element)")
RATIO = re.compile(r"^(\w+)\s+(\w+)\s+ratio\s+([0-9.]+)")


def main(path):
    cells = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        m = LINE.match(line)
        if m:
            cells[(m.group(1), m.group(2), m.group(3))].append(float(m.group(4)))
    med = {k: statistics.median(v) for k, v in cells.items()}
    workloads = [w for w in ("small", "lowdim", "medium", "large") if any(k[0] == w for k in med)]
    backends = [b for b in ("nd4j", "ejml") if any(k[1] == b for k in med)]

    def get(w, who, kernel):
        return med.get((w, who, kernel))

    def fmt(v, digits=3):
        return "–" if v is None else f"{v:.{digits}f}"

    def ratio(a, b):
        return "–" if a is None or b is None else f"{a / b:.2f}"

    print("One evaluation (value and gradient), median ms; ratios below 1 are faster than numpy / JAX.\n")
    print("| workload | numpy | JAX | backend | gdflow | / numpy | / JAX | products | evaluation / products | activation ns/element |")
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for w in workloads:
        for b in backends:
            field = get(w, b, "field")
            if field is None:
                continue
            print(f"| {w} | {fmt(get(w, 'numpy', 'field'))} | {fmt(get(w, 'jax', 'field'))} | {b} | {fmt(field)} | "
                  f"{ratio(field, get(w, 'numpy', 'field'))} | {ratio(field, get(w, 'jax', 'field'))} | "
                  f"{fmt(get(w, b, 'products'))} | {ratio(field, get(w, b, 'products'))} | {fmt(get(w, b, 'activation'))} |")
    print("\nOne rk4 step (4 evaluations), median ms.\n")
    print("| workload | numpy | JAX | " + " | ".join(backends) + " |")
    print("| --- | ---: | ---: | " + " | ".join("---:" for _ in backends) + " |")
    for w in workloads:
        print(f"| {w} | {fmt(get(w, 'numpy', 'rk4'))} | {fmt(get(w, 'jax', 'rk4'))} | "
              + " | ".join(f"{fmt(get(w, b, 'rk4'))}" for b in backends) + " |")
    rounds = max((len(v) for v in cells.values()), default=0)
    print(f"\n{rounds} round(s); each cell the median over them.")


if __name__ == "__main__":
    main(sys.argv[1])
