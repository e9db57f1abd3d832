#!/usr/bin/env bash
# Spark integration test (run by .ci/run after the main tests; needs Java 17+ and PyPI).
#
#  a. pyspark into a venv outside the repository (waits for the background install that
#     .ci/run started, or installs now);
#  b. a Spark Connect server from a scratch folder, bound to 127.0.0.1 only, UI off,
#     local[2], started while the Spark package builds;
#  c. the Spark package's tests with DECOUPLE_SPARK_URL set (the integration tests compare the
#     local engine and Spark on a generated BACI file and the US Comtrade files in ../shared);
#  d. CLI checks: `decouple dependence` and `decouple report --format json` with --engine local
#     (a store) and --engine spark give the same documents;
#  e. the server is stopped by its PID whatever happened, without changing the exit status.
#
# The build shares the main package's scratch folder (<repo>/.build), so the modules that
# `swift test` of the main package built are reused: only gRPC and this package compile.
# Env: DECOUPLE_SPARK_PORT (15002), DECOUPLE_SPARK_START_TIMEOUT (180 s),
#      DECOUPLE_SPARK_SCRATCH (<repo>/.build), DECOUPLE_SPARK_WORK (${TMPDIR:-/tmp}/decouple-spark).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/spark-run.sh"
start_timeout="${DECOUPLE_SPARK_START_TIMEOUT:-180}"
t_all=$(date +%s)
elapsed() { echo $(( $(date +%s) - $1 )); }

# a. pyspark
t=$(date +%s)
if [ ! -f "$PIP_DONE" ] && [ -f "$PIP_PID" ] && kill -0 "$(cat "$PIP_PID")" 2>/dev/null; then
    echo "spark: waiting for the pyspark install that .ci/run started (pid $(cat "$PIP_PID"))"
    waited=0
    while [ ! -f "$PIP_DONE" ] && kill -0 "$(cat "$PIP_PID")" 2>/dev/null; do
        if [ "$waited" -ge 1200 ]; then echo "spark: pip install still running after 1200 s" >&2; exit 1; fi
        sleep 2; waited=$((waited + 2))
    done
fi
if [ ! -f "$PIP_DONE" ] || [ "$(cat "$PIP_DONE")" != "0" ]; then
    "$here/install-pyspark.sh" || true
fi
if [ "$(cat "$PIP_DONE" 2>/dev/null)" != "0" ]; then
    echo "spark: pyspark install failed:" >&2; tail -20 "$PIP_LOG" >&2; exit 1
fi
if ! command -v java > /dev/null; then
    echo "spark: no java: installing Debian's openjdk-17-jre-headless"
    apt-get install -y -qq openjdk-17-jre-headless > /dev/null
fi
echo "spark: $(tail -1 "$PIP_LOG"); ready after waiting $(elapsed "$t") s here"

# b. the server, in the background
spark_server_start "$port"

# c. build while the server starts, then wait for the port (with a timeout), then test
t=$(date +%s)
# Resolve first (this package's dependencies are not in the main package's workspace state),
# then build everything with the same flags as the main package's `swift test`, whose modules
# are reused; `swift test` afterwards only checks that the build is up to date.
swift package resolve --package-path "$pkg" --scratch-path "$scratch"
spark_swift_build --build-tests
bin="$(swift build --package-path "$pkg" --scratch-path "$scratch" --show-bin-path)"
echo "spark: package built in $(elapsed "$t") s"
[ -x "$bin/decouple-spark" ] || { echo "spark: the build did not produce $bin/decouple-spark" >&2; exit 1; }
spark_server_wait "$port" "$start_timeout"

t=$(date +%s)
DECOUPLE_SPARK_URL="sc://127.0.0.1:$port" swift test --package-path "$pkg" --scratch-path "$scratch"
echo "spark: tests ran in $(elapsed "$t") s"

# d. CLI check: the same JSON from both engines
t=$(date +%s)
cli="$SPARK_WORK/cli"
rm -rf "$cli" && mkdir -p "$cli"
"$SPARK_VENV/bin/python" "$here/make-baci-sample.py" "$cli" 16000 2
"$bin/decouple-spark" data import baci "$cli/BACI_HS17_Y2021_V202401b.csv" --countries "$cli/country_codes_V202401b.csv" \
    --edition HS17 --out "$cli/sample.dpanel" > /dev/null
common=(dependence --reporter USA --rival CHN --codes 85,2603 --top 3 --format json)
"$bin/decouple-spark" "${common[@]}" --store "$cli/sample.dpanel" > "$cli/local.json"
"$bin/decouple-spark" "${common[@]}" --engine spark --spark "sc://127.0.0.1:$port" \
    --spark-source "$cli/BACI_HS17_Y2021_V202401b.csv" --spark-layout baci --spark-edition HS17 \
    --baci-country-codes "$cli/country_codes_V202401b.csv" > "$cli/spark.json"
"$SPARK_VENV/bin/python" "$here/compare-json.py" "$cli/local.json" "$cli/spark.json"
# The main job on a panel: `decouple report --store` and `--engine spark` give the same document
# (the sources' retrieval line names the engine, so `sources` is compared by the figures' ids only).
report=(report --reporter USA --rival CHN --no-html --format json)
"$bin/decouple-spark" "${report[@]}" --store "$cli/sample.dpanel" > "$cli/report-local.json"
"$bin/decouple-spark" "${report[@]}" --engine spark --spark "sc://127.0.0.1:$port" \
    --spark-source "$cli/BACI_HS17_Y2021_V202401b.csv" --spark-layout baci --spark-edition HS17 \
    --baci-country-codes "$cli/country_codes_V202401b.csv" > "$cli/report-spark.json"
"$SPARK_VENV/bin/python" "$here/compare-json.py" --ignore sources --nonempty sections "$cli/report-local.json" "$cli/report-spark.json"
nikhilm="$repo/../shared/data/comtrade-us-partner-hs6-nikhilm/converted-csv"
if [ -f "$nikhilm/us_china.csv.gz" ]; then
    files=("$nikhilm"/us_china*.csv.gz "$nikhilm"/us_mexico*.csv.gz "$nikhilm"/us_vietnam*.csv.gz)
    "$bin/decouple-spark" data import comtrade "${files[@]}" --out "$cli/comtrade.dpanel" > /dev/null
    common=(dependence --reporter USA --rival CHN --codes 8507,8541,2846 --top 3 --format json)
    "$bin/decouple-spark" "${common[@]}" --store "$cli/comtrade.dpanel" > "$cli/local-comtrade.json"
    "$bin/decouple-spark" "${common[@]}" --engine spark --spark "sc://127.0.0.1:$port" \
        --spark-source "$nikhilm/us_{china,mexico,vietnam}*.csv.gz" --spark-layout comtrade > "$cli/spark-comtrade.json"
    "$SPARK_VENV/bin/python" "$here/compare-json.py" --ignore provenance "$cli/local-comtrade.json" "$cli/spark-comtrade.json"
else
    echo "spark: ../shared/data is absent: the Comtrade CLI check is skipped"
fi
echo "spark: CLI check passed in $(elapsed "$t") s"
echo "spark: integration test passed in $(elapsed "$t_all") s"
