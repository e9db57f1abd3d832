import DecoupleInputOutput
import DecoupleScenarios

/// `icio-extraction`: the scenario simulator's input–output step on the bundled OECD ICIO 2022
/// block (n = 4000): extract CHN_C26's sales to every US sector, form A*, one LU of I − A*,
/// the backward solve L* d and the transposed (Ghosh) solve. `Benchmarks/run-scenario.sh`
/// compares it with numpy/scipy (Benchmarks/scenario_numpy.py).
enum ScenarioBench {
    static func run(folder: String, runs: Int) throws {
        let clock = ContinuousClock()
        let t = try OECDICIOBlockReader().read(folder: folder)
        let system = try InputOutputSystem(nodes: zip(t.nodeRegions, t.nodeSectors).map { IONode(region: $0, sector: $1) },
                                           Z: DenseMatrix(rows: t.n, columns: t.n, columnMajor: t.intermediate)!, x: t.grossOutput)
        let src = [system.index(of: IONode(region: "CHN", sector: "C26"))!]
        let us = system.indices(ofRegion: "USA")
        var best = Double.infinity
        var backward = 0.0, forward = 0.0
        for _ in 0..<runs {
            let t0 = clock.now
            let ex = try HypotheticalExtraction(system: system, sources: src, importer: us, fraction: 1)
            best = min(best, IOBench.seconds(clock.now - t0))
            backward = ex.backwardLoss.reduce(0, +)
            forward = ex.forwardLoss.reduce(0, +)
        }
        print("{\"name\": \"icio-extraction\", \"rows\": \(t.n), \"best_seconds\": \(best), \"runs\": \(runs), \"backward\": \(backward), \"forward\": \(forward), \"peak_rss_mb\": \(IOBench.peakRSSMB())}")
    }
}
