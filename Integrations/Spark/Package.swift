// swift-tools-version: 6.1
import PackageDescription

// The main Decouple package is this package's grandparent folder. SwiftPM names a path
// dependency after its folder (`main` in CI's clone, anything in a developer's checkout), so
// the name is computed here rather than written down.
let mainPackagePath = "../.."
let mainPackageName: String = {
    let parts = Context.packageDirectory.split(separator: "/").map(String.init)
    return parts.count >= 3 ? parts[parts.count - 3] : "main"
}()

let package = Package(
    name: "DecoupleSparkIntegration",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "decouple-spark", targets: ["DecoupleSparkCommand"]),
        .library(name: "DecoupleSpark", targets: ["DecoupleSpark"]),
        .executable(name: "decouple-spark-bench", targets: ["DecoupleSparkBench"]),
    ],
    dependencies: [
        .package(path: mainPackagePath),
        .package(url: "https://github.com/grpc/grpc-swift-2", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
    ],
    targets: [
        // Swift generated from proto/spark/connect/decouple_subset.proto (scripts/generate.sh).
        .target(name: "SparkConnectProto", dependencies: [
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        ]),
        .target(name: "DecoupleSpark", dependencies: [
            "SparkConnectProto",
            .product(name: "DecoupleCore", package: mainPackageName),
            .product(name: "DecoupleTrade", package: mainPackageName),
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        ]),
        // `decouple` with `--engine spark`. The product is called decouple-spark because it is
        // built into the same scratch folder as the main package's `decouple` (CI shares .build).
        .executableTarget(name: "DecoupleSparkCommand", dependencies: [
            "DecoupleSpark",
            .product(name: "DecoupleCLI", package: mainPackageName),
        ]),
        // Local store vs Spark on the same aggregation (scripts/bench.sh).
        .executableTarget(name: "DecoupleSparkBench", dependencies: [
            "DecoupleSpark",
            .product(name: "DecoupleCore", package: mainPackageName),
            .product(name: "DecoupleTrade", package: mainPackageName),
        ]),
        .testTarget(name: "DecoupleSparkTests", dependencies: [
            "DecoupleSpark",
            .product(name: "DecoupleCore", package: mainPackageName),
            .product(name: "DecoupleTrade", package: mainPackageName),
        ]),
    ]
)
