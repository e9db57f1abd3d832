"""Prints the import race (import_race.py's JSON on stdin) with its ratios and targets, and keeps
it as Benchmarks/results/import.json — only when the answers agree."""
import json
import sys

r = json.load(sys.stdin)
if not r["answers_agree"]:
    sys.exit("the answers differ, no ratio reported: " + json.dumps(r["checks"]))
with open("Benchmarks/results/import.json", "w") as fh:
    json.dump(r, fh, indent=1)
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
