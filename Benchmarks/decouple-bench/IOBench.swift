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

    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6
    }

    /// `blas-threads`: the BLAS/LAPACK steps of the input–output cold path — the LU of I − A,
    /// the transposed solves with one right-hand side per region, a product (R × n)(n × n) — on
    /// the ICIO block (n = 4000) and on its leading sub-blocks (n = 100 … 2000), with OpenBLAS on
    /// 1 thread and on every core, interleaved; best wall time and the CPU time of that run.
    static func blasThreads(folder: String, runs: Int) throws {
        let t = try OECDICIOBlockReader().read(folder: folder)
        let system = try InputOutputSystem(nodes: zip(t.nodeRegions, t.nodeSectors).map { IONode(region: $0, sector: $1) },
                                           Z: DenseMatrix(rows: t.n, columns: t.n, columnMajor: t.intermediate)!, x: t.grossOutput)
        let full = iMinusA(system.A)
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let regions = 81
        for n in [100, 400, 1000, 2000, 4000] {
            var m = DenseMatrix(rows: n, columns: n)
            for j in 0..<n { for i in 0..<n { m[i, j] = full[i, j] } }
            var rhs = DenseMatrix(rows: n, columns: regions)
            for i in 0..<n { rhs[i, i % regions] = 1 }
            var left = DenseMatrix(rows: regions, columns: n)
            for j in 0..<n { left[j % regions, j] = 1 }
            var best: [String: (wall: Double, cpu: Double)] = [:]
            for _ in 0..<runs {
                for threads in Array(Set([1, cores])).sorted() {
                    openblas_set_num_threads(Int32(threads))
                    func time(_ step: String, _ body: () -> Void) {
                        let c0 = cpuSeconds(), t0 = ContinuousClock.now
                        body()
                        let wall = seconds(ContinuousClock.now - t0), cpu = cpuSeconds() - c0
                        let key = "\(step)/\(threads)"
                        if wall < best[key]?.wall ?? .infinity { best[key] = (wall, cpu) }
                    }
                    // LAPACK and BLAS called directly: Decouple's own choice of threads
                    // (BLASThreads) would override the count set above.
                    var a = m.values, pivots = [Int32](repeating: 0, count: n)
                    time("lu") { _ = LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), &a, Int32(n), &pivots) }
                    var x = rhs.values
                    time("solve") {
                        _ = LAPACKE_dgetrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "T")), Int32(n), Int32(regions), a, Int32(n), pivots, &x, Int32(n))
                    }
                    var c = [Double](repeating: 0, count: regions * n)
                    time("gemm") {
                        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(regions), Int32(n), Int32(n), 1.0, left.values,
                                    Int32(regions), m.values, Int32(n), 0.0, &c, Int32(regions))
                    }
                }
            }
            for step in ["lu", "solve", "gemm"] {
                let one = best["\(step)/1"]!, all = best["\(step)/\(cores)"]!
                print("{\"name\": \"blas-threads\", \"n\": \(n), \"step\": \"\(step)\", \"cores\": \(cores), \"runs\": \(runs), \"wall_1\": \(one.wall), \"cpu_1\": \(one.cpu), \"wall_all\": \(all.wall), \"cpu_all\": \(all.cpu)}")
            }
        }
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
