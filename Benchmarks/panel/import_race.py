"""Whole-process import race on one BACI-format file: `decouple data import baci` (all cores and
one thread) against polars `read_csv` (2 threads) and DuckDB `read_csv` into a table (default
threads), each started as its own process, in rotating order for ROUNDS rounds. Decouple writes
a new store (the previous one is removed, untimed); `decouple.replace` times writing over an
existing store, where ext4 flushes the new file on the rename (its `auto_da_alloc`). Before any time
is reported the answers are compared: rows, total value (US dollars) and total quantity of the
store against each peer's, and the bytes of the one-thread and the parallel store (write time
blanked). Prints one JSON object with the times, ratios and checks.

Usage: import_race.py DECOUPLE PANEL_BENCH PYTHON BACI_FILE WORK_FOLDER [ROUNDS]
"""
import json
import os
import statistics
import subprocess
import sys
import time

decouple, panel_bench, python, path, work = sys.argv[1:6]
rounds = int(sys.argv[6]) if len(sys.argv) > 6 else 5
os.makedirs(work, exist_ok=True)
here = os.path.dirname(os.path.abspath(__file__))

POLARS = """
import sys, polars as pl
df = pl.read_csv(sys.argv[1], schema={"t": pl.Int16, "i": pl.Int16, "j": pl.Int16, "k": pl.Int32, "v": pl.Float64, "q": pl.Float64}, null_values=["NA"])
print(len(df), float(df["v"].sum()) * 1000, float(df["q"].sum()), pl.__version__, pl.thread_pool_size())
"""
DUCKDB = """
import sys, duckdb
con = duckdb.connect()
con.execute("CREATE TABLE baci AS SELECT * FROM read_csv(?, header=true, nullstr='NA', columns={'t': 'SMALLINT', 'i': 'SMALLINT', 'j': 'SMALLINT', 'k': 'INTEGER', 'v': 'DOUBLE', 'q': 'DOUBLE'})", [sys.argv[1]])
n, v, q = con.execute("SELECT COUNT(*), SUM(v), SUM(q) FROM baci").fetchone()
print(n, v * 1000, q, duckdb.__version__, con.execute("SELECT current_setting('threads')").fetchone()[0])
"""

def timed(argv, env=None):
    t = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - t
    if out.returncode != 0:
        sys.exit(f"{argv[0]} failed ({out.returncode}): {out.stderr.strip()[-2000:]}")
    return seconds, out.stdout

# The timed runs do nothing but their import; the checks read what they produced.
def fresh(store, *options):
    if os.path.exists(store):
        os.remove(store)
    return timed([decouple, "data", "import", "baci", path, *options, "--out", store])


runs = {
    "decouple": lambda: fresh(f"{work}/parallel.dpanel"),
    "decouple.1thread": lambda: fresh(f"{work}/one.dpanel", "--threads", "1"),
    "decouple.replace": lambda: timed([decouple, "data", "import", "baci", path, "--out", f"{work}/replaced.dpanel"]),
    "polars.2threads": lambda: timed([python, "-c", POLARS, path], {"POLARS_MAX_THREADS": "2"}),
    "duckdb": lambda: timed([python, "-c", DUCKDB, path]),
}
names = list(runs)
times = {n: [] for n in names}
outputs = {}
for r in range(rounds):
    order = names[r % len(names):] + names[:r % len(names)]
    for n in order:
        seconds, out = runs[n]()
        times[n].append(seconds)
        outputs[n] = out

def blanked(p):
    """The store's bytes with the write time and the header checksum (which covers it) blanked."""
    data = open(p, "rb").read()
    data = data[:40] + bytes(4) + data[44:]
    key = b'"createdAt":"'
    s = data.index(key) + len(key)
    e = data.index(b'"', s)
    return data[:s] + b"x" * (e - s) + data[e:]

store = json.loads(subprocess.run([panel_bench, "sum", f"{work}/parallel.dpanel"], capture_output=True, text=True, check=True).stdout)
checks = {"same_store_bytes_1_thread_vs_parallel": blanked(f"{work}/one.dpanel") == blanked(f"{work}/parallel.dpanel")}
versions = {}
for peer in ["polars.2threads", "duckdb"]:
    n, v, q, version, threads = outputs[peer].split()
    versions[peer] = {"version": version, "threads": threads}
    checks[f"{peer}.rows_equal"] = int(n) == store["rows"]
    checks[f"{peer}.value_rel_diff"] = abs(float(v) - store["value"]) / store["value"]
    checks[f"{peer}.quantity_rel_diff"] = abs(float(q) - store["quantity"]) / store["quantity"]
agree = all(v is True or (not isinstance(v, bool) and v < 1e-9) for v in checks.values())

ratios = {}
for peer in ["polars.2threads", "duckdb"]:
    per_round = [a / b for a, b in zip(times["decouple"], times[peer])]
    ratios[f"decouple/{peer}"] = {"median": statistics.median(per_round), "best_over_best": min(times["decouple"]) / min(times[peer])}
for other in ["decouple.1thread", "decouple.replace"]:
    per_round = [a / b for a, b in zip(times["decouple"], times[other])]
    ratios[f"decouple/{other}"] = {"median": statistics.median(per_round), "best_over_best": min(times["decouple"]) / min(times[other])}

print(json.dumps({"name": "import.race", "rows": store["rows"], "file_bytes": os.path.getsize(path), "rounds": rounds,
                  "cores": os.cpu_count(), "seconds": times, "ratios": ratios, "checks": checks, "answers_agree": agree,
                  "versions": versions}))
