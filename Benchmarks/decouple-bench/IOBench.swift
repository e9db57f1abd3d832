import CLapack
import DecoupleInputOutput
#if canImport(Glibc)
import Glibc
#endif

/// Input–output benchmarks on the bundled OECD ICIO 2022 block (n = 4000); `Benchmarks/run-io.sh`
/// compares them with numpy and pymrio. The table is loaded once; each case times only its own
/// step, best of `runs`:
/// - `icio-load`: read the dense Z (gzip CSV) and the node list;
/// - `icio-leontief`: the full L = (I − A)⁻¹ (A = Z x̂⁻¹, dgetrf + dgetri), like numpy `inv`;
/// - `icio-exposure`: A, one LU of I − A, L[:, US] by one solve, look-through exposure of all US
///   sectors to all 80 sources (and tiers 1–3, value added), like pymrio's `calc_A`/`calc_L` path.
enum IOBench {
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    static func peakRSSMB() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_maxrss) / 1024
    }

    static func run(_ kind: String, folder: String, runs: Int) throws {
        let clock = ContinuousClock()
        var loadBest = Double.infinity
        var table: InputOutputTableData? = nil
        for _ in 0..<(kind == "icio-load" ? runs : 1) {
            let t0 = clock.now
            table = try OECDICIOBlockReader().read(folder: folder)
            loadBest = min(loadBest, seconds(clock.now - t0))
        }
        let t = table!
        let system = try InputOutputSystem(nodes: zip(t.nodeRegions, t.nodeSectors).map { IONode(region: $0, sector: $1) },
                                           Z: DenseMatrix(rows: t.n, columns: t.n, columnMajor: t.intermediate)!, x: t.grossOutput)
        var best = kind == "icio-load" ? loadBest : Double.infinity
        var check = 0.0
        if kind == "icio-leontief" {
            let m = iMinusA(system.A)   // I − A is formed outside the timed step, as for numpy
            for _ in 0..<runs {
                let t0 = clock.now
                let L = try LUFactorization(m).inverse()
                best = min(best, seconds(clock.now - t0))
                check = L[0, 0]
            }
        } else if kind == "icio-exposure" {
            for _ in 0..<runs {
                let t0 = clock.now
                let model = try LeontiefModel(system)
                let e = try ImporterExposure(model: model, importer: "USA", tiers: 4)
                best = min(best, seconds(clock.now - t0))
                check = e.lookThrough[e.row(of: "CHN")!, e.column(ofSector: "C26")!]
            }
        }
        let core = String(cString: openblas_get_corename())
        let config = String(cString: openblas_get_config())
        print("{\"name\": \"\(kind)\", \"rows\": \(t.n), \"best_seconds\": \(best), \"runs\": \(runs), \"load_seconds\": \(loadBest), \"check\": \(check), \"peak_rss_mb\": \(peakRSSMB()), \"openblas_core\": \"\(core)\", \"openblas_config\": \"\(config)\", \"threads\": \(openblas_get_num_threads())}")
    }

    /// I − A (column-major copy).
    static func iMinusA(_ a: DenseMatrix) -> DenseMatrix {
        var m = a
        let n = a.rows
        m.values.withUnsafeMutableBufferPointer { p in
            for k in p.indices { p[k] = -p[k] }
            for i in 0..<n { p[i * n + i] += 1 }
        }
        return m
    }
}
