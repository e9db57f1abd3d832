#!/usr/bin/env bash
# Latency and throughput of `decouple serve` on loopback.
#
#   Benchmarks/serve-bench.sh [seconds-per-run]          (default 5)
#
# Builds the release binary (or uses $DECOUPLE_BIN), starts the server on a free loopback port,
# waits for the background warm-up, requests every endpoint once so its analysis is cached, then
# for each endpoint at 50 and 200 concurrent connections:
#   1. saturation, with wrk (closed loop, 2 threads): throughput, and p50/p90/p99 — at saturation
#      latency ≈ connections / throughput, whatever the server does;
#   2. latency at a fixed offered rate with 50 or 200 connections open, with serve_load.py (open
#      loop, Poisson arrivals): 1000 req/s, 100 req/s for the two ~1 MB documents (the Python
#      client cannot read faster). Target: p99 < 20 ms at 200 connections for cached analyses.
# wrk and the clients share the machine's cores with the server. Loopback only; bounded:
# 4 × endpoints runs of $1 seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-5}
command -v wrk >/dev/null || { echo "serve-bench: wrk not found (apt-get install -y wrk)"; exit 1; }
bin=${DECOUPLE_BIN:-}
if [ -z "$bin" ]; then
    swift build -c release --product decouple >/dev/null
    bin="$(swift build -c release --show-bin-path)/decouple"
fi
port=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
base="http://127.0.0.1:$port"
log=$(mktemp)
start_ns=$(date +%s%N)
"$bin" serve --host 127.0.0.1 --port "$port" 2>"$log" &
pid=$!
source scripts/lib/stop-server.sh   # (the working folder is the repository root)
trap 'status=$?; stop_server "$pid"; rm -f "$log"; exit "$status"' EXIT
until curl -fsS "$base/healthz" >/dev/null 2>&1; do sleep 0.01; done
echo "startup: /healthz answered $(( ($(date +%s%N) - start_ns) / 1000000 )) ms after launch"
for _ in $(seq 1 600); do grep -q "warm-up done" "$log" && break; sleep 0.1; done
grep "warm-up done" "$log" | sed 's/.*warm-up done/warm-up done/' || true

endpoints=(
    "/healthz"
    "/api/v1/report?reporter=USA&rival=CHN"
    "/api/v1/minerals"
    "/api/v1/policy?chain=semiconductors"
    "/api/v1/framework"
    "/api/v1/friendshoring?alliance=MSP&chain=batteries"
    "/"
)
for e in "${endpoints[@]}"; do
    t0=$(date +%s%N); bytes=$(curl -fsS "$base$e" | wc -c)
    printf 'first request %-52s %8d bytes %6d ms\n' "$e" "$bytes" $(( ($(date +%s%N) - t0) / 1000000 ))
done
echo
printf '%-52s %5s %9s %9s %9s %10s %8s\n' endpoint conns p50 p90 p99 req/s non2xx
for c in 50 200; do
    for e in "${endpoints[@]}"; do
        out=$(wrk -t2 -c"$c" -d"${secs}s" --latency "$base$e" 2>&1)
        p50=$(awk '/^ +50%/{print $2}' <<<"$out"); p90=$(awk '/^ +90%/{print $2}' <<<"$out"); p99=$(awk '/^ +99%/{print $2}' <<<"$out")
        rps=$(awk '/^Requests\/sec/{print $2}' <<<"$out")
        non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out"); errs=$(awk '/Socket errors/{print $0}' <<<"$out")
        printf '%-52s %5d %9s %9s %9s %10s %8s %s\n' "$e" "$c" "$p50" "$p90" "$p99" "$rps" "${non2xx:-0}" "$errs"
    done
done
echo
echo "open loop (Benchmarks/serve_load.py): latency with the connections open, server not saturated"
for c in 50 200; do
    for e in "${endpoints[@]}"; do
        case "$e" in /api/v1/report*|/api/v1/minerals*) rate=100;; *) rate=1000;; esac
        printf '%-52s %5s/s ' "$e" "$rate"
        python3 Benchmarks/serve_load.py "$base$e" --connections "$c" --rate "$rate" --duration "$secs"
    done
done
curl -fsS "$base/healthz" >/dev/null && echo "server still up"
