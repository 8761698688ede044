#!/usr/bin/env bash
# Measures the whole comparison of docs/PERFORMANCE.md in one sitting: numpy, JAX, gdflow nd4j and
# ejml (each with the products-only floor and the activation pass), interleaved per workload, and
# prints the table. Run it on a quiet machine: it checks /proc/loadavg first and records it after
# each step, so a noisy sitting shows in the log.
#
#   bench/measure-all.sh [OUT_DIR]            # default OUT_DIR: bench/results/<date>
#   WORKLOADS="small medium" ROUNDS=2 JAX_PYTHON=/tmp/jaxenv/bin/python bench/measure-all.sh
#   EJML_LARGE=1 bench/measure-all.sh          # also ejml on large (about 15 minutes more)
#
# Needs python3 with numpy, and JAX in $JAX_PYTHON (default /tmp/jaxenv/bin/python; install with
# `python3 -m venv /tmp/jaxenv && /tmp/jaxenv/bin/pip install jax`); JAX is skipped if it is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/bench/results/$(date +%Y-%m-%d-%H%M)}"
workloads="${WORKLOADS:-small lowdim medium large}"
rounds="${ROUNDS:-1}"
jax_python="${JAX_PYTHON:-/tmp/jaxenv/bin/python}"
mkdir -p "$out"
log="$out/raw.txt"
: > "$log"

machine() {
  {
    echo "# date $(date -Is)"
    echo "# cpu $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cpus, flags:$(grep -o -w -E 'avx2|fma|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
    echo "# java $(java -version 2>&1 | head -1)"
    echo "# loadavg $(cat /proc/loadavg)"
  } >> "$log"
}

step() {
  echo "# loadavg before '$*': $(cat /proc/loadavg)" >> "$log"
  "$@" 2>&1 | grep -v '^WARNING: Using incubator modules' | tee -a "$log"
}

machine
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN {exit !(l > 0.5)}'; then
  echo "measure-all: the 1-minute load average is $load (other work is running); the numbers will be noisy" | tee -a "$log" >&2
fi
# build the distribution once, before any timing
"$root/gdflow" --version > /dev/null 2>&1 || true
have_jax=0
if [ -x "$jax_python" ] && "$jax_python" -c 'import jax' 2>/dev/null; then have_jax=1; fi
python3 "$root/bench/numpy_baseline.py" --dgemm 4000 | tee -a "$log"
for round in $(seq 1 "$rounds"); do
  for w in $workloads; do
    echo "# round $round workload $w" >> "$log"
    step python3 "$root/bench/numpy_baseline.py" --workload "$w"
    if [ "$have_jax" = 1 ]; then step "$jax_python" "$root/bench/jax_baseline.py" --workload "$w"; fi
    step "$root/gdflow" bench --backend nd4j --workload "$w"
    if [ "$w" != large ] || [ -n "${EJML_LARGE:-}" ]; then
      step "$root/gdflow" bench --backend ejml --workload "$w"
    fi
  done
done
machine
python3 "$root/bench/table.py" "$log" | tee "$out/table.md"
echo "raw output: $log; table: $out/table.md" >&2
