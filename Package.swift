// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Decouple",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "decouple", targets: ["decouple"]),
        .library(name: "DecoupleCore", targets: ["DecoupleCore"]),
        .library(name: "DecoupleTrade", targets: ["DecoupleTrade"]),
        .library(name: "DecoupleInputOutput", targets: ["DecoupleInputOutput"]),
        .library(name: "DecoupleMinerals", targets: ["DecoupleMinerals"]),
        .library(name: "DecouplePolicy", targets: ["DecouplePolicy"]),
        .library(name: "DecoupleInstrumentChoice", targets: ["DecoupleInstrumentChoice"]),
        .library(name: "DecoupleScenarios", targets: ["DecoupleScenarios"]),
        .library(name: "DecoupleFetch", targets: ["DecoupleFetch"]),
        .library(name: "DecoupleAnalyses", targets: ["DecoupleAnalyses"]),
        .library(name: "DecoupleRendering", targets: ["DecoupleRendering"]),
        .library(name: "DecoupleServer", targets: ["DecoupleServer"]),
        .library(name: "DecoupleCLI", targets: ["DecoupleCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/ordo-one/TextTable", from: "0.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `decouple data fetch`: HTTP/1.1 and TLS on SwiftNIO (the server's NIO family), and zips.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The server's request-read timeouts handle HTTP parts (NIOHTTPTypes; already used by Hummingbird).
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // zlib from the system (Debian zlib1g-dev) for streaming gzip.
        .systemLibrary(
            name: "CSystemZlib",
            path: "Sources/CSystemZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Linux system calls that Swift's Glibc module leaves out (renameat2).
        .systemLibrary(name: "CSystemCalls", path: "Sources/CSystemCalls"),
        // OpenBLAS + LAPACKE from Debian (libopenblas-dev, liblapacke-dev) for the input-output engine.
        .systemLibrary(
            name: "CLapack",
            path: "Sources/CLapack",
            pkgConfig: "lapacke",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // Modules by feature: each owns its readers, types and measures (docs/architecture.md).
        // Core: countries, periods, HS codes, provenance, data issues, gzip/CSV input, the catalog.
        .target(name: "DecoupleCore", dependencies: ["CSystemZlib", "CSystemCalls"]),
        // Trade: every trade reader, the columnar panel and its store, aggregation engines,
        // the strategic taxonomy and HS concordance, every trade measure.
        .target(name: "DecoupleTrade", dependencies: ["DecoupleCore"]),
        // Input–output tables: readers, the IO system, Leontief inverse, look-through exposure.
        .target(name: "DecoupleInputOutput", dependencies: ["DecoupleCore", "CLapack"]),
        // Critical minerals: USGS readers and the supply measures (reliance, shares, risk).
        .target(name: "DecoupleMinerals", dependencies: ["DecoupleCore"]),
        // Policy: measures, alliances, the §30D clean-vehicle credit, friend-shoring.
        .target(name: "DecouplePolicy", dependencies: ["DecoupleCore", "DecoupleTrade"]),
        // The paper's model of instrument choice (Zhou 2024): indicators, advantage, predicted
        // and observed instruments, the minerals endowment rule.
        .target(name: "DecoupleInstrumentChoice", dependencies: [
            "DecoupleCore", "DecoupleTrade", "DecoupleInputOutput", "DecoupleMinerals", "DecouplePolicy",
        ]),
        // Fetching official data (Census, UN Comtrade, BACI, OECD ICIO, USGS MCS) into a cache with
        // provenance: HTTP with retries, resume and checksums, zips, progress.
        .target(name: "DecoupleFetch", dependencies: [
            "DecoupleCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // Cut-off scenarios: extraction, mineral supply gaps, partial equilibrium.
        .target(name: "DecoupleScenarios", dependencies: ["DecoupleCore", "DecoupleTrade", "DecoupleInputOutput", "DecoupleMinerals"]),
        // The one layer that composes features: one function per analysis, request → typed
        // document (figures, tables, chart data, provenance). Re-exports the feature modules.
        .target(name: "DecoupleAnalyses", dependencies: [
            "DecoupleCore", "DecoupleTrade", "DecoupleInputOutput", "DecoupleMinerals", "DecouplePolicy",
            "DecoupleInstrumentChoice", "DecoupleScenarios", "DecoupleFetch",
        ]),
        // The one rendering layer: charts (SVG), text, CSV, JSON and HTML of the documents.
        .target(name: "DecoupleRendering", dependencies: [
            "DecoupleAnalyses",
            .product(name: "TextTable", package: "TextTable"),
            .product(name: "Rainbow", package: "Rainbow"),
        ]),
        // The dashboard and JSON API (`decouple serve`).
        .target(name: "DecoupleServer", dependencies: [
            "DecoupleAnalyses", "DecoupleRendering",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        ]),
        // The `decouple` command tree, as a library so that builds with more engines (Integrations/Spark)
        // can run the same commands.
        .target(name: "DecoupleCLI", dependencies: [
            "DecoupleAnalyses", "DecoupleRendering", "DecoupleServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Rainbow", package: "Rainbow"),
        ]),
        .executableTarget(name: "decouple", dependencies: ["DecoupleCLI"]),
        .executableTarget(
            name: "decouple-bench",
            dependencies: ["DecoupleCore", "DecoupleTrade", "DecoupleInputOutput", "DecoupleScenarios"],
            path: "Benchmarks/decouple-bench"
        ),
        // Panel store and dependence-measure benchmarks (Benchmarks/run-panel.sh).
        .executableTarget(
            name: "panel-bench",
            dependencies: ["DecoupleCore", "DecoupleTrade"],
            path: "Benchmarks/panel/panel-bench"
        ),
        // Temporary folders, made-up files and the bundled catalog, shared by the test targets.
        .target(name: "DecoupleTestSupport", dependencies: ["DecoupleCore"], path: "Tests/DecoupleTestSupport"),
        // The seeded mutation fuzzer over the readers (#22; a bounded run is part of .ci/run).
        .executableTarget(
            name: "decouple-fuzz",
            dependencies: ["DecoupleCore", "DecoupleTrade", "DecoupleInputOutput", "DecoupleMinerals", "DecoupleScenarios",
                           "DecoupleInstrumentChoice", "DecouplePolicy", "DecoupleTestSupport"],
            path: "Tests/Fuzz"
        ),
        .testTarget(name: "DecoupleCoreTests", dependencies: ["DecoupleCore", "DecoupleTestSupport", "CSystemZlib"]),
        .testTarget(name: "DecoupleTradeTests", dependencies: ["DecoupleTrade", "DecoupleTestSupport"]),
        .testTarget(name: "DecoupleInputOutputTests", dependencies: ["DecoupleInputOutput", "DecoupleTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "DecoupleMineralsTests", dependencies: ["DecoupleMinerals", "DecoupleTestSupport"]),
        .testTarget(name: "DecouplePolicyTests", dependencies: ["DecouplePolicy", "DecoupleTestSupport"]),
        .testTarget(name: "DecoupleInstrumentChoiceTests", dependencies: ["DecoupleInstrumentChoice", "DecoupleTestSupport"]),
        .testTarget(name: "DecoupleFetchTests", dependencies: [
            "DecoupleFetch", "DecoupleAnalyses", "DecoupleRendering", "DecoupleTestSupport",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "DecoupleScenariosTests", dependencies: ["DecoupleScenarios", "DecoupleTestSupport"]),
        .testTarget(name: "DecoupleAnalysesTests", dependencies: ["DecoupleAnalyses", "DecoupleRendering", "DecoupleTestSupport"]),
        .testTarget(name: "DecoupleRenderingTests", dependencies: ["DecoupleRendering", "DecoupleTestSupport"]),
        // The command line's option validation and request building.
        .testTarget(name: "DecoupleCLITests", dependencies: [
            "DecoupleCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Reads Sources/ and checks the layering (no module dependency: it scans text).
        .testTarget(name: "DecoupleArchitectureTests"),
        .testTarget(name: "DecoupleServerTests", dependencies: [
            "DecoupleServer", "DecoupleAnalyses", "DecoupleRendering", "DecoupleTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
