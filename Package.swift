// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Decouple",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "decouple", targets: ["decouple"]),
        .library(name: "DecoupleCore", targets: ["DecoupleCore"]),
        .library(name: "DecoupleData", targets: ["DecoupleData"]),
        .library(name: "DecoupleMeasures", targets: ["DecoupleMeasures"]),
        .library(name: "DecoupleIO", targets: ["DecoupleIO"]),
        .library(name: "DecoupleFramework", targets: ["DecoupleFramework"]),
        .library(name: "DecouplePolicy", targets: ["DecouplePolicy"]),
        .library(name: "DecoupleReport", targets: ["DecoupleReport"]),
        .library(name: "DecoupleServer", targets: ["DecoupleServer"]),
        .library(name: "DecoupleScenario", targets: ["DecoupleScenario"]),
        .library(name: "DecoupleCLI", targets: ["DecoupleCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/ordo-one/TextTable", from: "0.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // zlib from the system (Debian zlib1g-dev) for streaming gzip.
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // OpenBLAS + LAPACKE from Debian (libopenblas-dev, liblapacke-dev) for the input-output engine.
        .systemLibrary(
            name: "CLapack",
            path: "Sources/CLapack",
            pkgConfig: "lapacke",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "DecoupleCore"),
        .target(name: "DecoupleData", dependencies: ["DecoupleCore", "CZlib"]),
        .target(name: "DecoupleMeasures", dependencies: ["DecoupleCore", "DecoupleData"]),
        .target(name: "DecoupleIO", dependencies: ["DecoupleCore", "CLapack"]),
        .target(name: "DecoupleFramework", dependencies: ["DecoupleCore", "DecoupleData", "DecoupleMeasures", "DecoupleIO"]),
        .target(name: "DecouplePolicy", dependencies: ["DecoupleCore", "DecoupleMeasures"]),
        .target(name: "DecoupleScenario", dependencies: ["DecoupleCore", "DecoupleData", "DecoupleMeasures", "DecoupleIO"]),
        .target(name: "DecoupleReport", dependencies: [
            "DecoupleCore", "DecoupleData", "DecoupleMeasures", "DecoupleIO", "DecoupleFramework", "DecouplePolicy", "DecoupleScenario",
            .product(name: "TextTable", package: "TextTable"),
            .product(name: "Rainbow", package: "Rainbow"),
        ]),
        // The dashboard and JSON API (`decouple serve`).
        .target(name: "DecoupleServer", dependencies: [
            "DecoupleCore", "DecoupleData", "DecoupleMeasures", "DecoupleFramework", "DecouplePolicy", "DecoupleScenario", "DecoupleReport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The `decouple` command tree, as a library so that builds with more engines (Integrations/Spark)
        // can run the same commands.
        .target(name: "DecoupleCLI", dependencies: [
            "DecoupleCore", "DecoupleData", "DecoupleMeasures", "DecoupleIO", "DecoupleFramework", "DecouplePolicy", "DecoupleReport",
            "DecoupleScenario", "DecoupleServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Rainbow", package: "Rainbow"),
        ]),
        .executableTarget(name: "decouple", dependencies: ["DecoupleCLI"]),
        .executableTarget(
            name: "decouple-bench",
            dependencies: ["DecoupleCore", "DecoupleData", "DecoupleIO", "DecoupleScenario"],
            path: "Benchmarks/decouple-bench"
        ),
        // Panel store and dependence-measure benchmarks (Benchmarks/run-panel.sh).
        .executableTarget(
            name: "panel-bench",
            dependencies: ["DecoupleCore", "DecoupleData", "DecoupleMeasures"],
            path: "Benchmarks/panel/panel-bench"
        ),
        .testTarget(name: "DecoupleCoreTests", dependencies: ["DecoupleCore"]),
        .testTarget(name: "DecoupleDataTests", dependencies: ["DecoupleData", "CZlib"]),
        .testTarget(name: "DecoupleMeasuresTests", dependencies: ["DecoupleMeasures", "DecoupleData"]),
        .testTarget(name: "DecoupleIOTests", dependencies: ["DecoupleIO", "DecoupleData"], exclude: ["Fixtures"]),
        .testTarget(name: "DecouplePolicyTests", dependencies: ["DecouplePolicy", "DecoupleData"]),
        .testTarget(name: "DecoupleFrameworkTests", dependencies: ["DecoupleFramework", "DecoupleData"]),
        .testTarget(name: "DecoupleReportTests", dependencies: ["DecoupleReport", "DecoupleData"]),
        .testTarget(name: "DecoupleServerTests", dependencies: [
            "DecoupleServer", "DecoupleReport", "DecoupleData",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "DecoupleScenarioTests", dependencies: ["DecoupleScenario", "DecoupleData", "DecoupleIO"]),
    ]
)
