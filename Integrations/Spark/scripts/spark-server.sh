# Starting and stopping a loopback-only Spark Connect server (sourced by the Spark scripts).
# Needs spark-env.sh sourced first and pyspark installed in $SPARK_VENV.
#
#   spark_server_start PORT     starts it in the background from a scratch folder; sets
#                               SPARK_SERVER_PID, SPARK_SERVER_DIR, SPARK_SERVER_STARTED
#   spark_server_wait PORT SECS waits for the port; fails (never hangs) on timeout or death
#   spark_server_stop           stops it by PID (never fails: safe in an EXIT trap)

SPARK_SERVER_PID=""
SPARK_SERVER_DIR=""
SPARK_SERVER_STARTED=0

spark_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

spark_server_start() {
    local port="$1" spark_home
    if spark_port_open "$port"; then
        echo "spark: something already listens on 127.0.0.1:$port; set DECOUPLE_SPARK_PORT to a free port" >&2
        return 1
    fi
    spark_home="$("$SPARK_VENV/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
    SPARK_SERVER_DIR="$(mktemp -d "$SPARK_WORK/server.XXXXXX")"
    SPARK_SERVER_STARTED=$(date +%s)
    (
        cd "$SPARK_SERVER_DIR"
        exec env SPARK_HOME="$spark_home" "$spark_home/bin/spark-submit" \
            --class org.apache.spark.sql.connect.service.SparkConnectServer --name DecoupleSparkConnect \
            --master 'local[2]' --driver-memory "${DECOUPLE_SPARK_DRIVER_MEMORY:-4g}" \
            --conf spark.connect.grpc.binding.address=127.0.0.1 --conf "spark.connect.grpc.binding.port=$port" \
            --conf spark.ui.enabled=false --conf spark.driver.bindAddress=127.0.0.1 --conf spark.driver.host=127.0.0.1 \
            spark-internal
    ) > "$SPARK_SERVER_DIR/server.log" 2>&1 &
    SPARK_SERVER_PID=$!
    echo "spark: server starting (pid $SPARK_SERVER_PID, 127.0.0.1:$port, log $SPARK_SERVER_DIR/server.log)"
}

spark_server_wait() {
    local port="$1" timeout="$2"
    until spark_port_open "$port"; do
        if ! kill -0 "$SPARK_SERVER_PID" 2>/dev/null; then
            echo "spark: the server exited before listening:" >&2
            tail -30 "$SPARK_SERVER_DIR/server.log" >&2
            return 1
        fi
        if [ $(( $(date +%s) - SPARK_SERVER_STARTED )) -ge "$timeout" ]; then
            echo "spark: the server did not listen on 127.0.0.1:$port within $timeout s:" >&2
            tail -30 "$SPARK_SERVER_DIR/server.log" >&2
            return 1
        fi
        sleep 1
    done
    echo "spark: server listening $(( $(date +%s) - SPARK_SERVER_STARTED )) s after start"
}

spark_server_stop() {
    if [ -n "$SPARK_SERVER_PID" ]; then
        kill "$SPARK_SERVER_PID" 2>/dev/null || true
        local _
        for _ in $(seq 1 40); do
            kill -0 "$SPARK_SERVER_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$SPARK_SERVER_PID" 2>/dev/null || true
        echo "spark: server (pid $SPARK_SERVER_PID) stopped"
        SPARK_SERVER_PID=""
    fi
    if [ -n "$SPARK_SERVER_DIR" ]; then rm -rf "$SPARK_SERVER_DIR" || true; SPARK_SERVER_DIR=""; fi
    return 0
}
