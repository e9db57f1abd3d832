#!/usr/bin/env bash
# Import benchmark (#21 item 3): `decouple data import baci` as a whole process — the plain file
# memory-mapped and parsed on every core, then sorted and written — against polars read_csv on
# 2 threads and DuckDB read_csv (default threads), each its own process, in rotating order, on
# the same generated BACI-format file (10 M rows by default, .bench-data/panel/, not committed).
# The answers are compared first (rows, value and quantity totals; the one-thread and the
# parallel store byte for byte); the ratios are printed and kept in Benchmarks/results/import.json.
# Usage: Benchmarks/run-import.sh [ROWS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
rounds=${2:-5}
peers="polars duckdb"
. Benchmarks/panel/baci-data.sh

swift build -c release --product decouple >/dev/null
swift build -c release --product panel-bench >/dev/null
bin=$(swift build -c release --show-bin-path)

mkdir -p Benchmarks/results
result=$("$venv/bin/python" Benchmarks/panel/import_race.py "$bin/decouple" "$bin/panel-bench" "$venv/bin/python" "$file" .bench-data/import "$rounds")
rm -rf .bench-data/import
echo "$result" | python3 Benchmarks/panel/import_summary.py
