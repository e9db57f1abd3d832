#!/usr/bin/env bash
# `decouple report` as a whole process on the bundled data (warm: the input–output cache built by
# a first, untimed run), against the same command built from a baseline commit, in one run:
# best and median of RUNS each, and the ratio. The two JSON documents are compared first.
# Usage: Benchmarks/run-report.sh [BASELINE-REF] [RUNS]       (default: 08ef090, the commit before #21; 5)
set -euo pipefail
cd "$(dirname "$0")/.."
base_ref=${1:-08ef090}
runs=${2:-5}
scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product decouple >/dev/null
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/decouple

# The baseline, built once in its own worktree (.build-baseline/<ref>).
tree=.build-baseline/$base_ref
if [ ! -x "$tree/.build/release/decouple" ]; then
    rm -rf "$tree"; mkdir -p .build-baseline
    git worktree add --force --detach "$tree" "$base_ref" >/dev/null
    (cd "$tree" && swift build -c release --product decouple >/dev/null)
fi
base="$tree/.build/release/decouple"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DECOUPLE_IO_CACHE="$work/io-tables" DECOUPLE_CACHE="$work/cache" DECOUPLE_DATA="$PWD/Data"

"$bin" report --format json --bundled-only >"$work/new.json"     # writes the cache (untimed)
"$base" report --format json --bundled-only >"$work/base.json"
# Same document: every string equal, every number within a relative 1e-12 (the exposure figures
# now come from the region multipliers and may differ in the last digits).
python3 - "$work/base.json" "$work/new.json" "$work/agree" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
worst, differing, problems = 0.0, 0, []
def walk(x, y, p):
    global worst, differing
    if isinstance(x, dict) and isinstance(y, dict) and set(x) == set(y):
        for k in x: walk(x[k], y[k], p + "/" + k)
    elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        for i, (u, v) in enumerate(zip(x, y)): walk(u, v, f"{p}[{i}]")
    elif isinstance(x, (int, float)) and isinstance(y, (int, float)) and not isinstance(x, bool):
        if x != y:
            differing += 1
            worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
    elif x != y:
        problems.append(p)
walk(a, b, "")
print(f"documents: equal strings and structure; {differing} numbers differ, by at most {worst:.1e} relative")
assert not problems and worst < 1e-12, problems[:5]
open(sys.argv[3], "w").write(f"{differing} {worst:.1e}")
PY

time_runs() {
    local ts=()
    for _ in $(seq 1 "$runs"); do
        local t0; t0=$(date +%s%N); "$@" >/dev/null; ts+=($(( ($(date +%s%N) - t0) / 1000000 )))
    done
    printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)]}'
}
read -r n_best n_med < <(time_runs "$bin" report --format json --bundled-only)
read -r b_best b_med < <(time_runs "$base" report --format json --bundled-only)
python3 - "$n_best" "$n_med" "$b_best" "$b_med" "$runs" "$base_ref" "$(cat "$work/agree")" <<'PY'
import sys
sys.path.insert(0, "Benchmarks")
import results
nb, nm, bb, bm, runs = (int(x) for x in sys.argv[1:6])
ref, (differing, worst) = sys.argv[6], sys.argv[7].split()
print(f"decouple report --format json, whole process (best of {runs}; median): {nb / bb:.2f}x the time of {ref} "
      f"(median {nm / bm:.2f}x; target <= 0.35x)")
results.record("report", "Benchmarks/run-report.sh", [
    {"task": "`decouple report --format json` on the bundled data, whole process, warm caches",
     "peer": f"the build of {ref} (before #21)", "ratio": nm / bm, "note": f"median of {runs}",
     "check": f"same document; {differing} numbers differ by ≤ {worst} relative"},
], seconds={"new_best_ms": nb, "new_median_ms": nm, "base_best_ms": bb, "base_median_ms": bm})
PY
