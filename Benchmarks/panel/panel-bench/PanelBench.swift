import DecoupleCore
import DecoupleTrade
import Foundation

/// Times the panel store and the dependence measures on a generated BACI-format file;
/// `Benchmarks/run-panel.sh` runs the Python peers on the same file and prints the ratios.
/// Prints one JSON object per benchmark: {"name", "rows", "best_seconds", "runs", …}.
///
///     panel-bench import BACI_FILE STORE [RUNS]    read + validate + sort + write the store
///     panel-bench reopen STORE [RUNS]               memory-map and check the store
///     panel-bench sum STORE                         rows, value and quantity totals
///     panel-bench measures STORE [RUNS]             supplier HHI + import shares + RCA, every year
@main
struct PanelBench {
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    static func main() throws {
        let args = Array(CommandLine.arguments.dropFirst())
        guard args.count >= 2 else {
            print("usage: panel-bench import BACI_FILE STORE [RUNS] | reopen STORE [RUNS] | measures STORE [RUNS]")
            return
        }
        switch args[0] {
        case "import":
            let runs = args.count > 3 ? Int(args[3]) ?? 3 : 3
            var best = Double.infinity, rows = 0
            for _ in 0..<runs {
                let start = ContinuousClock.now
                rows = try PanelImport.baci(files: [args[1]], to: args[2]).rowCount
                best = min(best, seconds(ContinuousClock.now - start))
            }
            print("{\"name\": \"decouple.import\", \"rows\": \(rows), \"best_seconds\": \(best), \"runs\": \(runs)}")
        case "phases":
            // The import split into its read and write phases (for profiling).
            let codes = try BACICountryCodes.read(path: BACICountryCodes.locate(near: args[1])!)
            var builder = TradePanelBuilder(source: "BACI")
            var start = ContinuousClock.now
            try BACIReader(countryCodes: codes, edition: .hs2017).read(path: args[1], into: &builder)
            let read = seconds(ContinuousClock.now - start)
            start = ContinuousClock.now
            try builder.write(to: args[2])
            print("{\"name\": \"decouple.import.phases\", \"rows\": \(builder.rowCount), \"read_seconds\": \(read), \"write_seconds\": \(seconds(ContinuousClock.now - start))}")
        case "sum":
            // Rows and value total of a store (to check a benchmark's peers read the same numbers).
            let store = try TradePanelStore(path: args[1])
            let total = store.value.reduce(0, +)
            let quantity = store.quantity.reduce(0) { $1.isNaN ? $0 : $0 + $1 }
            print("{\"name\": \"decouple.sum\", \"rows\": \(store.rowCount), \"value\": \(total), \"quantity\": \(quantity)}")
        case "reopen":
            let runs = args.count > 2 ? Int(args[2]) ?? 5 : 5
            var best = Double.infinity, worst = 0.0, rows = 0
            for _ in 0..<runs {
                let start = ContinuousClock.now
                let store = try TradePanelStore(path: args[1])
                rows = store.rowCount
                let s = seconds(ContinuousClock.now - start)
                best = min(best, s)
                worst = max(worst, s)
            }
            print("{\"name\": \"decouple.reopen\", \"rows\": \(rows), \"best_seconds\": \(best), \"worst_seconds\": \(worst), \"runs\": \(runs)}")
        case "measures":
            let runs = args.count > 2 ? Int(args[2]) ?? 5 : 5
            let store = try TradePanelStore(path: args[1])
            let panel = store.bilateralPanel
            var productIndex: [ProductCode: Int] = [:]
            for (i, p) in panel.products.enumerated() { productIndex[p] = i }
            var best = Double.infinity
            var checksum = 0.0
            for _ in 0..<runs {
                let start = ContinuousClock.now
                checksum = 0
                for y in panel.years.indices {
                    // Supplier HHI of every importer and product, each flow's import share.
                    // The flows (imports by importer, product and supplier) are aggregated once:
                    // they give the concentration table and each flow's share.
                    let request = ImportConcentrationRequest(years: [panel.years[y]], countries: panel.countries, productList: panel.products)
                    let flows = panel.aggregationEngine.run(request.queries[0])
                    let concentration = request.result(from: [flows])[panel.years[y]]!
                    var shareSum = 0.0
                    // The aggregate's keys matched to the panel's indices once, then integer columns.
                    let countryPlace = flows.keys.countries.map { panel.index(of: $0) ?? -1 }
                    let productPlace = flows.keys.products.map { productIndex[$0] ?? -1 }
                    let reporters = flows.positions(.reporter), partners = flows.positions(.partner)
                    let products = flows.positions(.product)
                    for i in 0..<flows.count where flows.value[i] > 0 {
                        let m = countryPlace[Int(reporters[i])], k = countryPlace[Int(partners[i])], p = productPlace[Int(products[i])]
                        guard m >= 0, k >= 0, p >= 0, !panel.isAggregate[m], !panel.isAggregate[k] else { continue }
                        let total = concentration.totals[p * panel.countries.count + m]
                        if total > 0 { shareSum += flows.value[i] / total }
                    }
                    // Balassa RCA of every exporter and product.
                    let world = panel.worldExports(yearIndex: y)
                    var rcaSum = 0.0
                    for p in 0..<panel.products.count {
                        for c in 0..<panel.countries.count { rcaSum += world.rca(country: c, product: p) ?? 0 }
                    }
                    var hhiSum = 0.0
                    for p in 0..<panel.products.count {
                        for m in 0..<panel.countries.count { hhiSum += concentration.hhi(importer: m, product: p) ?? 0 }
                    }
                    checksum += rcaSum + hhiSum + shareSum
                }
                best = min(best, seconds(ContinuousClock.now - start))
            }
            print("{\"name\": \"decouple.measures\", \"rows\": \(store.rowCount), \"best_seconds\": \(best), \"runs\": \(runs), \"checksum\": \(checksum)}")
        default:
            print("unknown benchmark \(args[0])")
        }
    }
}
