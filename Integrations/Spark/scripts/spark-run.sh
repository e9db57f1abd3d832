# Shared setup of the scripts that build this package and run a Spark Connect server
# (integration-test.sh, bench.sh): sourced, not run, after setting `here` to the scripts' folder.
# Gives the paths, the server functions, an EXIT trap that stops the server, and
# `spark_swift_build`.
. "$here/spark-env.sh"
. "$here/spark-server.sh"
pkg="$(dirname "$here")"
repo="$(cd "$pkg/../.." && pwd)"
port="${DECOUPLE_SPARK_PORT:-15002}"
# The Spark package builds into the main package's scratch folder, reusing its modules.
scratch="${DECOUPLE_SPARK_SCRATCH:-$repo/.build}"
mkdir -p "$SPARK_WORK"

# The server is stopped by its PID whatever happened, without changing the exit status.
spark_cleanup() {
    local status=$?
    spark_server_stop || true
    exit "$status"
}
trap spark_cleanup EXIT

# `swift build` of this package in the shared scratch folder, planned afresh: the folder holds the
# main package's cached build plan, and SwiftPM decides whether to re-plan from the inputs
# recorded in that plan, which do not include this package. In two clean-clone CI runs it reused
# the main package's plan and built nothing of this one ("Build complete!" in 18 s, no
# decouple-spark). Planning afresh costs a few seconds.
spark_swift_build() {
    swift build --disable-build-manifest-caching --package-path "$pkg" --scratch-path "$scratch" "$@"
}
