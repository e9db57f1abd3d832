"""Keeps what a benchmark measured as Benchmarks/results/NAME.json, for the README's benchmark
table (Benchmarks/readme_table.py regenerates it from these files; the README is never typed by
hand). Each row is one comparison: the task, the peer, Decouple's time divided by the peer's
(below 1: Decouple is faster) or, where there is no peer, a measured value, and how the
answers were checked to agree before the ratio was taken.

From Python:  results.record("import", "Benchmarks/run-import.sh", rows, raw=...)
From a shell: python3 Benchmarks/results.py NAME SCRIPT 'JSON rows'
"""
import datetime
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def record(name, script, rows, **raw):
    for row in rows:
        missing = {"task", "peer", "check"} - set(row)
        assert not missing, f"row {row} lacks {missing}"
        assert ("ratio" in row) != ("value" in row), f"row {row}: give a ratio or a value"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip()
    except OSError:
        commit = ""
    doc = {"name": name, "script": script, "measured": datetime.date.today().isoformat(), "commit": commit,
           "cores": os.cpu_count(), "rows": rows, "raw": raw}
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", name + ".json"), "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    record(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))
