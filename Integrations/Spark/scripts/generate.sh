#!/usr/bin/env bash
# Regenerates Sources/SparkConnectProto from proto/spark/connect/decouple_subset.proto.
#
# Run by hand after editing the .proto; the generated Swift is committed, and CI never runs
# this (building the two protoc plugins takes minutes). Needs Debian's protoc
# (`apt-get install -y protobuf-compiler`, 3.21.12 here) and the plugins built in release from
# a scratch package OUTSIDE this repository that depends on apple/swift-protobuf 1.39.0 and
# grpc/grpc-swift-protobuf 2.4.1:
#
#   mkdir -p /tmp/protoc-plugins && cd /tmp/protoc-plugins
#   # Package.swift: dependencies swift-protobuf exact 1.39.0, grpc-swift-protobuf exact 2.4.1,
#   # and one empty library target
#   swift build -c release --product protoc-gen-swift          # ~2–4 min
#   swift build -c release --product protoc-gen-grpc-swift-2   # ~1 min more
#
# Usage: PLUGINS=/tmp/protoc-plugins/.build/release scripts/generate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
plugins="${PLUGINS:-/tmp/protoc-plugins/.build/release}"
out=Sources/SparkConnectProto
for p in protoc-gen-swift protoc-gen-grpc-swift-2; do
    [ -x "$plugins/$p" ] || { echo "missing $plugins/$p (see the comment at the top of this script)" >&2; exit 1; }
done
rm -f "$out"/*.pb.swift "$out"/*.grpc.swift
protoc --plugin=protoc-gen-swift="$plugins/protoc-gen-swift" \
    --swift_out="$out" --swift_opt=Visibility=Public,FileNaming=DropPath \
    -I proto proto/spark/connect/decouple_subset.proto
protoc --plugin=protoc-gen-grpc-swift-2="$plugins/protoc-gen-grpc-swift-2" \
    --grpc-swift-2_out="$out" --grpc-swift-2_opt=Visibility=Public,Server=false,FileNaming=DropPath \
    -I proto proto/spark/connect/decouple_subset.proto
echo "generated: $(ls "$out")"
