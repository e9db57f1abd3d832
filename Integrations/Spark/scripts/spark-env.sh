# Shared settings of the Spark scripts (sourced, not run).
# The venv with pyspark (the Spark Connect server ships inside the wheel) lives outside the
# repository; .ci/run starts its installation early (install-pyspark.sh) so that the 491 MB
# download overlaps the main build.
SPARK_WORK="${DECOUPLE_SPARK_WORK:-${TMPDIR:-/tmp}/decouple-spark}"
SPARK_VENV="$SPARK_WORK/venv"
PYSPARK_VERSION="4.3.0"
PIP_LOG="$SPARK_WORK/pip-install.log"
PIP_DONE="$SPARK_WORK/pip-install.done"
PIP_PID="$SPARK_WORK/pip-install.pid"
