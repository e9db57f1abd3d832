"""Writes a deterministic BACI-format sample (data + country file) for the Spark scripts:
make-baci-sample.py FOLDER ROWS [YEARS]. Codes that lost their leading zero, NA and empty
quantities included, as in real releases."""
import random, sys

folder, rows = sys.argv[1], int(sys.argv[2])
years = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(7)
countries = [(4, "AFG"), (36, "AUS"), (76, "BRA"), (124, "CAN"), (156, "CHN"), (251, "FRA"), (276, "DEU"),
             (392, "JPN"), (410, "KOR"), (484, "MEX"), (490, "S19"), (699, "IND"), (704, "VNM"), (842, "USA")]
with open(f"{folder}/country_codes_V202401b.csv", "w") as f:
    f.write("country_code,country_name,country_iso2,country_iso3\n")
    for code, iso in countries:
        f.write(f"{code},{iso},,{iso}\n")
codes = [c for c, _ in countries]
products = [f"{h:04d}{s:02d}" for h in (101, 301, 2603, 2846, 8507, 8541, 8703, 8471, 3004, 7403) for s in (10, 11, 12, 19, 20, 30, 40, 43, 60, 90)]
pairs = [(i, j) for i in codes for j in codes if i != j]
per_year = rows // years
name = "BACI_HS17_Y2021_V202401b.csv"
with open(f"{folder}/{name}", "w") as f:
    f.write("t,i,j,k,v,q\n")
    for y in range(years):
        seen = set()
        while len(seen) < per_year:
            key = (rng.choice(pairs), rng.choice(products))
            if key in seen:
                continue
            seen.add(key)
            (i, j), k = key
            if k.startswith("0") and rng.random() < 0.5:
                k = k[1:]
            v = round(rng.random() * 10000, 3)
            r = rng.random()
            q = "NA" if r < 0.1 else ("" if r < 0.12 else f"{round(rng.random() * 5000, 3)}")
            f.write(f"{2021 - years + 1 + y},{i},{j},{k},{v},{q}\n")
