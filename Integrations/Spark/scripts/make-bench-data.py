"""Writes the benchmark's BACI-format file: make-bench-data.py FOLDER ROWS.

200 countries, 5,000 HS6 products, 5 years (2018–2022); every (year, exporter, importer,
product) at most once (a stride through all combinations), 10% NA quantities, product codes
without their leading zero. Deterministic."""
import random, sys
from math import gcd

folder, rows = sys.argv[1], int(sys.argv[2])
years = list(range(2018, 2023))
rng = random.Random(11)
n_countries, n_products = 200, 5000
letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
codes = [(i + 1) * 4 for i in range(n_countries)]
with open(f"{folder}/country_codes_V202401b.csv", "w") as f:
    f.write("country_code,country_name,country_iso2,country_iso3\n")
    for n, code in enumerate(codes):
        iso = "Z" + letters[n // 26 % 26] + letters[n % 26]
        f.write(f"{code},Country {n},,{iso}\n")
fixed = ["850760", "850780", "284690", "260300", "854143"]
pool = sorted(set(rng.sample(range(10000, 980000), n_products * 2)) - {int(p) for p in fixed})
products = fixed + [f"{p:06d}" for p in pool[: n_products - len(fixed)]]
products = [p[1:] if p.startswith("0") else p for p in products]
pairs = n_countries * (n_countries - 1)
combos = pairs * n_products
stride = 1_000_003
while gcd(stride, combos) != 1:
    stride += 2
per_year = rows // len(years)
with open(f"{folder}/BACI_HS17_Y2018_V202401b.csv", "w", buffering=1 << 22) as f:
    f.write("t,i,j,k,v,q\n")
    for y in years:
        offset = rng.randrange(combos)
        out = []
        for idx in range(per_year):
            c = (idx * stride + offset) % combos
            p, pair = c % n_products, c // n_products
            i, j = divmod(pair, n_countries - 1)
            if j >= i:
                j += 1
            v = (c * 2654435761 % 100000007) / 1000
            q = "NA" if idx % 10 == 0 else f"{(c * 40503 % 9999991) / 100}"
            out.append(f"{y},{codes[i]},{codes[j]},{products[p]},{v},{q}\n")
            if len(out) == 100000:
                f.write("".join(out)); out = []
        f.write("".join(out))
