"""Writes the README's benchmark table from Benchmarks/results/*.json (what the benchmark
scripts recorded), between the markers <!-- benchmark-table:begin --> and
<!-- benchmark-table:end -->. With --check, changes nothing and fails when the README's table
is not the one the results give (CI runs this).

Usage: Benchmarks/readme_table.py [--check]
"""
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
README = os.path.join(HERE, "..", "README.md")
BEGIN, END = "<!-- benchmark-table:begin -->", "<!-- benchmark-table:end -->"
ORDER = ["import", "panel", "dots", "io", "blas-threads", "exposure", "report"]


def table():
    docs = [json.load(open(p)) for p in glob.glob(os.path.join(HERE, "results", "*.json"))]
    docs.sort(key=lambda d: (ORDER.index(d["name"]) if d["name"] in ORDER else len(ORDER), d["name"]))
    lines = [
        "| Task | Compared with | Decouple's time ÷ the peer's | Answers checked | Script (measured) |",
        "|---|---|---:|---|---|",
    ]
    for d in docs:
        for row in d["rows"]:
            result = f"**{row['ratio']:.2f}×**" if "ratio" in row else row["value"]
            if row.get("note"):
                result += f" ({row['note']})"
            lines.append(f"| {row['task']} | {row['peer']} | {result} | {row['check']} | "
                         f"`{d['script']}` ({d['measured']}, {d['commit']}, {d['cores']} cores) |")
    return "\n".join(lines)


def main():
    text = open(README, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        sys.exit(f"README.md has no {BEGIN} … {END} markers")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{BEGIN}\n{table()}\n{END}{tail}"
    if "--check" in sys.argv:
        if new != text:
            sys.exit("README.md's benchmark table differs from Benchmarks/results/*.json: run Benchmarks/readme_table.py")
        print("README benchmark table matches Benchmarks/results/*.json")
        return
    with open(README, "w", encoding="utf-8") as fh:
        fh.write(new)


main()
