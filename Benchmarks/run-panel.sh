#!/usr/bin/env bash
# Panel benchmark: Decouple's BACI import + store against pandas.read_csv and DuckDB read_csv
# (one thread), store reopening, and HHI + shares + RCA over the whole panel against pandas and
# the `ecomplexity` package — all on the same generated BACI-format file (10 M rows by default,
# written to .bench-data/panel/, not committed). Prints the ratios.
# ecomplexity takes about 25 minutes on 10 M rows (5 years × 5,000 products); set
# SKIP_ECOMPLEXITY=1 to leave it out.
# Usage: Benchmarks/run-panel.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${2:-3}
peers="pandas duckdb ecomplexity"
. Benchmarks/panel/baci-data.sh
store=$data/bench.dpanel

swift build -c release --product panel-bench >/dev/null
bench=$(swift build -c release --show-bin-path)/panel-bench

results=$(mktemp)
"$bench" import "$file" "$store" "$runs" >>"$results"
"$bench" reopen "$store" 5 >>"$results"
"$bench" measures "$store" "$runs" >>"$results"
if [ "${SKIP_ECOMPLEXITY:-0}" = 1 ]; then
    "$venv/bin/python" Benchmarks/panel/peers.py "$file" "$runs" load >>"$results"
    "$venv/bin/python" Benchmarks/panel/peers.py "$file" "$runs" measures >>"$results"
else
    "$venv/bin/python" Benchmarks/panel/peers.py "$file" "$runs" >>"$results"
fi

python3 - "$results" <<'PY'
import json, sys
by = {r["name"]: r for r in (json.loads(l) for l in open(sys.argv[1]) if l.strip())}
imp, reopen, meas = by["decouple.import"], by["decouple.reopen"], by["decouple.measures"]
print(f"Generated BACI-format file, {imp['rows']:,} rows; best of {imp['runs']} runs")
print(f"{'load':<44}{'seconds':>9}{'x Decouple':>12}")
for name, label in [("decouple.import", "decouple import (parse, check, sort, write)"),
                    ("pandas.read_csv", "pandas.read_csv " + by.get("pandas.read_csv", {}).get("version", "")),
                    ("duckdb.read_csv", "duckdb read_csv, 1 thread " + by.get("duckdb.read_csv", {}).get("version", ""))]:
    if name in by:
        print(f"{label:<44}{by[name]['best_seconds']:>9.2f}{by[name]['best_seconds'] / imp['best_seconds']:>11.2f}x")
print(f"reopen the store: best {reopen['best_seconds'] * 1000:.1f} ms, worst {reopen['worst_seconds'] * 1000:.1f} ms (target < 1 s: {'met' if reopen['worst_seconds'] < 1 else 'MISSED'})")
print(f"{'HHI + shares + RCA, whole panel':<44}{'seconds':>9}{'x Decouple':>12}")
for name, label in [("decouple.measures", "decouple"), ("pandas.measures", "pandas groupby"),
                    ("ecomplexity", "ecomplexity " + by.get("ecomplexity", {}).get("version", ""))]:
    if name in by:
        print(f"{label:<44}{by[name]['best_seconds']:>9.3f}{by[name]['best_seconds'] / meas['best_seconds']:>11.1f}x")
if "duckdb.read_csv" in by:
    r = by["duckdb.read_csv"]["best_seconds"] / imp["best_seconds"]
    print(f"load vs DuckDB (1 thread): {r:.2f}x ({'target met' if r >= 1 else 'target MISSED'}: at least as fast)")
if "ecomplexity" in by:
    r = by["ecomplexity"]["best_seconds"] / meas["best_seconds"]
    print(f"measures vs ecomplexity: {r:.0f}x ({'target met' if r >= 20 else 'target MISSED'}: at least 20x)")
sys.path.insert(0, "Benchmarks")
import results
rows = imp["rows"]
for name in ["pandas.read_csv", "duckdb.read_csv"]:
    assert name not in by or by[name]["rows"] == rows, f"{name} read {by[name]['rows']} rows, Decouple {rows}"
table = []
for name, label in [("pandas.read_csv", "pandas"), ("duckdb.read_csv", "DuckDB")]:
    if name in by:
        table.append({"task": f"BACI import in one process (parse, check, sort, write the store), {rows / 1e6:.0f} M rows",
                      "peer": f"{label} {by[name].get('version', '')} `read_csv`" + (", 1 thread" if "duckdb" in name else ""),
                      "ratio": imp["best_seconds"] / by[name]["best_seconds"], "note": f"best of {imp['runs']}", "check": "same row count"})
table.append({"task": "reopen the 10 M-row store", "peer": "—", "value": f"{reopen['best_seconds'] * 1000:.1f}–{reopen['worst_seconds'] * 1000:.1f} ms", "check": "—"})
if "pandas.measures" in by:
    table.append({"task": "supplier HHI + import shares + RCA over the whole panel", "peer": "pandas `groupby`",
                  "ratio": meas["best_seconds"] / by["pandas.measures"]["best_seconds"], "note": f"best of {meas['runs']}",
                  "check": f"checksums {meas['checksum']:.6g} / {by['pandas.measures']['checksum']:.6g}"})
if "ecomplexity" in by:
    table.append({"task": "the same measures", "peer": f"ecomplexity {by['ecomplexity']['version']}",
                  "ratio": meas["best_seconds"] / by["ecomplexity"]["best_seconds"], "note": "one run", "check": "RCA checksum"})
results.record("panel", "Benchmarks/run-panel.sh", table, steps=list(by.values()))
PY
rm -f "$results"
