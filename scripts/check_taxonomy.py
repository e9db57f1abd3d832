#!/usr/bin/env python3
"""Validate Data/taxonomy/strategic-products.json against the HS code lists.

Usage:
    python3 scripts/check_taxonomy.py [path-to-taxonomy.json] [path-to-hs-concordance-dir]

Defaults (relative to the repository root, i.e. the parent of scripts/):
    Data/taxonomy/strategic-products.json
    ../shared/data/hs-classification-atlas-common-data

Edition code lists:
    HS2012  6-digit codes of product_hs12.csv.gz (product_level 6)
    HS2022  6-digit codes of product_hs22.csv.gz (product_level 6)
    HS2017  every H5 code in conversion_weights_H4_to_H5.csv, conversion_weights_H5_to_H4.csv,
            conversion_weights_H5_to_H6_nonzero.csv and conversion_weights_H6_to_H5_nonzero.csv
            (codes zero-padded to 6 digits: the H4<->H5 files drop leading zeros)

Exits 0 when the taxonomy is valid, 1 on any error (each error printed on its own line),
2 on usage / missing input problems. Warnings never change the exit code.
Python 3 standard library only.
"""
import csv
import gzip
import json
import os
import re
import sys
from collections import defaultdict

EDITIONS = ["HS2012", "HS2017", "HS2022"]
ARENAS = {"green", "digital", "critical-minerals"}
LEVELS = {"upstream", "midstream", "downstream"}

# USGS 2022 list of critical minerals (87 FR 10381, 24 Feb 2022); cross-checked below with
# MCS2023 table T4 when that file is available next to the concordance directory.
LIST_2022 = [
    "aluminum", "antimony", "arsenic", "barite", "beryllium", "bismuth", "cerium", "cesium",
    "chromium", "cobalt", "dysprosium", "erbium", "europium", "fluorspar", "gadolinium", "gallium",
    "germanium", "graphite", "hafnium", "holmium", "indium", "iridium", "lanthanum", "lithium",
    "lutetium", "magnesium", "manganese", "neodymium", "nickel", "niobium", "palladium", "platinum",
    "praseodymium", "rhodium", "rubidium", "ruthenium", "samarium", "scandium", "tantalum",
    "tellurium", "terbium", "thulium", "tin", "titanium", "tungsten", "vanadium", "ytterbium",
    "yttrium", "zinc", "zirconium",
]
# 2018 list of 35 (83 FR 23295); cross-checked with the transcribed CSV when available.
LIST_2018 = [
    "Aluminum (bauxite)", "Antimony", "Arsenic", "Barite", "Beryllium", "Bismuth", "Cesium",
    "Chromium", "Cobalt", "Fluorspar", "Gallium", "Germanium", "Graphite (natural)", "Hafnium",
    "Helium", "Indium", "Lithium", "Magnesium", "Manganese", "Niobium", "Platinum group metals",
    "Potash", "Rare earth elements group", "Rhenium", "Rubidium", "Scandium", "Strontium",
    "Tantalum", "Tellurium", "Tin", "Titanium", "Tungsten", "Uranium", "Vanadium", "Zirconium",
]

TOP_KEYS = {"schemaVersion": True, "title": False, "editions": True, "arenas": False, "levels": False,
            "chains": True, "criticalMinerals": True, "editionChanges": True}
CHAIN_KEYS = {"id": True, "name": True, "arena": True, "note": False, "stages": True}
STAGE_KEYS = {"id": True, "name": True, "level": True, "note": False, "products": True}
PRODUCT_KEYS = {"description": True, "codes": True, "weight": False, "shared": False, "alsoIn": False,
                "minerals": False, "source": True, "note": False}
MINERAL_KEYS = {"name": True, "list2022": True, "list2018": True, "list2018Entry": True, "chain": True,
                "hsAvailable": True, "reason": True, "note": False}
CHANGE_KEYS = {"from": True, "to": True, "old": True, "new": True, "note": True, "source": False}

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HS6_RE = re.compile(r"^[0-9]{6}$")
TOL = 1e-6

errors = []
warnings = []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def check_keys(obj, spec, where):
    if not isinstance(obj, dict):
        err(f"{where}: expected an object, got {type(obj).__name__}")
        return False
    for k, required in spec.items():
        if required and k not in obj:
            err(f"{where}: missing required field '{k}'")
    for k in obj:
        if k not in spec:
            err(f"{where}: unknown field '{k}' (allowed: {', '.join(spec)})")
    return True


