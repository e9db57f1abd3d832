#!/usr/bin/env bash
# The JSON API as a contract (#23): starts `decouple serve` on a free loopback port and checks
#   A. docs/openapi.yaml is a valid OpenAPI 3.1 document and the server publishes it:
#      /api/v1/openapi.yaml byte for byte, /api/v1/openapi.json as the same object, and the files
#      it refers to ($ref ira-bom.schema.json) beside it, as in docs/;
#   C. the check can fail: a copy of the document with a planted mismatch (GET /healthz answers a
#      `status` it does not allow) must make schemathesis report a response schema failure;
#   B. the server keeps the document: schemathesis sends every operation a seeded, bounded set of
#      requests (the schema's examples, its edges, then CONTRACT_EXAMPLES fuzzed cases) and checks
#      every answer (`--checks all`: no 5xx; documented status, content type, headers and body;
#      schema-valid requests accepted, invalid ones rejected; 405 with Allow for other methods).
# The same requests on every run: a seed, no example database, no cache (scripts/lib/schemathesis.toml).
#
# Environment: DECOUPLE_BIN (default: the debug build, built if missing), PORT (default: a free
# port), CONTRACT_EXAMPLES (fuzzed cases per operation, 50), CONTRACT_SEED (22). The pinned tools
# are installed from PyPI into .build/contract-venv on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

doc=docs/openapi.yaml
config=scripts/lib/schemathesis.toml
venv=.build/contract-venv
pins=("schemathesis==4.32.5" "openapi-spec-validator==0.9.0")
examples=${CONTRACT_EXAMPLES:-50}
seed=${CONTRACT_SEED:-22}
# Seconds per request, and the response time `--checks all` allows (10 s by default): a debug
# build takes about 20 s for its first /api/v1/report (40 s for /api/v1/openapi.yaml, fetched
# before step B).
timeout=60

fail() { echo "contract-test: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
t_all=$(now)

source scripts/lib/start-server.sh   # (the working folder is the repository root)
bin=$(decouple_binary)
port=$(free_port)
base="http://127.0.0.1:$port"
tmp=$(mktemp -d)
# --bundled-only: the answers must not depend on a fetch cache on this machine.
"$bin" serve --host 127.0.0.1 --port "$port" --no-warm-up --bundled-only 2>"$tmp/server.log" &
pid=$!
warm=""
cleanup() {
    if [ -n "$warm" ]; then kill "$warm" 2>/dev/null || true; wait "$warm" 2>/dev/null || true; fi
    stop_server "$pid"
    rm -rf "$tmp"
}
trap 'status=$?; cleanup; exit "$status"' EXIT
server_down() { tail -n 20 "$tmp/server.log"; fail "the server exited ($1)"; }
wait_for_health contract-test "$base" "$pid" "$tmp/server.log"
# The first /api/v1/openapi.yaml is the slowest answer (about 40 s in a debug build: the server runs
# every operation's example to describe its answer, which also computes the default report): ask
# for it now, so that it is computed while the tools install; step A's request waits for this one.
curl -sS -o /dev/null --max-time 300 "$base/api/v1/openapi.yaml" 2>/dev/null &
warm=$!

py="$venv/bin/python"
if ! "$py" -c 'import sys; from importlib.metadata import version
sys.exit(any(version(n) != v for n, v in (p.split("==") for p in sys.argv[1:])))' "${pins[@]}" 2>/dev/null; then
    t=$(now)
    python3 -m venv --clear "$venv" || fail "cannot create $venv (python3 -m venv; on Debian: apt-get install python3-venv)"
    "$venv/bin/pip" install -q --disable-pip-version-check "${pins[@]}" || fail "pip install ${pins[*]} failed"
    echo "contract-test: installed ${pins[*]} in $venv ($(since "$t") s)"
fi
export HYPOTHESIS_STORAGE_DIRECTORY="$venv/hypothesis"   # not .hypothesis/ in the repository
export NO_PROXY="127.0.0.1${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1${no_proxy:+,$no_proxy}"   # loopback only
st=("$venv/bin/schemathesis" --config-file "$config" run)
common=(--url "$base" --checks all --seed "$seed" --generation-database none
        --request-timeout "$timeout" --max-response-time "$timeout" --no-color)

# A. Valid, published as it is in the repository, the JSON copy the same object as the YAML.
t=$(now)
for ext in yaml json; do
    code=$(curl -sS --max-time 300 -o "$tmp/served.$ext" -w '%{http_code}' "$base/api/v1/openapi.$ext" 2>/dev/null || true)
    [ "$code" = 200 ] || fail "step A: GET /api/v1/openapi.$ext answered ${code:-nothing}, not 200"
done
if ! cmp -s "$doc" "$tmp/served.yaml"; then
    diff -u "$doc" "$tmp/served.yaml" | head -n 20 || true
    fail "step A: /api/v1/openapi.yaml differs from $doc (decouple openapi --output $doc)"
fi
# Files the document refers to ($ref ira-bom.schema.json) must be served beside it, as they are
# beside it in the repository: fetched into $tmp, they let the served copies be validated there.
"$py" - "$tmp" "$base/api/v1/openapi.yaml" "$(dirname "$doc")" <<'EOF' || fail "step A: the served documents disagree (above)"
import json, os, sys, urllib.parse, urllib.request, yaml

folder, url, docs = sys.argv[1:]
# PyYAML reads YAML 1.1: an unquoted NO, on, 2024-01-01 or 1.0e13 is not a string or number there,
# so a difference also flags a scalar to quote for YAML 1.1 readers.
served_yaml = yaml.safe_load(open(os.path.join(folder, "served.yaml"), encoding="utf-8"))
served_json = json.load(open(os.path.join(folder, "served.json"), encoding="utf-8"))

def pointer(path, key):
    return f"{path}/{str(key).replace('~', '~0').replace('/', '~1')}"

def difference(a, b, path):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{pointer(path, key)}: only in the {'JSON' if key in b else 'YAML'}"
            found = difference(a[key], b[key], pointer(path, key))
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items in the YAML, {len(b)} in the JSON"
        return next((d for i, (x, y) in enumerate(zip(a, b)) if (d := difference(x, y, pointer(path, i)))), None)
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b))
    if a == b and (numbers or type(a) is type(b)):
        return None
    return f"{path}: the YAML reads {a!r}, the JSON {b!r}"

