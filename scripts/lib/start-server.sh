# Sourced by the scripts that start `decouple serve` (the working folder is the repository root).
source scripts/lib/stop-server.sh

# The decouple executable: $DECOUPLE_BIN, else the debug build (built when needed).
decouple_binary() {
    if [ -n "${DECOUPLE_BIN:-}" ]; then echo "$DECOUPLE_BIN"; return; fi
    swift build --product decouple >/dev/null
    echo "$(swift build --show-bin-path)/decouple"
}

# $PORT, else a free loopback port.
free_port() {
    echo "${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
}

# wait_for_health NAME BASE PID [LOG]: waits up to 30 s for BASE/healthz; if the server exits or
# never answers, says so as NAME (with the end of LOG when given) and exits 1.
wait_for_health() {
    local name=$1 base=$2 pid=$3 log=${4:-}
    for _ in $(seq 1 1500); do
        curl -fsS "$base/healthz" >/dev/null 2>&1 && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            [ -n "$log" ] && tail -n 20 "$log"
            echo "$name: the server exited before answering /healthz"; exit 1
        fi
        sleep 0.02
    done
    [ -n "$log" ] && tail -n 20 "$log"
    echo "$name: no answer from /healthz after 30 s"; exit 1
}