def nonempty_str(v):
    return isinstance(v, str) and v.strip() != ""


# ---------------------------------------------------------------- HS code lists
def load_product_codes(path):
    codes = set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("product_level") == "6" and HS6_RE.match(row["code"]):
                codes.add(row["code"])
    return codes


def load_conversion(path, src, dst):
    """Return {src_code: {dst_code: weight}} with codes zero-padded to 6 digits."""
    out = defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            a, b = row[src].zfill(6), row[dst].zfill(6)
            out[a][b] = out[a].get(b, 0.0) + float(row["weight"])
    return out


def load_editions(hsdir):
    need = ["product_hs12.csv.gz", "product_hs22.csv.gz", "conversion_weights_H4_to_H5.csv",
            "conversion_weights_H5_to_H4.csv", "conversion_weights_H5_to_H6_nonzero.csv",
            "conversion_weights_H6_to_H5_nonzero.csv"]
    missing = [n for n in need if not os.path.isfile(os.path.join(hsdir, n))]
    if missing:
        print(f"ERROR: concordance directory {hsdir} lacks: {', '.join(missing)}", file=sys.stderr)
        sys.exit(2)
    j = lambda n: os.path.join(hsdir, n)
    h12 = load_product_codes(j("product_hs12.csv.gz"))
    h22 = load_product_codes(j("product_hs22.csv.gz"))
    c45 = load_conversion(j("conversion_weights_H4_to_H5.csv"), "H4", "H5")
    c54 = load_conversion(j("conversion_weights_H5_to_H4.csv"), "H5", "H4")
    c56 = load_conversion(j("conversion_weights_H5_to_H6_nonzero.csv"), "H5", "H6")
    c65 = load_conversion(j("conversion_weights_H6_to_H5_nonzero.csv"), "H6", "H5")
    h17 = set(c54) | set(c56)
    for m in c45.values():
        h17 |= set(m)
    for m in c65.values():
        h17 |= set(m)
    h17 = {c for c in h17 if HS6_RE.match(c)}
    return {"HS2012": h12, "HS2017": h17, "HS2022": h22}, {("HS2012", "HS2017"): c45, ("HS2017", "HS2022"): c56}


# ---------------------------------------------------------------- optional list cross-checks
def crosscheck_lists(hsdir):
    notes = []
    base = os.path.dirname(os.path.abspath(hsdir))
    t4 = os.path.join(base, "usgs-mcs2023", "industry-trends", "MCS2023_T4_Critical_Minerals_End_Use.csv")
    if os.path.isfile(t4):
        with open(t4, encoding="utf-8-sig", errors="replace") as f:
            names = {r["Critical Mineral"].strip().lower() for r in csv.DictReader(f)}
        if names != set(LIST_2022):
            err(f"built-in 2022 list differs from {t4}: only in file {sorted(names - set(LIST_2022))}, "
                f"only built-in {sorted(set(LIST_2022) - names)}")
        else:
            notes.append("2022 list matches MCS2023 T4 (50 entries)")
    else:
        notes.append("MCS2023 T4 not found; 2022 list cross-check skipped")
    l18 = os.path.join(base, "critical-minerals-list-2018-transcribed", "us_critical_minerals_2018_list.csv")
    if os.path.isfile(l18):
        with open(l18, encoding="utf-8-sig") as f:
            names = {r["mineral"].strip() for r in csv.DictReader(f)}
        if names != set(LIST_2018):
            err(f"built-in 2018 list differs from {l18}: only in file {sorted(names - set(LIST_2018))}, "
                f"only built-in {sorted(set(LIST_2018) - names)}")
        else:
            notes.append("2018 list matches transcribed CSV (35 entries)")
    else:
        notes.append("2018 transcribed list not found; cross-check skipped")
    return notes


