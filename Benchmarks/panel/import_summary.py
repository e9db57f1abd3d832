"""Prints the import race (import_race.py's JSON on stdin) with its ratios and targets, and keeps
it as Benchmarks/results/import.json (Benchmarks/results.py) — only when the answers agree."""
import json
import sys

r = json.load(sys.stdin)
if not r["answers_agree"]:
    sys.exit("the answers differ, no ratio reported: " + json.dumps(r["checks"]))
t = r["seconds"]
print(f"BACI-format file, {r['rows']:,} rows, {r['file_bytes'] / 1e6:.0f} MB; {r['rounds']} rounds, whole processes, {r['cores']} cores")
diff = max(v for k, v in r["checks"].items() if k.endswith("diff"))
print(f"answers agree: rows, value and quantity totals (max rel. diff {diff:.1e}); one-thread and parallel stores identical")
polars, duck = r["versions"]["polars.2threads"], r["versions"]["duckdb"]
for name, label in [("decouple", "decouple data import baci (all cores)"),
                    ("decouple.1thread", "decouple data import baci --threads 1"),
                    ("decouple.replace", "decouple, replacing an existing store"),
                    ("polars.2threads", f"polars {polars['version']} read_csv, 2 threads"),
                    ("duckdb", f"duckdb {duck['version']} read_csv, {duck['threads']} threads")]:
    s = sorted(t[name])
    print(f"  {label:<46} median {s[len(s) // 2]:.2f} s, best {s[0]:.2f} s")
for key, target in [("decouple/polars.2threads", 0.6), ("decouple/duckdb", 0.5)]:
    x = r["ratios"][key]
    verdict = "met" if x["median"] <= target else "MISSED"
    print(f"{key}: median {x['median']:.2f}x, best/best {x['best_over_best']:.2f}x (target <= {target}x: {verdict})")
print(f"all cores / one thread: median {r['ratios']['decouple/decouple.1thread']['median']:.2f}x")

sys.path.insert(0, "Benchmarks")
import results  # noqa: E402

mb = r["file_bytes"] / 1e6
agree = f"rows, value and quantity totals (rel. diff ≤ {diff:.0e})"
rounds = f"median of {r['rounds']} rounds"


def median_ratio(a, b):
    xs = sorted(x / y for x, y in zip(t[a], t[b]))
    return xs[len(xs) // 2]


results.record("import", "Benchmarks/run-import.sh", [
    {"task": f"BACI import to a new store, {r['rows'] / 1e6:.0f} M rows ({mb:.0f} MB), whole process",
     "peer": f"polars {polars['version']} `read_csv`, 2 threads", "ratio": r["ratios"]["decouple/polars.2threads"]["median"],
     "note": rounds, "check": agree},
    {"task": "the same", "peer": f"DuckDB {duck['version']} `read_csv` into a table, {duck['threads']} threads",
     "ratio": r["ratios"]["decouple/duckdb"]["median"], "note": rounds, "check": agree},
    {"task": "the same, replacing an existing store (ext4 flushes on the rename)",
     "peer": f"polars {polars['version']} `read_csv`, 2 threads", "ratio": median_ratio("decouple.replace", "polars.2threads"),
     "note": rounds, "check": agree},
    {"task": "the same, all cores", "peer": "Decouple on one thread (`--threads 1`)",
     "ratio": r["ratios"]["decouple/decouple.1thread"]["median"], "note": rounds, "check": "store files byte-identical"},
], race=r)
