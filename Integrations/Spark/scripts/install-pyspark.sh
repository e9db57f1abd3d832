#!/usr/bin/env bash
# Installs pyspark (with the Spark Connect server jars) into a venv outside the repository.
# Writes the exit status to $PIP_DONE when finished, so a caller can start it in the
# background and wait for it later (integration-test.sh does).
set -uo pipefail
. "$(dirname "$0")/spark-env.sh"
mkdir -p "$SPARK_WORK"
exec > >(tee "$PIP_LOG") 2>&1
rm -f "$PIP_DONE"
echo $$ > "$PIP_PID"
status=0
if [ -x "$SPARK_VENV/bin/python" ] && "$SPARK_VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    echo "pyspark $PYSPARK_VERSION already installed in $SPARK_VENV"
else
    start=$(date +%s)
    { python3 -m venv "$SPARK_VENV" && "$SPARK_VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION"; } || status=$?
    echo "pip install pyspark==$PYSPARK_VERSION: exit $status after $(( $(date +%s) - start )) s"
fi
echo "$status" > "$PIP_DONE"
exit "$status"