# ---------------------------------------------------------------- taxonomy checks
def check(doc, valid, conv):
    if not check_keys(doc, TOP_KEYS, "top level"):
        return None
    if doc.get("schemaVersion") != 1:
        err(f"top level: schemaVersion must be 1, got {doc.get('schemaVersion')!r}")
    if doc.get("editions") != EDITIONS:
        err(f"top level: editions must be {EDITIONS}, got {doc.get('editions')!r}")
    if "arenas" in doc and set(doc["arenas"]) != ARENAS:
        err(f"top level: arenas must be {sorted(ARENAS)}, got {doc['arenas']!r}")
    if "levels" in doc and set(doc["levels"]) != LEVELS:
        err(f"top level: levels must be {sorted(LEVELS)}, got {doc['levels']!r}")

    chains = doc.get("chains")
    if not isinstance(chains, list) or not chains:
        err("top level: 'chains' must be a non-empty list")
        return None
    chain_ids = [c.get("id") for c in chains if isinstance(c, dict)]
    chain_arena = {c.get("id"): c.get("arena") for c in chains if isinstance(c, dict)}
    mineral_names = {m.get("name") for m in doc.get("criticalMinerals", []) if isinstance(m, dict)}

    occ = defaultdict(list)      # (edition, code) -> list of occurrence dicts
    products = []                # (chain_id, where, product)
    stats = {"stages": 0, "products": 0, "levels": defaultdict(int), "arenas": defaultdict(int)}
    seen_chain = set()
    for ci, ch in enumerate(chains):
        cw = f"chains[{ci}]"
        if not check_keys(ch, CHAIN_KEYS, cw):
            continue
        cid = ch.get("id")
        cw = f"chain '{cid}'"
        if not isinstance(cid, str) or not ID_RE.match(cid):
            err(f"{cw}: id must be lower-case kebab-case")
        if cid in seen_chain:
            err(f"{cw}: duplicate chain id")
        seen_chain.add(cid)
        if not nonempty_str(ch.get("name")):
            err(f"{cw}: name must be a non-empty string")
        if ch.get("arena") not in ARENAS:
            err(f"{cw}: unknown arena {ch.get('arena')!r} (allowed: {sorted(ARENAS)})")
        stats["arenas"][ch.get("arena")] += 1
        stages = ch.get("stages")
        if not isinstance(stages, list) or not stages:
            err(f"{cw}: 'stages' must be a non-empty list")
            continue
        seen_stage = set()
        for si, st in enumerate(stages):
            sw = f"{cw} stages[{si}]"
            if not check_keys(st, STAGE_KEYS, sw):
                continue
            sid = st.get("id")
            sw = f"{cw} stage '{sid}'"
            stats["stages"] += 1
            if not isinstance(sid, str) or not ID_RE.match(sid):
                err(f"{sw}: id must be lower-case kebab-case")
            if sid in seen_stage:
                err(f"{sw}: duplicate stage id within chain")
            seen_stage.add(sid)
            if not nonempty_str(st.get("name")):
                err(f"{sw}: name must be a non-empty string")
            if st.get("level") not in LEVELS:
                err(f"{sw}: unknown level {st.get('level')!r} (allowed: {sorted(LEVELS)})")
            stats["levels"][st.get("level")] += 1
            prods = st.get("products")
            if not isinstance(prods, list) or not prods:
                err(f"{sw}: 'products' must be a non-empty list")
                continue
            for pi, p in enumerate(prods):
                pw = f"{sw} products[{pi}]"
                if not check_keys(p, PRODUCT_KEYS, pw):
                    continue
                stats["products"] += 1
                pw = f"{pw} ('{p.get('description', '')[:50]}')"
                if not nonempty_str(p.get("description")):
                    err(f"{pw}: description must be a non-empty string")
                if not nonempty_str(p.get("source")):
                    err(f"{pw}: source must be a non-empty string")
                if "note" in p and not nonempty_str(p["note"]):
                    err(f"{pw}: note, when present, must be a non-empty string")
                if "shared" in p and p["shared"] is not True:
                    err(f"{pw}: shared, when present, must be true")
                codes = p.get("codes")
                if not isinstance(codes, dict) or set(codes) != set(EDITIONS):
                    err(f"{pw}: codes must be an object with exactly the keys {EDITIONS} (use [] where no line exists)")
                    continue
                if not any(codes[e] for e in EDITIONS if isinstance(codes[e], list)):
                    err(f"{pw}: no code in any edition")
                for e in EDITIONS:
                    lst = codes[e]
                    if not isinstance(lst, list):
                        err(f"{pw}: codes.{e} must be a list")
                        continue
                    if len(set(lst)) != len(lst):
                        err(f"{pw}: codes.{e} has duplicates {lst}")
                    for c in lst:
                        if not isinstance(c, str) or not HS6_RE.match(c):
                            err(f"{pw}: {e} code {c!r} is not a 6-digit string")
                        elif c not in valid[e]:
                            err(f"{pw}: {e} code {c} does not exist in {e}")
                # weights
                w = p.get("weight")
                with_codes = {e for e in EDITIONS if isinstance(codes[e], list) and codes[e]}
                if w is not None:
                    if not isinstance(w, dict):
                        err(f"{pw}: weight must be an object keyed by edition, e.g. {{\"HS2017\": 0.5}}")
                        w = None
                    else:
                        if set(w) != with_codes:
                            err(f"{pw}: weight keys {sorted(w)} must equal the editions that have codes {sorted(with_codes)}")
                        for e, v in w.items():
                            if isinstance(v, bool) or not isinstance(v, (int, float)) or not (0 < v <= 1):
                                err(f"{pw}: weight.{e} = {v!r} must be a number in (0, 1]")
                # alsoIn / minerals
                also = p.get("alsoIn", [])
                if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
                    err(f"{pw}: alsoIn must be a list of chain ids")
                    also = []
                for a in also:
                    if a not in chain_ids:
                        err(f"{pw}: alsoIn names unknown chain '{a}'")
                    if a == cid:
                        err(f"{pw}: alsoIn must not name its own chain")
                mins = p.get("minerals")
                if mins is not None:
                    if not isinstance(mins, list) or not mins:
                        err(f"{pw}: minerals must be a non-empty list of critical-mineral names")
                    else:
                        for m in mins:
                            if m not in mineral_names:
                                err(f"{pw}: minerals names '{m}' which is not in criticalMinerals")
                products.append((cid, pw, p))
                for e in EDITIONS:
                    for c in codes[e] if isinstance(codes[e], list) else []:
                        wt = w.get(e) if isinstance(w, dict) else None
                        occ[(e, c)].append({"chain": cid, "stage": sid, "where": pw, "weight": wt,
                                            "also": set(also)})

    # many-to-many rules
    for (e, c), lst in sorted(occ.items()):
        if len(lst) < 2:
            continue
        by_chain = defaultdict(list)
        for o in lst:
            by_chain[o["chain"]].append(o)
        for ch, ol in by_chain.items():
            if len(ol) > 1:
                unweighted = [o["where"] for o in ol if o["weight"] is None]
                if unweighted:
                    stages = sorted({o["stage"] for o in ol})
                    err(f"{e} code {c} appears {len(ol)} times in chain '{ch}' (stages {stages}) without weight on: "
                        + "; ".join(unweighted))
        if all(o["weight"] is not None for o in lst):
            total = sum(o["weight"] for o in lst)
            if total > 1 + TOL:
                err(f"{e} code {c}: weights sum to {total:.4f} > 1 across " + "; ".join(o["where"] for o in lst))
        elif len(by_chain) > 1:
            for o in lst:
                others = set(by_chain) - {o["chain"]}
                missing = others - o["also"]
                if missing:
                    err(f"{e} code {c} is also in chain(s) {sorted(missing)} but {o['where']} "
                        f"has neither weights nor alsoIn naming them")
    # stale alsoIn: every alsoIn chain must share at least one (edition, code) with the product
    for cid, pw, p in products:
        for a in p.get("alsoIn", []) if isinstance(p.get("alsoIn"), list) else []:
            shares = any(any(o["chain"] == a for o in occ[(e, c)])
                         for e in EDITIONS for c in (p["codes"].get(e) or []))
            if not shares:
                err(f"{pw}: alsoIn names chain '{a}' but that chain lists none of this product's codes")

    # ------------------------------------------------------------ critical minerals
    cms = doc.get("criticalMinerals")
    stats["minerals2022"] = stats["minerals2018"] = stats["hsTrue"] = stats["hsFalse"] = stats["not2018"] = 0
    if not isinstance(cms, list):
        err("top level: criticalMinerals must be a list")
        cms = []
    seen = set()
    entries2018 = set()
    for mi, m in enumerate(cms):
        mw = f"criticalMinerals[{mi}]"
        if not check_keys(m, MINERAL_KEYS, mw):
            continue
        name = m.get("name")
        mw = f"critical mineral '{name}'"
        if name in seen:
            err(f"{mw}: duplicate entry")
        seen.add(name)
        for k in ("list2022", "list2018"):
            if not isinstance(m.get(k), bool):
                err(f"{mw}: {k} must be true or false")
        if m.get("list2022") is True:
            stats["minerals2022"] += 1
            if name not in LIST_2022:
                err(f"{mw}: list2022 is true but '{name}' is not on the 2022 list")
        elif name in LIST_2022:
            err(f"{mw}: is on the 2022 list but list2022 is not true")
        e18 = m.get("list2018Entry")
        if m.get("list2022") is True and m.get("list2018") is False:
            stats["not2018"] += 1
        if m.get("list2018") is True:
            stats["minerals2018"] += 1
            if e18 not in LIST_2018:
                err(f"{mw}: list2018Entry {e18!r} is not an entry of the 2018 list")
            entries2018.add(e18)
        elif e18 is not None:
            err(f"{mw}: list2018 is false but list2018Entry is {e18!r} (must be null)")
        ch = m.get("chain")
        if ch is not None:
            if ch not in chain_arena:
                err(f"{mw}: chain '{ch}' does not exist")
            elif chain_arena[ch] != "critical-minerals":
                err(f"{mw}: chain '{ch}' is not in arena critical-minerals")
        hs = m.get("hsAvailable")
        distinct = [pw for cid, pw, p in products
                    if p.get("minerals") == [name] and not p.get("shared")]
        listed_in_chain = [pw for cid, pw, p in products
                           if cid == ch and name in (p.get("minerals") or [])]
        if m.get("list2022") is True:
            if not isinstance(hs, bool):
                err(f"{mw}: hsAvailable must be true or false for a 2022-list mineral")
            elif hs:
                stats["hsTrue"] += 1
                if ch is None:
                    err(f"{mw}: hsAvailable is true but chain is null")
                elif not any(cid == ch for cid, pw, p in products
                             if p.get("minerals") == [name] and not p.get("shared")):
                    err(f"{mw}: hsAvailable is true but chain '{ch}' has no distinct product "
                        f"(minerals == ['{name}'] and not shared)")
            else:
                stats["hsFalse"] += 1
                if not nonempty_str(m.get("reason")):
                    err(f"{mw}: hsAvailable is false but reason is empty")
                if distinct:
                    err(f"{mw}: hsAvailable is false but distinct product(s) exist: {distinct[0]}")
                if ch is not None and not listed_in_chain:
                    err(f"{mw}: points to chain '{ch}' but no product there lists it in minerals")
        else:
            if hs is not None and not isinstance(hs, bool):
                err(f"{mw}: hsAvailable must be true, false or null")
            if not nonempty_str(m.get("reason")) and hs is not True:
                err(f"{mw}: reason required")
    for n in LIST_2022:
        if n not in seen:
            err(f"critical mineral '{n}' (2022 list) is missing from criticalMinerals")
    for e18 in LIST_2018:
        if e18 not in entries2018:
            err(f"2018 list entry '{e18}' is not referenced by any criticalMinerals.list2018Entry")
    for cid, pw, p in products:
        if chain_arena.get(cid) == "critical-minerals" and not p.get("minerals"):
            err(f"{pw}: products of critical-minerals chains must list minerals")

    # ------------------------------------------------------------ edition changes
    chg = doc.get("editionChanges")
    if not isinstance(chg, list):
        err("top level: editionChanges must be a list")
        chg = []
    covered_old = defaultdict(set)   # (from,to) -> codes
    covered_new = defaultdict(set)
    for i, x in enumerate(chg):
        xw = f"editionChanges[{i}]"
        if not check_keys(x, CHANGE_KEYS, xw):
            continue
        f, t = x.get("from"), x.get("to")
        if f not in EDITIONS or t not in EDITIONS or EDITIONS.index(t) != EDITIONS.index(f) + 1:
            err(f"{xw}: from/to must be consecutive editions, got {f!r} -> {t!r}")
            continue
        if not nonempty_str(x.get("note")):
            err(f"{xw}: note must be a non-empty string")
        for key, ed in (("old", f), ("new", t)):
            lst = x.get(key)
            if not isinstance(lst, list) or not lst:
                err(f"{xw}: {key} must be a non-empty list")
                continue
            for c in lst:
                if not isinstance(c, str) or not HS6_RE.match(c):
                    err(f"{xw}: {key} code {c!r} is not a 6-digit string")
                elif c not in valid[ed]:
                    err(f"{xw}: {key} code {c} does not exist in {ed}")
            (covered_old if key == "old" else covered_new)[(f, t)].update(lst)
    # every code difference between consecutive editions of a product must be documented
    for cid, pw, p in products:
        codes = p["codes"]
        for f, t in (("HS2012", "HS2017"), ("HS2017", "HS2022")):
            a, b = set(codes.get(f) or []), set(codes.get(t) or [])
            if not a or not b:
                continue   # line absent in one edition: explained by the product note
            for c in sorted(a - b):
                if c not in covered_old[(f, t)]:
                    err(f"{pw}: {f} code {c} is not kept in {t} and no editionChanges {f}->{t} lists it in old")
            for c in sorted(b - a):
                if c not in covered_new[(f, t)]:
                    err(f"{pw}: {t} code {c} is new relative to {f} and no editionChanges {f}->{t} lists it in new")
            # concordance sanity (warning only: the Atlas weights have known artefacts)
            for c in sorted(a & b):
                self_w = conv[(f, t)].get(c, {}).get(c)
                if self_w is not None and self_w < 0.9 and c not in covered_old[(f, t)]:
                    top = sorted(conv[(f, t)][c].items(), key=lambda kv: -kv[1])[:3]
                    warn(f"{pw}: Atlas {f}->{t} keeps only {self_w:.3f} of {c} in {c} "
                         f"(top targets {[(k, round(v, 3)) for k, v in top]}); no editionChanges entry")

    # ------------------------------------------------------------ summary data
    per_ed = {e: {c for (ee, c) in occ if ee == e} for e in EDITIONS}
    stats["codes"] = {e: len(per_ed[e]) for e in EDITIONS}
    stats["chains"] = len(seen_chain)
    stats["changes"] = len(chg)
    stats["shared"] = sum(1 for _, _, p in products if p.get("shared"))
    stats["weighted"] = sum(1 for _, _, p in products if p.get("weight"))
    stats["multi"] = sum(1 for (e, c), l in occ.items() if len({o["chain"] for o in l}) > 1)
    return stats


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if len(argv) > 3 or (len(argv) > 1 and argv[1] in ("-h", "--help")):
        print(__doc__)
        return 2
    tax = argv[1] if len(argv) > 1 else os.path.join(root, "Data", "taxonomy", "strategic-products.json")
    hsdir = argv[2] if len(argv) > 2 else os.path.join(root, "..", "shared", "data", "hs-classification-atlas-common-data")
    if not os.path.isfile(tax):
        print(f"ERROR: taxonomy file not found: {tax}", file=sys.stderr)
        return 2
    if not os.path.isdir(hsdir):
        print(f"ERROR: concordance directory not found: {hsdir}", file=sys.stderr)
        return 2
    try:
        with open(tax, encoding="utf-8") as f:
            doc = json.load(f)
    except json.JSONDecodeError as e:
        print(f"ERROR: {tax}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}")
        return 1
    valid, conv = load_editions(hsdir)
    notes = crosscheck_lists(hsdir)
    stats = check(doc, valid, conv)

    for w in warnings:
        print(f"WARNING: {w}")
    if errors:
        for e in errors:
            print(f"ERROR: {e}")
        print(f"FAILED: {len(errors)} error(s), {len(warnings)} warning(s) in {tax}")
        return 1
    print(f"OK: {tax}")
    print(f"  edition code lists: " + ", ".join(f"{e} {len(valid[e])}" for e in EDITIONS))
    for n in notes:
        print(f"  {n}")
    print(f"  chains: {stats['chains']} (" + ", ".join(f"{a} {stats['arenas'][a]}" for a in sorted(ARENAS)) + ")")
    print(f"  stages: {stats['stages']} (" + ", ".join(f"{l} {stats['levels'][l]}" for l in ["upstream", "midstream", "downstream"]) + ")")
    print(f"  product entries: {stats['products']} (weighted {stats['weighted']}, shared {stats['shared']})")
    print(f"  distinct HS6 codes: " + ", ".join(f"{e} {stats['codes'][e]}" for e in EDITIONS))
    print(f"  edition-code pairs listed in more than one chain: {stats['multi']}")
    print(f"  critical minerals: 2022 list {stats['minerals2022']}/50 (with distinct HS6 line {stats['hsTrue']}, "
          f"without {stats['hsFalse']}); entries marked list2018 {stats['minerals2018']} "
          f"(incl. {stats['minerals2018'] - (stats['minerals2022'] - stats['not2018'])} on 2018 list only)")
    print(f"  edition changes: {stats['changes']}; warnings: {len(warnings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
