#!/usr/bin/env bash
# A short load test of `decouple serve` on loopback: wrk at 50 connections for 2 s on the main
# endpoints; fails if any request errors or answers non-2xx, or if the server is down afterwards.
# Skips (exit 0) when wrk is not installed. The full measurement is Benchmarks/serve-bench.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "load-test: wrk not found, skipping (apt-get install -y wrk)"; exit 0; }
source scripts/lib/start-server.sh   # (the working folder is the repository root)
bin=$(decouple_binary)
port=$(free_port)
base="http://127.0.0.1:$port"
"$bin" serve --host 127.0.0.1 --port "$port" --no-warm-up 2>/dev/null &
pid=$!
trap 'status=$?; stop_server "$pid"; exit "$status"' EXIT
wait_for_health load-test "$base" "$pid"
failed=0
for e in "/api/v1/report" "/api/v1/minerals" "/api/v1/policy" "/api/v1/alliances" "/minerals"; do
    curl -fsS "$base$e" >/dev/null   # compute once
    out=$(wrk -t2 -c50 -d2s --latency "$base$e" 2>&1)
    printf 'load-test: %-22s %s req/s, p99 %s\n' "$e" "$(awk '/^Requests\/sec/{print $2}' <<<"$out")" "$(awk '/^ +99%/{print $2}' <<<"$out")"
    if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "$out"; failed=1; fi
done
curl -fsS "$base/healthz" >/dev/null || { echo "load-test: server down after the load"; exit 1; }
[ "$failed" -eq 0 ] || { echo "load-test: errors under load"; exit 1; }
echo "load-test: ok"
