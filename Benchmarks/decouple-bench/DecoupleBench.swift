import DecoupleCore
import DecoupleTrade
import Foundation

/// Times Decouple's readers on real files; `Benchmarks/run.sh` compares the result with the
/// Python peers. Prints one JSON object per benchmark: {"name", "rows", "best_seconds", "runs"}.
@main
struct DecoupleBench {
    static func main() throws {
        let args = CommandLine.arguments.dropFirst()
        guard args.count >= 2 else {
            print("usage: decouple-bench dots|tokenize FILE [RUNS]")
            return
        }
        let kind = args[args.startIndex], path = args[args.startIndex + 1]
        let runs = args.count > 2 ? Int(args[args.startIndex + 2]) ?? 5 : 5
        var best = Double.infinity
        var rows = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            switch kind {
            case "dots":
                let provenance = BundledDataset.imfDOTS.provenance
                rows = try DOTSReader().read(path: path, provenance: provenance).flows.count
            case "tokenize":
                var n = 0
                try DelimitedFileReader(path: path).forEachRecord { _ in n += 1 }
                rows = n - 1
            case "icio-extraction":
                try ScenarioBench.run(folder: path, runs: runs)
                return
            case "blas-threads":
                try IOBench.blasThreads(folder: path, runs: runs)
                return
            case "icio-load", "icio-leontief", "icio-exposure":
                try IOBench.run(kind, folder: path, runs: runs)
                return
            default:
                print("unknown benchmark \(kind)")
                return
            }
            let d = ContinuousClock.now - start
            let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            best = min(best, seconds)
        }
        print("{\"name\": \"\(kind)\", \"rows\": \(rows), \"best_seconds\": \(best), \"runs\": \(runs)}")
    }
}
