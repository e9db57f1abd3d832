"""numpy/scipy peer of the scenario simulator's input-output step (Benchmarks/run-scenario.sh):
on the bundled OECD ICIO 2022 block (n = 4000), extract CHN_C26's sales to every US sector,
form A* = Z* / x, one LU of I - A* (scipy.linalg.lu_factor, LAPACK dgetrf), the backward solve
dx = L* d and the transposed Ghosh solve dx_j = x_j [(I - A*)^-T (e / x)]_j (lu_solve trans=1).
Loading is not timed. Prints one JSON object like decouple-bench.
"""
import csv, gzip, json, os, sys, time
import numpy as np
import scipy.linalg as sla

folder, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
with open(os.path.join(folder, "nodes.csv")) as f:
    nodes = list(csv.DictReader(f))
x = np.array([float(r["gross_output"]) for r in nodes])
n = len(nodes)
with gzip.open(os.path.join(folder, "Z_intermediate_flows_dense.csv.gz"), "rt") as f:
    Z = np.loadtxt(f, delimiter=",", skiprows=1, usecols=range(1, n + 1))
names = [r["node"] for r in nodes]
s = names.index("CHN_C26")
us = np.array([i for i, r in enumerate(nodes) if r["country"] == "USA"])

best = float("inf")
for _ in range(runs):
    t = time.perf_counter()
    Zs = Z.copy()
    d = np.zeros(n); e = np.zeros(n)
    d[s] = Z[s, us].sum(); e[us] = Z[s, us]
    Zs[s, us] = 0.0
    rx = np.divide(1.0, x, out=np.zeros(n), where=x != 0)
    M = np.eye(n) - Zs * rx[None, :]
    lu = sla.lu_factor(M, overwrite_a=True, check_finite=False)
    back = sla.lu_solve(lu, d, check_finite=False)
    fwd = sla.lu_solve(lu, e * rx, trans=1, check_finite=False) * x
    best = min(best, time.perf_counter() - t)
print(json.dumps({"name": "numpy.extraction", "rows": n, "best_seconds": best, "runs": runs, "version": np.__version__,
                  "scipy": sla.__name__ and __import__("scipy").__version__,
                  "backward": float(back.sum()), "forward": float(fwd.sum())}))
