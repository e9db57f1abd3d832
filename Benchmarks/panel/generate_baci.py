"""Writes a BACI-format release for the panel benchmarks (not real data): a country file in the
2024 layout (BACI's own codes 842, 251, 579, 699, 757, 490/S19 included) and one trade file of
t,i,j,k,v,q rows sorted like BACI's (t, i, j, k), with BACI's number formats (v, q with three
decimals, q sometimes NA). Deterministic (seeded).

Usage: generate_baci.py OUT_FOLDER [ROWS] [YEARS]   (default 10,000,000 rows over 5 years)
"""
import os
import sys

import numpy as np

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
years = int(sys.argv[3]) if len(sys.argv) > 3 else 5
os.makedirs(out, exist_ok=True)
here = os.path.dirname(os.path.abspath(__file__))

# Economies of Decouple's country table (code, numeric), with BACI's numeric conventions.
table = os.path.join(here, "..", "..", "Sources", "DecoupleCore", "CountryTable+Data.swift")
economies = []
for line in open(table, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) == 7 and f[6] == "economy" and f[2].isdigit():
        economies.append((f[0], int(f[2])))
baci_numeric = {"USA": 842, "FRA": 251, "NOR": 579, "IND": 699, "CHE": 757, "TWN": 490}
numeric = dict(economies)
chosen = sorted(set([iso3 for iso3, _ in sorted(economies)[:224]] + ["USA", "CHN", "DEU", "VNM", "MEX", "TWN", "FRA", "IND"]))
countries = [(baci_numeric.get(iso3, numeric[iso3]), "S19" if iso3 == "TWN" else iso3) for iso3 in chosen]
with open(os.path.join(out, "country_codes_V202401b.csv"), "w", encoding="utf-8") as fh:
    fh.write("country_code,country_name,country_iso2,country_iso3\n")
    for num, iso3 in sorted(countries):
        fh.write(f"{num},Country {iso3},,{iso3}\n")

rng = np.random.default_rng(2024)
n_c = len(countries)
codes = np.array(sorted(num for num, _ in countries), dtype=np.int64)
# 5,000 HS6-like products, including strategic lines used by the taxonomy.
products = set(rng.choice(np.arange(10110, 970600), size=5200, replace=False).tolist())
products.update([850760, 854140, 854142, 854143, 811292, 282200, 280530, 850440, 854231])
products = np.array(sorted(products)[:5000], dtype=np.int64)
n_p = len(products)

path = os.path.join(out, "BACI_HS17_Y2018-2022_V202401b.csv")
per_year = rows // years
with open(path, "w", encoding="utf-8") as fh:
    fh.write("t,i,j,k,v,q\n")
    for y in range(years):
        # Distinct (i, j, k) triples: exporters skewed towards a few large economies.
        want = per_year
        picked = np.empty(0, dtype=np.int64)
        while len(picked) < want:
            n = int((want - len(picked)) * 1.1) + 1000
            i = np.minimum((rng.pareto(1.2, n) * 8).astype(np.int64), n_c - 1)
            j = rng.integers(0, n_c, n)
            k = np.minimum((rng.pareto(0.8, n) * 400).astype(np.int64), n_p - 1)
            keep = i != j
            flat = (i[keep] * n_c + j[keep]) * n_p + k[keep]
            picked = np.unique(np.concatenate([picked, flat]))
        picked = np.sort(rng.choice(picked, size=want, replace=False))
        i, rest = np.divmod(picked, n_c * n_p)
        j, k = np.divmod(rest, n_p)
        v = np.round(rng.lognormal(2.0, 2.5, want), 3)
        q = np.round(v * rng.lognormal(-1.0, 1.0, want), 3)
        t = 2018 + y
        lines = []
        qs = np.where(rng.random(want) < 0.03, "NA", np.char.mod("%.3f", q))
        block = np.char.add(np.char.add(np.char.add(np.char.add(np.char.add(
            np.char.mod(f"{t},%d,", codes[i]), np.char.mod("%d,", codes[j])),
            np.char.mod("%06d,", products[k])), np.char.mod("%.3f", v)), ","), qs)
        fh.write("\n".join(block.tolist()))
        fh.write("\n")
        print(f"year {t}: {want:,} rows", file=sys.stderr)
print(path)
