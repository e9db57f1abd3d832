"""Python peers of the panel benchmarks, on the same generated BACI-format file:
load with pandas.read_csv and DuckDB read_csv (one thread), then HHI + shares + RCA over the
whole panel with pandas and with the `ecomplexity` package (which computes RCA, and with it
diversity, ubiquity, ECI/PCI, proximity and density, per year). Prints one JSON object per peer.

Usage: peers.py BACI_FILE [RUNS]
"""
import json
import sys
import time

path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
only = sys.argv[3] if len(sys.argv) > 3 else None  # run one peer: load, measures or ecomplexity

import numpy as np
import pandas as pd

dtypes = {"t": "int16", "i": "int16", "j": "int16", "k": "int32", "v": "float64", "q": "float64"}


def best_of(fn, n):
    best, result = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def emit(name, rows, seconds, n, **extra):
    print(json.dumps({"name": name, "rows": rows, "best_seconds": seconds, "runs": n, **extra}), flush=True)


# Load: pandas (the data frame is also the input of the pandas and ecomplexity measures)
sec, df = best_of(lambda: pd.read_csv(path, dtype=dtypes, na_values=["NA"], keep_default_na=False), runs if only in (None, "load") else 1)
if only in (None, "load"):
    emit("pandas.read_csv", len(df), sec, runs, version=pd.__version__)

# Load: DuckDB, one thread, typed columns, into a table
try:
    if only not in (None, "load"):
        raise ImportError
    import duckdb

    def duck():
        con = duckdb.connect()
        con.execute("SET threads TO 1")
        con.execute(
            "CREATE TABLE baci AS SELECT * FROM read_csv(?, header=true, nullstr='NA', "
            "columns={'t': 'SMALLINT', 'i': 'SMALLINT', 'j': 'SMALLINT', 'k': 'INTEGER', 'v': 'DOUBLE', 'q': 'DOUBLE'})",
            [path])
        n = con.execute("SELECT COUNT(*) FROM baci").fetchone()[0]
        con.close()
        return n

    sec, n = best_of(duck, runs)
    emit("duckdb.read_csv", n, sec, runs, version=duckdb.__version__, threads=1)
except ImportError:
    pass

# Measures with pandas: supplier HHI per (t, k, j), each flow's import share, RCA per (t, i, k).
def pandas_measures():
    g = df.groupby(["t", "k", "j"], sort=False)["v"]
    total = g.transform("sum")
    share = df["v"] / total
    hhi = (share * share).groupby([df["t"], df["k"], df["j"]], sort=False).sum()
    x = df.groupby(["t", "i", "k"], sort=False)["v"].sum()
    xc = x.groupby(level=["t", "i"]).transform("sum")
    xp = x.groupby(level=["t", "k"]).transform("sum")
    xw = x.groupby(level="t").transform("sum")
    rca = (x / xc) / (xp / xw)
    return float(hhi.sum() + share.sum() + rca.sum())

if only in (None, "measures"):
    sec, checksum = best_of(pandas_measures, runs)
    emit("pandas.measures", len(df), sec, runs, checksum=checksum)

# ecomplexity: RCA (and the complexity measures it always computes) from exports by (t, i, k).
try:
    if only not in (None, "ecomplexity"):
        raise ImportError
    import importlib.metadata
    from ecomplexity import ecomplexity

    def ecx():
        exports = df.groupby(["t", "i", "k"], as_index=False)["v"].sum()
        # The optional log-supermodularity diagnostic is switched off (it alone takes minutes a year).
        out = ecomplexity(exports, {"time": "t", "loc": "i", "prod": "k", "val": "v"}, verbose=False,
                          check_logsupermodularity=False)
        return float(out["rca"].sum())

    sec, checksum = best_of(ecx, 1)
    emit("ecomplexity", len(df), sec, 1, version=importlib.metadata.version("ecomplexity"), checksum=checksum)
except ImportError:
    pass
