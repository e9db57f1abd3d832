# Sourced by the BACI-format benchmarks (run-panel.sh, run-import.sh) after `cd` to the
# repository: the venv with the Python peers given in $peers, and the generated file of $rows
# rows at $file (.bench-data/panel/, not committed), made again when its row count differs.
data=.bench-data/panel
file=$data/BACI_HS17_Y2018-2022_V202401b.csv
venv=.venv-bench
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
# shellcheck disable=SC2086
"$venv/bin/python" -c "import numpy, ${peers// /, }" 2>/dev/null || "$venv/bin/pip" install -q numpy $peers
if [ ! -f "$file" ] || [ "$(( $(wc -l <"$file") - 1 ))" != "$rows" ]; then
    echo "generating $rows BACI-format rows into $data ..." >&2
    "$venv/bin/python" Benchmarks/panel/generate_baci.py "$data" "$rows" 5 >/dev/null
fi
