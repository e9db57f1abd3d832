#!/usr/bin/env bash
# BLAS threads (#21 item 4): the LU, the region solves and the multiplier product on the ICIO
# 2022 block (n = 4000) and its leading sub-blocks (n = 100 … 2000) with OpenBLAS on 1 thread and
# on every core (wall and CPU time), then `decouple exposure` cold (no input–output cache) as a
# whole process with one BLAS thread against Decouple's choice (BLASThreads: every core from
# order 500). The two answers are compared before a ratio is printed; the results are kept in
# Benchmarks/results/blas-threads.json.
# Usage: Benchmarks/run-blas-threads.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product decouple-bench >/dev/null
swift build -c release --scratch-path "$scratch" --product decouple >/dev/null
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin/decouple-bench" blas-threads Data/oecd-icio-2022 "$runs" >"$work/steps.jsonl"
for r in $(seq "$runs"); do
    for mode in one auto; do
        t0=$(date +%s%N)
        if [ "$mode" = one ]; then
            DECOUPLE_IO_CACHE=off DECOUPLE_BLAS_THREADS=1 "$bin/decouple" exposure --format csv >"$work/$mode.csv"
        else
            DECOUPLE_IO_CACHE=off "$bin/decouple" exposure --format csv >"$work/$mode.csv"
        fi
        echo "$mode $(( $(date +%s%N) - t0 ))" >>"$work/times"
    done
done
mkdir -p Benchmarks/results
python3 - "$work" "$runs" <<'PY'
import csv, json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
steps = [json.loads(l) for l in open(f"{work}/steps.jsonl") if l.strip()]
one = list(csv.DictReader(open(f"{work}/one.csv")))
auto = list(csv.DictReader(open(f"{work}/auto.csv")))
worst = 0.0
for a, b in zip(one, auto):
    assert a["sector"] == b["sector"]
    for k in a:
        try:
            x, y = float(a[k]), float(b[k])
        except ValueError:
            assert a[k] == b[k], (k, a[k], b[k])
            continue
        worst = max(worst, abs(x - y) / max(abs(x), abs(y), 1e-300))
assert len(one) == len(auto) and worst < 1e-10, f"the answers differ ({worst})"
times = {"one": [], "auto": []}
for line in open(f"{work}/times"):
    mode, ns = line.split()
    times[mode].append(int(ns) / 1e9)
ratio = statistics.median(a / o for a, o in zip(times["auto"], times["one"]))
result = {"name": "blas-threads", "runs": runs, "cores": steps[0]["cores"], "steps": steps,
          "exposure_cold_seconds": times, "exposure_cold_auto_over_one": ratio, "answers_max_rel_diff": worst}
print(f"OpenBLAS on {steps[0]['cores']} cores against 1 thread (best of {runs}; wall ratio, CPU ratio):")
print(f"{'n':>6}{'LU':>16}{'solves (81)':>16}{'(81 x n)(n x n)':>18}")
for n in sorted({s["n"] for s in steps}):
    row = {s["step"]: s for s in steps if s["n"] == n}
    cells = [f"{row[k]['wall_all'] / row[k]['wall_1']:.2f}x / {row[k]['cpu_all'] / row[k]['cpu_1']:.2f}x" for k in ("lu", "solve", "gemm")]
    print(f"{n:>6}{cells[0]:>16}{cells[1]:>16}{cells[2]:>18}")
print(f"decouple exposure, cold (no cache), whole process: Decouple's choice {statistics.median(times['auto']):.2f} s, "
      f"1 BLAS thread {statistics.median(times['one']):.2f} s (median ratio {ratio:.2f}x); answers agree to {worst:.1e}")
sys.path.insert(0, "Benchmarks")
import results
lu = next(s for s in steps if s["n"] == 4000 and s["step"] == "lu")
results.record("blas-threads", "Benchmarks/run-blas-threads.sh", [
    {"task": "LU of I − A, ICIO block (n = 4000), OpenBLAS on every core", "peer": "the same on 1 thread",
     "ratio": lu["wall_all"] / lu["wall_1"], "note": f"best of {runs}; CPU {lu['cpu_all'] / lu['cpu_1']:.2f}×", "check": "same LAPACK call"},
    {"task": "`decouple exposure` without its cache, whole process, BLAS threads by matrix order",
     "peer": "the same with 1 BLAS thread", "ratio": ratio, "note": f"median of {runs}", "check": f"CSV equal to {worst:.0e}"},
], result=result)
PY
