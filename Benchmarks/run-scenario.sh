#!/usr/bin/env bash
# Scenario simulator benchmark: the input–output step (hypothetical extraction of CHN_C26's
# sales to the US + Ghosh propagation, one LU of I − A* on the 4000-node OECD ICIO 2022 block),
# Decouple (Swift + OpenBLAS/LAPACK) against the same computation in numpy/scipy. Prints the ratio.
# Usage: Benchmarks/run-scenario.sh [RUNS]   (needs python3 with numpy and scipy)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
folder=Data/oecd-icio-2022
scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product decouple-bench >/dev/null
bench=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/decouple-bench
results=$(mktemp)
"$bench" icio-extraction "$folder" "$runs" >>"$results"
python3 Benchmarks/scenario_numpy.py "$folder" "$runs" >>"$results"
python3 - "$results" <<'PY'
import json, sys
by = {r["name"]: r for r in (json.loads(l) for l in open(sys.argv[1]) if l.strip())}
d, p = by["icio-extraction"], by["numpy.extraction"]
print(f"OECD ICIO 2022 block, n = {d['rows']}; best of {d['runs']} runs")
print(f"extraction + Ghosh (one LU, two solves): decouple {d['best_seconds']:.3f}s, numpy/scipy {p['best_seconds']:.3f}s, ratio {d['best_seconds'] / p['best_seconds']:.2f}x")
print(f"checks: backward loss {d['backward']:.6f} vs {p['backward']:.6f}; forward loss {d['forward']:.6f} vs {p['forward']:.6f}")
PY
rm -f "$results"
