"""Python peers of the input-output benchmarks (Benchmarks/run-io.sh), on the same bundled OECD
ICIO 2022 block (n = 4000). Prints one JSON object per benchmark, like decouple-bench:
- pandas.read_csv: load the dense Z and the node list;
- numpy.inv: the full L = inv(I - A), I - A formed outside the timed step;
- pymrio.exposure: pymrio's path: calc_A, calc_L (numpy inv), then look-through exposure of all
  US sectors to every source region ((L - I)[:, US] summed by region, shares of the column sums).
"""
import json, os, sys, time
import numpy as np
import pandas as pd
import pymrio

folder, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3


def blas_info():
    try:
        cfg = np.show_config(mode="dicts")
        b = cfg["Build Dependencies"]["blas"]
        return f'{b.get("name")} {b.get("version")} {b.get("openblas configuration", "")}'.strip()
    except Exception as e:  # noqa: BLE001
        return f"unknown ({e})"


best_load = float("inf")
for _ in range(runs):
    t = time.perf_counter()
    Z = pd.read_csv(os.path.join(folder, "Z_intermediate_flows_dense.csv.gz"), index_col=0)
    nodes = pd.read_csv(os.path.join(folder, "nodes.csv"))
    best_load = min(best_load, time.perf_counter() - t)
n = Z.shape[0]
print(json.dumps({"name": "pandas.read_csv", "rows": n, "best_seconds": best_load, "runs": runs, "version": pd.__version__}))

x = nodes["gross_output"].to_numpy()
regions = nodes["country"].to_numpy()
idx = pd.MultiIndex.from_arrays([nodes["country"], nodes["sector"]], names=["region", "sector"])
Zf = pd.DataFrame(Z.to_numpy(), index=idx, columns=idx)
xf = pd.DataFrame({"indout": x}, index=idx)

A = pymrio.calc_A(Zf.to_numpy(), x)
M = np.eye(n) - A
best_inv = float("inf")
for _ in range(runs):
    t = time.perf_counter()
    L = np.linalg.inv(M)
    best_inv = min(best_inv, time.perf_counter() - t)
print(json.dumps({"name": "numpy.inv", "rows": n, "best_seconds": best_inv, "runs": runs, "version": np.__version__,
                  "check": float(L[0, 0]), "blas": blas_info()}))

us = np.where(regions == "USA")[0]
best_exp = float("inf")
for _ in range(runs):
    t = time.perf_counter()
    A = pymrio.calc_A(Zf, xf)
    L = pymrio.calc_L(A)
    T = L.iloc[:, us].to_numpy() - np.eye(n)[:, us]
    by_region = pd.DataFrame(T, index=regions).groupby(level=0, sort=False).sum()
    shares = by_region / by_region.sum(axis=0)
    best_exp = min(best_exp, time.perf_counter() - t)
c26 = list(nodes["node"]).index("USA_C26") - us[0]
print(json.dumps({"name": "pymrio.exposure", "rows": n, "best_seconds": best_exp, "runs": runs, "version": pymrio.__version__,
                  "check": float(by_region.loc["CHN"].iloc[c26])}))
