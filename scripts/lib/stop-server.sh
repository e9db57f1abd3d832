# Sourced by the scripts that start `decouple serve`: stop_server PID sends SIGTERM, waits up to
# 5 s, then SIGKILL. It never fails, so under `set -e` a cleanup trap cannot turn a passing run
# into a failing one (a `kill` of a server that already stopped returns 1).
stop_server() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
