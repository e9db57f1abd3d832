"""Compares two `decouple … --format json` outputs: equal except the `source` field (the
engine's name) and any --ignore'd top-level fields; numbers within 1e-9 relative. --nonempty KEY
names the top-level list that must not be empty (default: years)."""
import json, math, sys

args = sys.argv[1:]
ignore = {"source"}
nonempty = "years"
while args and args[0] in ("--ignore", "--nonempty"):
    if args[0] == "--ignore": ignore.add(args[1])
    else: nonempty = args[1]
    args = args[2:]
a, b = (json.load(open(p)) for p in args)

def same(x, y, path):
    if isinstance(x, dict) and isinstance(y, dict):
        if x.keys() != y.keys():
            raise SystemExit(f"{path}: keys {sorted(x)} vs {sorted(y)}")
        for k in x:
            if path == "" and k in ignore: continue
            same(x[k], y[k], f"{path}.{k}")
    elif isinstance(x, list) and isinstance(y, list):
        if len(x) != len(y): raise SystemExit(f"{path}: {len(x)} vs {len(y)} items")
        for i, (u, v) in enumerate(zip(x, y)): same(u, v, f"{path}[{i}]")
    elif isinstance(x, (int, float)) and isinstance(y, (int, float)) and not isinstance(x, bool):
        if not (x == y or math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)):
            raise SystemExit(f"{path}: {x} vs {y}")
    elif x != y:
        raise SystemExit(f"{path}: {x!r} vs {y!r}")

same(a, b, "")
items = a.get(nonempty) or []
print(f"spark: CLI JSON identical ({args[0]} vs {args[1]}, {len(items)} {nonempty}, ignoring {sorted(ignore)})")
if not items:
    raise SystemExit(f"spark: the CLI output has no {nonempty}: the check would prove nothing")
