#!/usr/bin/env bash
# The longer fuzzing campaign (#22): decouple-fuzz (Tests/Fuzz) in a release build over every
# reader it knows, CASES seeded cases per reader (default 20,000), from SEED (default a new one,
# printed, so that a finding can be replayed with --seed). .ci/run runs a bounded 1,000 cases per
# reader with seed 22 in the debug build. A failing case names its reader, seed, input and
# mutation; make it a regression test next to the reader's tests.
# Usage: scripts/fuzz.sh [CASES] [SEED] [READER]
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-20000}
seed=${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
swift build -c release --product decouple-fuzz >/dev/null
args=(--cases "$cases" --seed "$seed")
[ -n "${3:-}" ] && args+=(--only "$3")
exec "$(swift build -c release --show-bin-path)/decouple-fuzz" "${args[@]}"
