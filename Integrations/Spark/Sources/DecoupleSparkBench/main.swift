import DecoupleCore
import DecoupleTrade
import DecoupleSpark
import Foundation

// The same aggregations on the local panel store and on Spark (scripts/bench.sh).
//
//   decouple-spark-bench URL BACI_CSV COUNTRY_FILE STORE [PARQUET_DIR] [REPEATS]
//
// Imports the CSV into STORE when it does not exist, then times each query on the local
// engine and on Spark (CSV; Parquet when PARQUET_DIR is given: written by Spark first), checks
// that the answers agree, and prints the times and the Spark/local ratio.

let args = CommandLine.arguments
guard args.count >= 5 else {
    print("usage: decouple-spark-bench URL BACI_CSV COUNTRY_FILE STORE [PARQUET_DIR] [REPEATS]")
    exit(2)
}
let (url, csv, countryFile, storePath) = (args[1], args[2], args[3], args[4])
let parquetDir = args.count > 5 && !args[5].isEmpty ? args[5] : nil
let repeats = args.count > 6 ? Int(args[6]) ?? 3 : 3

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let result = try await body()
    return (result, seconds(ContinuousClock.now - start))
}
func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

do {
    if !FileManager.default.fileExists(atPath: storePath) {
        let (_, t) = try await timed {
            try PanelImport.baci(files: [csv], countryCodes: countryFile, edition: .hs2017, to: storePath)
        }
        print("local import of \(csv): \(fmt(t)) s (once; the store is reused)")
    }
    let store = try TradePanelStore(path: storePath)
    let local = LocalTradeAggregationEngine(store: store)
    print("rows: \(store.value.count), years \(store.years.first ?? 0)–\(store.years.last ?? 0), countries \(store.countries.count), products \(store.products.count)")

    var engines: [(String, SparkTradeAggregationEngine)] = []
    let csvEngine = try SparkTradeAggregationEngine(request: TradeEngineRequest(
        engine: "spark", url: url, source: csv, layout: .baci, edition: .hs2017, countryCodes: countryFile))
    engines.append(("spark local[2], CSV", csvEngine))
    if let parquetDir {
        if !FileManager.default.fileExists(atPath: parquetDir) {
            let (_, t) = try await timed {
                try await csvEngine.client.withConnection { s in
                    _ = try await s.sql(csvEngine.source.setupStatement!)
                    _ = try await s.sql("INSERT OVERWRITE DIRECTORY '\(parquetDir)' USING parquet SELECT * FROM \(csvEngine.source.relation)")
                }
            }
            print("Spark wrote the CSV as Parquet in \(fmt(t)) s (once)")
        }
        engines.append(("spark local[2], Parquet", try SparkTradeAggregationEngine(request: TradeEngineRequest(
            engine: "spark", url: url, source: "parquet:" + parquetDir, layout: .baci, edition: .hs2017, countryCodes: countryFile))))
    }

    let taxonomy = ProductFilter.groups([
        ProductGroupMember(code: "850760", chain: "batteries", stage: "cells"),
        ProductGroupMember(code: "850780", chain: "batteries", stage: "cells", weight: 0.25),
        ProductGroupMember(code: "284690", chain: "batteries", stage: "materials", weight: 0.5),
        ProductGroupMember(code: "260300", chain: "copper", stage: "ore"),
        ProductGroupMember(code: "854143", chain: "solar", stage: "modules"),
    ])
    let queries: [(String, TradeAggregationQuery)] = [
        ("imports by year × reporter × partner, all products", TradeAggregationQuery(side: .imports, groupBy: [.year, .reporter, .partner])),
        ("exports of a taxonomy by chain × stage × year × reporter",
         TradeAggregationQuery(side: .exports, products: taxonomy, groupBy: [.chain, .stage, .year, .reporter])),
    ]
    for (label, query) in queries {
        print("\n\(label)")
        var localBest = Double.infinity
        var localResult: TradeAggregate?
        for _ in 0..<repeats {
            let (r, t) = await timed { local.run(query) }
            localBest = min(localBest, t); localResult = r
        }
        print("  local store          best of \(repeats): \(fmt(localBest)) s  (\(localResult!.rows.count) groups)")
        for (name, engine) in engines {
            var best = Double.infinity
            var first = 0.0
            var result: TradeAggregate?
            for i in 0..<repeats {
                let (r, t) = try await timed { try await engine.aggregate(query) }
                if i == 0 { first = t }
                best = min(best, t); result = r
            }
            let same = result!.rows.count == localResult!.rows.count
                && zip(result!.rows, localResult!.rows).allSatisfy {
                    $0.rowCount == $1.rowCount && abs($0.value - $1.value) <= 1e-9 * max(abs($0.value), abs($1.value))
                }
            print("  \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) best of \(repeats): \(fmt(best)) s (first \(fmt(first)) s)"
                  + "  ratio spark/local \(String(format: "%.1f", best / localBest))×  identical: \(same)")
            if !same { throw SparkTradeSourceError("the engines disagree on '\(label)'") }
        }
    }
} catch {
    FileHandle.standardError.write(Data("decouple-spark-bench: \(error)\n".utf8))
    exit(1)
}
