#!/usr/bin/env python3
"""Export pymrio's test MRIO and the matrices pymrio computes from it, as CSV fixtures for
the Swift parity tests (Tests/DecoupleInputOutputTests/PymrioParityTests.swift).

Run once (the fixtures are committed); pymrio comes from PyPI in a venv:

    python3 -m venv .venv-bench && .venv-bench/bin/pip install pymrio
    .venv-bench/bin/python scripts/export_pymrio_fixtures.py

Inputs written: Z, Y, factor_inputs_F (value added), emissions_F.
pymrio's results written: x (calc_x = Z 1 + Y 1), A (Z x^-1), L ((I - A)^-1 by numpy inv),
B (x^-1 Z), G (x^-1 L x), and the multipliers M = S L of both extensions.
Every file is a labelled dense matrix: header `label,<column labels>`, one row per row label.
Node labels are `region_sector`. Numbers are written with repr() (shortest round-trip form),
so Swift reads exactly the doubles pymrio computed.
"""
import csv
import json
import os
import sys

import numpy as np
import pandas as pd
import pymrio

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "DecoupleInputOutputTests", "Fixtures", "pymrio-test")


def label(key):
    if isinstance(key, tuple):
        return "_".join(str(k) for k in key)
    return str(key)


def write(name, frame):
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    path = os.path.join(OUT, name + ".csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["label"] + [label(c) for c in frame.columns])
        values = frame.to_numpy(dtype=float)
        for key, row in zip(frame.index, values):
            w.writerow([label(key)] + [repr(float(v)) for v in row])
    print(f"wrote {path} {frame.shape}")


def main():
    os.makedirs(OUT, exist_ok=True)
    io = pymrio.load_test()
    io.calc_all(include_ghosh=True)
    write("Z", io.Z)
    write("Y", io.Y)
    write("factor_inputs_F", io.factor_inputs.F)
    write("emissions_F", io.emissions.F)
    write("x", io.x)
    write("A", io.A)
    write("L", io.L)
    write("B", io.B)
    write("G", io.G)
    write("factor_inputs_M", io.factor_inputs.M)
    write("emissions_M", io.emissions.M)
    meta = {
        "pymrio": pymrio.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "python": sys.version.split()[0],
        "system": "pymrio.load_test() (6 regions x 8 sectors), calc_all(include_ghosh=True)",
    }
    with open(os.path.join(OUT, "versions.json"), "w") as f:
        json.dump(meta, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
