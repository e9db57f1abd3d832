#!/usr/bin/env python3
"""Copy the redistributable parts of ../shared/data into Data/ (the bundled default data).

Only public-domain (US Census) and attribution-licensed (IMF) sources are bundled. Files are
copied unchanged, except the Census HTS10 cross-section, which is summed to HS6 (see
Data/SOURCES.md). Output gzip files are written with mtime 0, so reruns are byte-identical.

Run from the repository root:  python3 scripts/bundle_data.py [path/to/shared/data]
"""
import csv, gzip, io, os, shutil, sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(ROOT), "shared", "data")
DATA = os.path.join(ROOT, "Data")


def copy(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copyfile(src, dst + ".tmp")
    os.replace(dst + ".tmp", dst)


# IMF DOTS, 2000-2020 long form, unchanged.
copy(os.path.join(SHARED, "imf-dots-samleblanc/dots_bilateral_annual_2000_2020.csv.gz"),
     os.path.join(DATA, "imf-dots/dots_bilateral_annual_2000_2020.csv.gz"))

# Census monthly imports by HS2 x partner, unchanged (the top-20 summary is left out: redundant).
src = os.path.join(SHARED, "census-us-imports-hs2-by-country-monthly/converted-csv")
for name in sorted(os.listdir(src)):
    if name.endswith("data.csv.gz"):
        copy(os.path.join(src, name), os.path.join(DATA, "census-hs2-monthly", name))

# USITC DataWeb US exports by HTS2 chapter x partner 2020-2025 (public domain), unchanged; the
# 2025 column (all zeros) is dropped by the reader.
for name in ["DataWeb-Query-Export__FAS_Value.csv.gz", "DataWeb-Query-Export__Query_Parameters.csv"]:
    copy(os.path.join(SHARED, "usitc-dataweb-us-trade-hts2-by-country-2020-2025", name),
         os.path.join(DATA, "usitc-dataweb-exports", name))

# Census US-China monthly goods trade, unchanged.
copy(os.path.join(SHARED, "census-us-china-monthly-goods-trade/usa-china-trade-data.csv"),
     os.path.join(DATA, "census-us-china-monthly/usa-china-trade-data.csv"))

# HS product lists and edition conversion weights (Harvard Growth Lab, Apache-2.0), gzip-compressed.
src = os.path.join(SHARED, "hs-classification-atlas-common-data")
for name in ["product_hs12.csv.gz", "product_hs22.csv.gz"]:
    copy(os.path.join(src, name), os.path.join(DATA, "hs", name))
for name in ["conversion_weights_H4_to_H5.csv", "conversion_weights_H5_to_H4.csv",
             "conversion_weights_H5_to_H6_nonzero.csv", "conversion_weights_H6_to_H5_nonzero.csv"]:
    out = os.path.join(DATA, "hs", name + ".gz")
    with open(os.path.join(src, name), "rb") as f, open(out + ".tmp", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            gz.write(f.read())
    os.replace(out + ".tmp", out)
copy("/usr/share/common-licenses/Apache-2.0", os.path.join(DATA, "hs", "LICENSE-Apache-2.0.txt"))

# OECD ICIO 2022 intermediate block (OECD: reuse with attribution), unchanged.
src = os.path.join(SHARED, "oecd-icio-2022")
for name in ["Z_intermediate_flows_dense.csv.gz", "nodes.csv",
             "OECD_ICIO_2025_country_code_mapping.csv", "OECD_ICIO_2025_sector_code_mapping.csv", "SOURCE.md"]:
    copy(os.path.join(src, name), os.path.join(DATA, "oecd-icio-2022", name))

# Census 2024 HTS10 x partner, summed to HS6, in the Census API layout (COMM_LVL = HS6).
src = os.path.join(SHARED, "census-us-imports-hs10-by-country-2024/converted-csv")
totals = defaultdict(lambda: [0, 0])
names = {}
for name in sorted(os.listdir(src)):
    if not name.startswith("2024-hs10-imports"):
        continue
    with gzip.open(os.path.join(src, name), "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            assert row["COMM_LVL"] == "HS10" and row["time"] == "2024-12-01", (name, row)
            key = (row["CTY_CODE"], row["I_COMMODITY"][:6])
            totals[key][0] += int(row["CON_VAL_YR"])
            totals[key][1] += int(row["CAL_DUT_YR"])
            names[row["CTY_CODE"]] = row["CTY_NAME"]
out = os.path.join(DATA, "census-hs6-2024/us-imports-hs6-by-country-2024.csv.gz")
os.makedirs(os.path.dirname(out), exist_ok=True)
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["CTY_NAME", "CON_VAL_YR", "CAL_DUT_YR", "I_COMMODITY", "I_COMMODITY_SDESC", "time", "COMM_LVL", "CTY_CODE"])
for (cty, hs6) in sorted(totals):
    v, d = totals[(cty, hs6)]
    w.writerow([names[cty], v, d, hs6, "", "2024-12", "HS6", cty])
with open(out + ".tmp", "wb") as raw:
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
os.replace(out + ".tmp", out)
print(f"HS6 cross-section: {len(totals)} rows from {len(names)} partners")
