#!/usr/bin/env bash
# Browser test of the dashboard: starts `decouple serve` on a free loopback port, loads every
# page in headless Chromium (Debian's `chromium`), saves a screenshot of each to a folder,
# checks that each screenshot and rendered DOM are non-empty (and the DOM has its charts), checks
# that a few API documents equal the CLI's `--format json`, then stops the server with SIGTERM
# and checks that it shut down cleanly.
#
#   scripts/browser-test.sh [screenshot-folder]      (default: .build-screenshots/)
#
# Environment: DECOUPLE_BIN (default: the debug build, built if missing), PORT (default: a
# free port), CHROMIUM (default: chromium). Skips, exit 0, when Chromium is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-.build-screenshots}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ] || ! [ -x "$chromium" ]; then
    echo "browser-test: chromium not found, skipping the browser test (install it with: apt-get install -y chromium)"
    exit 0
fi

bin=${DECOUPLE_BIN:-}
if [ -z "$bin" ]; then
    swift build --product decouple >/dev/null
    bin="$(swift build --show-bin-path)/decouple"
fi
port=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
base="http://127.0.0.1:$port"
mkdir -p "$out"
rm -rf "$out"/*.png "$out"/*.html "$out/report-sections"
log="$out/server.log"
profile=$(mktemp -d)

server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$profile"
}
trap cleanup EXIT

start_ns=$(date +%s%N)
"$bin" serve --host 127.0.0.1 --port "$port" 2>"$log" &
server_pid=$!
for _ in $(seq 1 200); do
    if curl -fsS "$base/healthz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "browser-test: the server exited:"; cat "$log"; exit 1; fi
    sleep 0.02
done
curl -fsS "$base/healthz" >/dev/null || { echo "browser-test: the server did not answer /healthz"; cat "$log"; exit 1; }
echo "browser-test: server on $base answered /healthz $(( ($(date +%s%N) - start_ns) / 1000000 )) ms after start"
# Issue #20 item 14: a browser asking for a page while it is computed gets, within about two
# seconds, a "computing…" page that reloads itself (202), never a hanging request.
first=$(curl -s -o "$out/first-request.html" -w '%{http_code} %{time_total}' -H 'Accept: text/html' "$base/" || true)
echo "browser-test: first page request, cold: status and seconds $first$(grep -q decouple-computing "$out/first-request.html" && echo ' (the computing page)')"
# The warm-up renders every page the overview links to; wait for it (at most 5 minutes).
for _ in $(seq 1 1500); do grep -q 'warm-up done\|warm-up failed' "$log" && break; sleep 0.2; done
echo "browser-test: $(grep 'warm-up done' "$log" | head -1)"
grep -q 'warm-up done' "$log" || { echo "browser-test: the warm-up did not finish"; cat "$log"; exit 1; }

pages=(
    "overview|/"
    "trend|/trend"
    "trend-jpn|/trend?reporter=JPN&rival=CHN"
    "minerals|/minerals"
    "minerals-lithium|/minerals?mineral=lithium"
    "exposure|/exposure"
    "exposure-jpn|/exposure?importer=JPN&source=CHN"
    "exposure-c26|/exposure?sector=C26&tiers=6"
    "scenarios|/scenarios"
    "scenarios-battery-ban|/scenarios?example=battery-ban"
    "framework|/framework"
    "framework-semiconductors|/framework?chain=semiconductors"
    "policy|/policy"
    "alliances|/alliances"
    "alliances-msp|/alliances?alliance=MSP"
    "ira|/ira"
    "ira-example|/ira?example=true"
    "api|/api"
)
failures=0
# Pages the warm-up does not cover (other pairs and options) are rendered first by a tool request,
# which waits for the page, so that the screenshots show pages, not the "computing…" page.
for entry in "${pages[@]}"; do
    path=${entry#*|}
    t0=$(date +%s%N)
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 300 "$base$path" || true)
    printf 'browser-test: rendered %-40s %s in %5d ms\n' "$path" "$code" $(( ($(date +%s%N) - t0) / 1000000 ))
done
for entry in "${pages[@]}"; do
    name=${entry%%|*}; path=${entry#*|}
    t0=$(date +%s%N)
    timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --user-data-dir="$profile" --window-size=1280,2400 --virtual-time-budget=2000 \
        --screenshot="$out/$name.png" "$base$path" >/dev/null 2>&1 || true
    timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
        --virtual-time-budget=2000 --dump-dom "$base$path" > "$out/$name.html" 2>/dev/null || true
    size=$(stat -c %s "$out/$name.png" 2>/dev/null || echo 0)
    dom=$(stat -c %s "$out/$name.html" 2>/dev/null || echo 0)
    ok=yes
    [ "$size" -gt 20000 ] || ok="no (screenshot $size bytes)"
    [ "$dom" -gt 1000 ] || ok="no (DOM $dom bytes)"
    grep -q 'aria-current="page"' "$out/$name.html" || ok="no (no navigation in the DOM)"
    case "$name" in exposure|exposure-jpn|ira|api) ;; *) grep -q '<svg' "$out/$name.html" || ok="no (no chart in the DOM)";; esac
    printf 'browser-test: %-26s %-40s %7d bytes  %5d ms  %s\n' "$name" "$path" "$size" $(( ($(date +%s%N) - t0) / 1000000 )) "$ok"
    [ "$ok" = yes ] || failures=$((failures + 1))
done

# Layout (issue #20): in every page above and in the HTML report, no table overflows its
# container and no SVG text leaves its chart (checked in the DOM through the DevTools protocol).
"$bin" report --format html --out "$out/report" --bundled-only >/dev/null 2>&1 || true
timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$profile" --window-size=1280,3000 --screenshot="$out/report-top.png" \
    "file://$(cd "$out" && pwd)/report/index.html" >/dev/null 2>&1 || true
layout_urls=("file://$(cd "$out" && pwd)/report/index.html")
for entry in "${pages[@]}"; do layout_urls+=("$base${entry#*|}"); done
# The check can fail: a planted page with an overflowing table and a label outside its chart.
cat > "$out/planted.html" <<'HTML'
<!DOCTYPE html><html><body><p>Planted layout faults for the layout check's own test: a table wider than its container and a chart label outside the chart's view box. This text makes the page long enough to count as loaded.</p>
<div class="table" style="width:200px;overflow-x:auto"><table style="width:900px"><caption>planted</caption><tr><td>x</td></tr></table></div>
<svg viewBox="0 0 100 50" width="100" height="50"><text x="90" y="20">outside the chart</text></svg></body></html>
HTML
if timeout 120 python3 scripts/layout-check.py "$chromium" "file://$(cd "$out" && pwd)/planted.html" >/dev/null; then
    echo "browser-test: layout check missed the planted faults   FAILED"; failures=$((failures + 1))
else
    echo "browser-test: layout check finds the planted faults    ok"
fi
# Every section of the report is also saved as a screenshot (report-sections/index--<id>.png).
if timeout 600 python3 scripts/layout-check.py --shots "$out/report-sections" "$chromium" "${layout_urls[@]}"; then
    echo "browser-test: layout: tables fit, chart text inside its charts   ok"
else
    echo "browser-test: layout FAILED (see the lines above)"; failures=$((failures + 1))
fi

# Minerals: the lithium reliance chart draws USGS bounds (">25", ">50") as bounds — open markers
# with an arrow and a legend entry, no line through them — and its legend lists only the series
# drawn (nothing is recomputable for MCS 2024 lithium). The chart is cut out of the DOM and
# screenshotted on its own.
lithium_dom="$out/minerals-lithium.html"
python3 - "$lithium_dom" "$out/lithium-reliance.svg" <<'PY' || true
import re, sys
dom = open(sys.argv[1], encoding="utf-8", errors="replace").read()
charts = re.findall(r"<svg\b.*?</svg>", dom, flags=re.S)
chart = next((c for c in charts if "net import reliance" in c and "data-bound" in c), "")
open(sys.argv[2], "w", encoding="utf-8").write(chart)
PY
bounds=$(grep -o 'data-bound="above"' "$out/lithium-reliance.svg" 2>/dev/null | wc -l)
if [ "$bounds" -ge 5 ] && grep -q 'legend-bound' "$out/lithium-reliance.svg" \
    && ! grep -q '>Recomputed<' "$out/lithium-reliance.svg" && ! grep -q 'stroke-linejoin="round"' "$out/lithium-reliance.svg"; then
    timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --user-data-dir="$profile" --window-size=780,380 --screenshot="$out/lithium-reliance.png" \
        "file://$(cd "$out" && pwd)/lithium-reliance.svg" >/dev/null 2>&1 || true
    size=$(stat -c %s "$out/lithium-reliance.png" 2>/dev/null || echo 0)
    if [ "$size" -gt 5000 ]; then
        echo "browser-test: lithium chart: $bounds bounds drawn as open markers with arrows, legend entry, no line   ok ($size bytes)"
    else
        echo "browser-test: lithium chart screenshot FAILED ($size bytes)"; failures=$((failures + 1))
    fi
else
    echo "browser-test: lithium chart FAILED (bounds: $bounds; needs 5 open markers, a legend entry, no line, no empty series)"
    failures=$((failures + 1))
fi

# IRA: the upload form posts a BOM and shows the steps (multipart, as the browser sends it).
ira_page=$(curl -fsS -H 'Accept: text/html' -F "bom=<Data/policy/examples/bom-example.json" -F "date=" "$base/ira" || true)
if grep -q 'id="result"' <<<"$ira_page"; then
    echo "browser-test: IRA form post                 ok"
else
    echo "browser-test: IRA form post                 FAILED"; failures=$((failures + 1))
fi

# The API answers with the CLI's documents.
check_same() {
    local what=$1 url=$2; shift 2
    if diff <(curl -fsS "$base$url") <("$bin" "$@" 2>/dev/null) >/dev/null; then
        printf 'browser-test: API = CLI  %-52s ok\n' "$url"
    else
        printf 'browser-test: API = CLI  %-52s DIFFERS (%s)\n' "$url" "$what"; failures=$((failures + 1))
    fi
}
check_same minerals "/api/v1/minerals?mineral=lithium" minerals --mineral lithium --format json
check_same policy "/api/v1/policy?chain=semiconductors" policy list --chain semiconductors --format json
check_same alliances "/api/v1/alliances?at=2024-01-01&table4=true" alliances --at 2024-01-01 --table4 --format json
check_same framework "/api/v1/framework?chain=batteries" framework --chain batteries --format json
check_same friendshoring "/api/v1/friendshoring?alliance=MSP&chain=batteries" friendshoring --alliance MSP --chain batteries --format json
check_same report "/api/v1/report?reporter=USA&rival=CHN" report --reporter USA --rival CHN --no-html --format json
check_same exposure "/api/v1/exposure?sector=C26" exposure --sector C26 --format json
check_same scenario "/api/v1/scenario?example=gallium-export-cut" scenario run Data/scenarios/gallium-export-cut.json --format json

# A bad request does not take the server down.
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/report?reporter=../../etc/passwd")
[ "$code" = 400 ] || { echo "browser-test: path-like parameter answered $code"; failures=$((failures + 1)); }

# Graceful shutdown on SIGTERM.
kill -TERM "$server_pid"
t0=$(date +%s%N)
for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$server_pid" 2>/dev/null; then
    echo "browser-test: server still running 10 s after SIGTERM; killing it"; kill -KILL "$server_pid"; failures=$((failures + 1))
    wait "$server_pid" 2>/dev/null || true
elif wait "$server_pid"; then
    echo "browser-test: server stopped on SIGTERM in $(( ($(date +%s%N) - t0) / 1000000 )) ms (exit 0)"
else
    echo "browser-test: server exited with status $? on SIGTERM"; failures=$((failures + 1))
fi
server_pid=""
echo "browser-test: screenshots in $out/ ($(ls "$out"/*.png | wc -l) files)"
[ "$failures" -eq 0 ] || { echo "browser-test: $failures check(s) failed"; exit 1; }
