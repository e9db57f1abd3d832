"""Python peers for the load benchmarks: pandas.read_csv (and DuckDB read_csv when installed)
on the same gzip file. Prints one JSON object per peer, like decouple-bench."""
import json, sys, time

path, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5

import pandas as pd
best, rows = float("inf"), 0
for _ in range(runs):
    t = time.perf_counter()
    df = pd.read_csv(path, dtype={"reporter": str, "flow": str, "partner": str, "flag": str}, keep_default_na=False)
    best = min(best, time.perf_counter() - t)
    rows = len(df)
print(json.dumps({"name": "pandas.read_csv", "rows": rows, "best_seconds": best, "runs": runs, "version": pd.__version__}))

try:
    import duckdb
except ImportError:
    sys.exit(0)
best = float("inf")
for _ in range(runs):
    con = duckdb.connect()
    t = time.perf_counter()
    rows = con.execute(f"CREATE TABLE dots AS SELECT * FROM read_csv('{path}', header=true)").fetchone()
    n = con.execute("SELECT COUNT(*) FROM dots").fetchone()[0]
    best = min(best, time.perf_counter() - t)
    con.close()
print(json.dumps({"name": "duckdb.read_csv", "rows": n, "best_seconds": best, "runs": runs, "version": duckdb.__version__}))
