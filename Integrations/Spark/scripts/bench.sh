#!/usr/bin/env bash
# Benchmark: the same aggregations at 10 M rows on the local panel store and on Spark local[2]
# (CSV, and Parquet written by Spark), release build; prints times and the Spark/local ratio
# and saves them to Benchmarks/spark-bench-results.txt. Usage: bench.sh [ROWS] [REPEATS]
# Data, store and venv live in ${DECOUPLE_SPARK_WORK:-/tmp/decouple-spark} (≈ 0.5 GB of CSV).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/spark-run.sh"
rows="${1:-10000000}"
repeats="${2:-2}"
work="$SPARK_WORK/bench-$rows"
out="$repo/Benchmarks/spark-bench-results.txt"
mkdir -p "$work"

[ "$(cat "$PIP_DONE" 2>/dev/null)" = "0" ] || "$here/install-pyspark.sh"
csv="$work/BACI_HS17_Y2018_V202401b.csv"
if [ ! -f "$csv" ]; then
    t=$(date +%s)
    "$SPARK_VENV/bin/python" "$here/make-bench-data.py" "$work" "$rows"
    echo "bench: generated $rows rows ($(du -h "$csv" | cut -f1)) in $(( $(date +%s) - t )) s"
fi
spark_server_start "$port"
spark_swift_build -c release --product decouple-spark-bench
bin="$(swift build -c release --package-path "$pkg" --scratch-path "$scratch" --show-bin-path)"
spark_server_wait "$port" 180
{
    echo "# Spark vs local store: $rows rows of BACI-format CSV, $(date -u +%Y-%m-%d)"
    echo "# $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; Spark $("$SPARK_VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)') local[2], driver 4g; release build"
    echo "# best of $repeats runs each; 'first' includes Spark's warm-up. The local store is memory-mapped (warm page cache);"
    echo "# Spark parses its source on every query (no caching)."
    "$bin/decouple-spark-bench" "sc://127.0.0.1:$port" "$csv" "$work/country_codes_V202401b.csv" "$work/store.dpanel" "$work/parquet" "$repeats"
} | tee "$out.tmp"
mv "$out.tmp" "$out"
echo "bench: results in $out"
