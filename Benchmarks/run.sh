#!/usr/bin/env bash
# Load benchmark: Decouple's DOTS reader against pandas.read_csv (and DuckDB) on the same
# real file (the bundled IMF DOTS long form, 1.36 M rows, gzip). Prints ratios.
# Usage: Benchmarks/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
file=Data/imf-dots/dots_bilateral_annual_2000_2020.csv.gz

venv=.venv-bench
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pandas duckdb
fi

swift build -c release --product decouple-bench >/dev/null
bench=$(swift build -c release --show-bin-path)/decouple-bench

results=$(mktemp)
"$bench" dots "$file" "$runs" >>"$results"
"$bench" tokenize "$file" "$runs" >>"$results"
"$venv/bin/python" Benchmarks/pandas_load.py "$file" "$runs" >>"$results"

python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by = {r["name"]: r for r in rows}
base = by["pandas.read_csv"]["best_seconds"]
print(f"IMF DOTS long form, {by['dots']['rows']:,} rows, gzip; best of {by['dots']['runs']} runs")
print(f"{'reader':<34}{'time / pandas':>14}")
for name, label in [("dots", "decouple DOTSReader (validated)"), ("tokenize", "decouple CSV tokenizer only"),
                    ("pandas.read_csv", f"pandas.read_csv {by['pandas.read_csv'].get('version','')}"),
                    ("duckdb.read_csv", f"duckdb read_csv {by.get('duckdb.read_csv',{}).get('version','')}")]:
    if name in by:
        print(f"{label:<34}{by[name]['best_seconds']/base:>13.2f}x")
print(f"(pandas is {base/by['dots']['best_seconds']:.2f}x the time of Decouple's validated reader)" if base > by['dots']['best_seconds']
      else f"(Decouple's validated reader takes {by['dots']['best_seconds']/base:.2f}x pandas' time)")
sys.path.insert(0, "Benchmarks")
import results
peer = f"pandas {by['pandas.read_csv'].get('version', '')} `read_csv`"
n = by["dots"]["rows"]
assert by["tokenize"]["rows"] == by["pandas.read_csv"]["rows"], "the tokenizer and pandas read different row counts"
results.record("dots", "Benchmarks/run.sh", [
    {"task": f"IMF DOTS long form ({n / 1e6:.2f} M rows, gzip): the validated reader (codes resolved, typed flows)",
     "peer": peer, "ratio": by["dots"]["best_seconds"] / base, "note": f"best of {by['dots']['runs']}",
     "check": f"{n:,} flows kept of {by['pandas.read_csv']['rows']:,} rows"},
    {"task": "the same file, CSV tokenizer only", "peer": peer, "ratio": by["tokenize"]["best_seconds"] / base,
     "note": f"best of {by['tokenize']['runs']}", "check": "same row count"},
], steps=rows)
PY
rm -f "$results"
