#!/usr/bin/env bash
# Input–output benchmark: Decouple (Swift + OpenBLAS/LAPACK) against numpy and pymrio on the
# bundled OECD ICIO 2022 block (n = 4000): loading, the full Leontief inverse, and the
# look-through exposure of all US sectors to all sources. Prints ratios.
# Usage: Benchmarks/run-io.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
folder=Data/oecd-icio-2022

venv=.venv-bench
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import numpy, pandas, pymrio" 2>/dev/null || "$venv/bin/pip" install -q numpy pandas pymrio

scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product decouple-bench >/dev/null
bench=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/decouple-bench

results=$(mktemp)
"$bench" icio-load "$folder" "$runs" >>"$results"
"$bench" icio-leontief "$folder" "$runs" >>"$results"
"$bench" icio-exposure "$folder" "$runs" >>"$results"
"$venv/bin/python" Benchmarks/io_peers.py "$folder" "$runs" >>"$results"

python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by = {r["name"]: r for r in rows}
d = by["icio-exposure"]
print(f"OECD ICIO 2022 block, n = {d['rows']}; best of {d['runs']} runs")
print(f"OpenBLAS (Decouple): core {d['openblas_core']}, {d['threads']} threads, {d['openblas_config']}")
print(f"numpy {by['numpy.inv']['version']}: {by['numpy.inv'].get('blas', '')}")
print(f"{'step':<44}{'decouple':>10}{'peer':>10}{'ratio':>9}")
def line(label, ours, peer, target):
    o, p = by[ours]["best_seconds"], by[peer]["best_seconds"]
    print(f"{label:<44}{o:>9.3f}s{p:>9.3f}s{o / p:>8.2f}x   ({target})")
line("load Z + nodes (vs pandas.read_csv)", "icio-load", "pandas.read_csv", "time / peer")
line("full L = (I - A)^-1 (vs numpy inv)", "icio-leontief", "numpy.inv", "target <= 1.1x")
line("US look-through exposure (vs pymrio path)", "icio-exposure", "pymrio.exposure", "time / peer")
print(f"exposure: Decouple is {by['pymrio.exposure']['best_seconds'] / d['best_seconds']:.1f}x faster than pymrio's path (target >= 3x)")
print(f"load + US exposure table: {by['icio-load']['best_seconds'] + d['best_seconds']:.2f} s; peak RSS {max(r.get('peak_rss_mb', 0) for r in rows):.0f} MB")
print(f"checks: L[0,0] {by['icio-leontief']['check']:.12g} vs {by['numpy.inv']['check']:.12g}; "
      f"LT CHN->USA_C26 {d['check']:.12g} vs {by['pymrio.exposure']['check']:.12g}")
sys.path.insert(0, "Benchmarks")
import results
def rel(a, b): return abs(a - b) / max(abs(a), abs(b))
n = d["rows"]
results.record("io", "Benchmarks/run-io.sh", [
    {"task": f"ICIO block (n = {n}): read Z and the node list", "peer": f"pandas `read_csv`",
     "ratio": by["icio-load"]["best_seconds"] / by["pandas.read_csv"]["best_seconds"], "note": f"best of {d['runs']}", "check": "same table"},
    {"task": "full Leontief inverse (I − A)⁻¹", "peer": f"numpy {by['numpy.inv']['version']} `inv`",
     "ratio": by["icio-leontief"]["best_seconds"] / by["numpy.inv"]["best_seconds"], "note": f"best of {d['runs']}",
     "check": f"L[0,0] rel. diff {rel(by['icio-leontief']['check'], by['numpy.inv']['check']):.0e}"},
    {"task": "US look-through exposure to all sources, tiers 1–3 (A, LU, solve)", "peer": "pymrio's `calc_A`/`calc_L` path",
     "ratio": d["best_seconds"] / by["pymrio.exposure"]["best_seconds"], "note": f"best of {d['runs']}",
     "check": f"CHN→USA C26 rel. diff {rel(d['check'], by['pymrio.exposure']['check']):.0e}"},
], steps=rows)
PY
rm -f "$results"
