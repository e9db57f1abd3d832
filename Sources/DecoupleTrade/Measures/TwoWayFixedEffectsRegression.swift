import DecoupleCore

/// OLS of an outcome on one regressor with unit and time fixed effects, and standard errors
/// clustered by unit:
///
///     y_it = α_i + γ_t + β·d_it + ε_it
///
/// By Frisch–Waugh–Lovell, β̂ = Σ d̃·ỹ / Σ d̃², where x̃ is x with both sets of means swept out.
/// The sweeping alternates unit and time demeaning until nothing changes by more than
/// `tolerance` (exact after two sweeps in a balanced panel; it also handles unbalanced ones).
/// Units with a single observation are dropped first (they are fitted exactly by their α_i).
///
/// Cluster-robust variance (clusters = units, G of them), with residuals e = ỹ − β̂·d̃:
///
///     V(β̂) = c · Σ_g (Σ_{i∈g} d̃_i e_i)² / (Σ d̃²)²,   c = G/(G−1) · (N−1)/(N−K)
///
/// K = 1 + (T − 1): the regressor and the time effects; the unit effects are nested in the
/// clusters and not counted (the convention of Stata's `reghdfe`).
public struct TwoWayFixedEffectsRegression: Sendable, Codable, Equatable {
    public let coefficient: Double
    public let standardError: Double
    /// Observations used (after dropping singletons).
    public let observations: Int
    /// Clusters (units) used.
    public let clusters: Int
    /// Time periods used.
    public let periods: Int
    /// Demeaning sweeps until convergence.
    public let iterations: Int

    public var tStatistic: Double { standardError > 0 ? coefficient / standardError : .nan }

    /// Fits the model; nil when it is not identified (fewer than two units, or no variation in
    /// the regressor once the fixed effects are swept out).
    public static func fit(outcome: [Double], regressor: [Double], unit: [Int], time: [Int],
                           tolerance: Double = 1e-12, maxIterations: Int = 10_000) -> TwoWayFixedEffectsRegression? {
        precondition(outcome.count == regressor.count && outcome.count == unit.count && outcome.count == time.count)
        // Drop singleton units, then re-index units and periods densely.
        var perUnit: [Int: Int] = [:]
        for u in unit { perUnit[u, default: 0] += 1 }
        let keep = (0..<outcome.count).filter { perUnit[unit[$0]]! > 1 && outcome[$0].isFinite && regressor[$0].isFinite }
        guard !keep.isEmpty else { return nil }
        var unitIndex: [Int: Int] = [:], timeIndex: [Int: Int] = [:]
        var u = [Int](), t = [Int]()
        u.reserveCapacity(keep.count); t.reserveCapacity(keep.count)
        for i in keep {
            let ui = unitIndex[unit[i]] ?? { let k = unitIndex.count; unitIndex[unit[i]] = k; return k }()
            let ti = timeIndex[time[i]] ?? { let k = timeIndex.count; timeIndex[time[i]] = k; return k }()
            u.append(ui); t.append(ti)
        }
        let g = unitIndex.count, periods = timeIndex.count, n = keep.count
        guard g >= 2 else { return nil }
        var y = keep.map { outcome[$0] }, d = keep.map { regressor[$0] }
        var unitCount = [Double](repeating: 0, count: g), timeCount = [Double](repeating: 0, count: periods)
        for i in 0..<n { unitCount[u[i]] += 1; timeCount[t[i]] += 1 }

        func sweep(_ x: inout [Double]) -> Int {
            var sweeps = 0
            while sweeps < maxIterations {
                sweeps += 1
                var change = 0.0
                var um = [Double](repeating: 0, count: g)
                for i in 0..<n { um[u[i]] += x[i] }
                for k in 0..<g { um[k] /= unitCount[k] }
                for i in 0..<n { x[i] -= um[u[i]]; change = max(change, abs(um[u[i]])) }
                var tm = [Double](repeating: 0, count: periods)
                for i in 0..<n { tm[t[i]] += x[i] }
                for k in 0..<periods { tm[k] /= timeCount[k] }
                for i in 0..<n { x[i] -= tm[t[i]]; change = max(change, abs(tm[t[i]])) }
                if change < tolerance { break }
            }
            return sweeps
        }
        let iterations = max(sweep(&y), sweep(&d))
        var dd = 0.0, dy = 0.0
        for i in 0..<n { dd += d[i] * d[i]; dy += d[i] * y[i] }
        guard dd > 1e-12 * Double(n) else { return nil }
        let beta = dy / dd
        var score = [Double](repeating: 0, count: g)
        for i in 0..<n { score[u[i]] += d[i] * (y[i] - beta * d[i]) }
        let meat = score.reduce(0) { $0 + $1 * $1 }
        let k = 1 + (periods - 1)
        let correction = n > k ? Double(g) / Double(g - 1) * Double(n - 1) / Double(n - k) : .nan
        let variance = correction * meat / (dd * dd)
        return TwoWayFixedEffectsRegression(coefficient: beta, standardError: variance.squareRoot(), observations: n,
                                            clusters: g, periods: periods, iterations: iterations)
    }
}