def external_refs(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            yield ref.split("#")[0]
        for value in node.values():
            yield from external_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from external_refs(value)

found = difference(served_yaml, served_json, "#")
if found:
    sys.exit(f"/api/v1/openapi.yaml and /api/v1/openapi.json differ at {found}")
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
for ref in sorted(set(external_refs(served_json))):
    parts = ref.split("/")
    if urllib.parse.urlsplit(ref).scheme or ref.startswith("/") or ".." in parts:
        sys.exit(f"$ref {ref}: only files beside the document may be referred to")
    try:
        with opener.open(urllib.parse.urljoin(url, ref), timeout=60) as answer:
            body = answer.read()
    except OSError as e:
        sys.exit(f"$ref {ref}: GET {urllib.parse.urljoin(url, ref)}: {e}")
    local = os.path.join(docs, *parts)
    if not os.path.isfile(local) or open(local, "rb").read() != body:
        sys.exit(f"$ref {ref}: the served file differs from {local} (or it is missing)")
    os.makedirs(os.path.dirname(os.path.join(folder, *parts)), exist_ok=True)
    open(os.path.join(folder, *parts), "wb").write(body)
EOF
# The served YAML has the repository's bytes, so validating the repository's file validates it too.
if ! out=$("$venv/bin/openapi-spec-validator" --schema 3.1 "$doc" "$tmp/served.json" 2>&1); then
    printf '%s\n' "$out" | head -c 3000; echo
    fail "step A: not a valid OpenAPI 3.1 document (above)"
fi
echo "contract-test: step A: $doc is valid OpenAPI 3.1, served as .yaml (same bytes) and .json (same object) ($(since "$t") s)"

# C. A planted mismatch must be caught: GET /healthz's 200 schema allows only a `status` the
# server never answers. The copy is written as JSON (step A showed YAML and JSON read the same).
t=$(now)
"$py" - "$doc" "$tmp/planted.json" <<'EOF' || fail "step C: could not plant the mismatch (above)"
import json, sys, yaml

document = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))

def resolve(node):
    for _ in range(20):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str):
            return node
        if not ref.startswith("#/"):
            raise KeyError(ref)
        node = document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    raise KeyError("a $ref loop")

try:
    responses = resolve(resolve(document["paths"]["/healthz"])["get"])["responses"]
    schema = resolve(resolve(responses["200"])["content"]["application/json"]["schema"])
    status = resolve(schema["properties"]["status"])
    if not isinstance(status, dict):
        raise KeyError("status")
except (KeyError, TypeError) as e:
    sys.exit(f"no {e} on the way to the `status` property of GET /healthz's 200 application/json schema")
status.clear()
status.update({"type": "string", "enum": ["planted-mismatch"]})
json.dump(document, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
planted=0
"${st[@]}" "$tmp/planted.json" "${common[@]}" --include-path /healthz --max-examples 5 --workers 1 \
    >"$tmp/planted.log" 2>&1 || planted=$?
if [ "$planted" -eq 0 ] || ! grep -q 'Response violates schema' "$tmp/planted.log"; then
    cat "$tmp/planted.log"
    fail "step C: planted mismatch not detected (schemathesis exit $planted)"
fi
echo "contract-test: step C: the planted mismatch on GET /healthz was reported ($(since "$t") s)"

# B. The server against the document. Two workers, one per core of the CI machine: the same
# requests as one worker (nothing learnt crosses operations, see schemathesis.toml) in 60 s instead
# of 72; four made schemathesis 4.32.5 fail internally (a KeyError in its coverage phase).
t=$(now)
status=0
"${st[@]}" "$doc" "${common[@]}" --max-examples "$examples" --workers 2 2>&1 | tee "$tmp/run.log" || status=$?
operations=$(awk '/^  Tested: /{ print $2; exit }' "$tmp/run.log")
cases=$(grep -oE '[0-9]+ generated' "$tmp/run.log" | head -n 1 | cut -d' ' -f1)
last=$(grep -E '^=+ .* in [0-9.]+s =+$' "$tmp/run.log" | tail -n 1 || true)
failures=$(grep -oE '[0-9]+ failures?' <<<"$last" | cut -d' ' -f1 || true)
errors=$(grep -oE '[0-9]+ errors?' <<<"$last" | cut -d' ' -f1 || true)
echo "contract-test: step B: ${operations:-?} operations, ${cases:-?} cases, ${failures:-0} failures, ${errors:-0} errors, seed $seed ($(since "$t") s)"
kill -0 "$pid" 2>/dev/null || server_down "during step B"
[ "$status" -eq 0 ] || fail "step B: the server does not keep $doc (schemathesis exit $status, above)"
echo "contract-test: ok ($(since "$t_all") s)"
