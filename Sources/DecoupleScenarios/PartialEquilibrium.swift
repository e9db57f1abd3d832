import DecoupleCore
import Foundation

/// A SMART-style partial-equilibrium model of one importer's market for one product
/// (Jammes & Olarreaga, "Explaining SMART and GSIM", World Bank 2005), solved exactly in
/// levels rather than linearised. Equations (docs/scenario.md §2):
///
/// Units: base world prices are 1, so a base quantity equals the base import value `M_k⁰`.
/// `s_k = M_k⁰ / Σ M⁰` are the base shares. A tariff shock moves the tariff factor of source k
/// by `τ_k = (1 + t_k¹) / (1 + t_k⁰)`.
/// - export supply of k: `q_k / q_k⁰ = w_k^{η_k}` (`w_k` the price k receives, relative to
///   base; `η_k = ∞` ⇒ `w_k = 1`),
/// - importer's price of k: `p_k = τ_k w_k`,
/// - CES (Armington) price index: `P = (Σ_k s_k p_k^{1−σ})^{1/(1−σ)}` (`σ = 1`: `ln P = Σ s_k ln p_k`),
/// - composite import demand: `Q = P^{−ε}` (ε ≥ 0 the import-demand elasticity in absolute value),
/// - demand for k: `q_k / q_k⁰ = (p_k / P)^{−σ} Q`.
///
/// Equating supply and demand for k given P: `ln w_k = (−σ ln τ_k + (σ − ε) ln P) / (η_k + σ)`,
/// so `ln p_k = (η_k ln τ_k + (σ − ε) ln P) / (η_k + σ)`; P then solves the scalar equation
/// `ln P = ln CES(p(P))`, whose residual is strictly decreasing in `ln P` (its slope is
/// `Σ ω_k (σ − ε)/(η_k + σ) − 1 < 0` for σ > 0), found by bisection.
/// A prohibitive tariff removes the source (`q_k = 0`); it needs σ > 1 (with σ ≤ 1 the CES
/// composite without an essential source is unbounded).
///
/// Decomposition of the volume change of source k (at base prices):
/// trade creation `TC_k = q_k⁰ (Q − 1)`, trade diversion `TD_k = q_k⁰ Q ((p_k/P)^{−σ} − 1)`,
/// `TC_k + TD_k = q_k − q_k⁰`. Exporter revenue change: `w_k q_k − q_k⁰`.
public struct PartialEquilibrium: Sendable {
    public struct Source: Sendable, Codable, Hashable {
        public var name: String
        /// Base import value (any money unit; results are in the same unit).
        public var baseValue: Double
        /// Base ad-valorem tariff (0.1 = 10 %).
        public var baseTariff: Double
        /// New ad-valorem tariff; nil = prohibitive (trade stops).
        public var newTariff: Double?
        /// Export supply elasticity η_k ≥ 0; `.infinity` = perfectly elastic (SMART's default).
        public var supplyElasticity: Double

        public init(name: String, baseValue: Double, baseTariff: Double = 0, newTariff: Double? = 0,
                    supplyElasticity: Double = .infinity) {
            self.name = name
            self.baseValue = baseValue
            self.baseTariff = baseTariff
            self.newTariff = newTariff
            self.supplyElasticity = supplyElasticity
        }
    }

    public struct SourceResult: Sendable, Codable, Hashable {
        public let name: String
        public let baseValue: Double
        /// New import volume at base prices (= base value × quantity index).
        public let newVolume: Double
        public let tradeCreation: Double
        public let tradeDiversion: Double
        /// Price received by the exporter relative to base (`w_k`).
        public let exporterPrice: Double
        /// Importer's tariff-inclusive price relative to base (`p_k`); nil when prohibitive.
        public let importerPrice: Double?
        /// `w_k q_k − q_k⁰`.
        public let exporterRevenueChange: Double
    }

    public struct Result: Sendable, Codable, Hashable {
        public let sources: [SourceResult]
        /// CES import price index relative to base (`P`).
        public let priceIndex: Double
        /// Composite import quantity relative to base (`Q = P^{−ε}`).
        public let compositeQuantity: Double
        public let baseImports: Double
        public let newImports: Double
        public let tradeCreation: Double
        /// Σ of positive diversions (to the sources that gain).
        public let tradeDiversionGained: Double
        /// Change in the importer's tariff revenue (new − base), in the money unit.
        public let tariffRevenueChange: Double
    }

    public var sources: [Source]
    /// Import-demand elasticity ε ≥ 0 (absolute value).
    public var importDemandElasticity: Double
    /// Substitution elasticity σ > 0 between sources.
    public var substitutionElasticity: Double

    public init(sources: [Source], importDemandElasticity: Double, substitutionElasticity: Double) {
        self.sources = sources
        self.importDemandElasticity = importDemandElasticity
        self.substitutionElasticity = substitutionElasticity
    }

    public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public func solve() throws -> Result {
        let eps = importDemandElasticity, sigma = substitutionElasticity
        guard eps.isFinite, eps >= 0 else { throw ModelError(message: "the import-demand elasticity must be a finite number ≥ 0, got \(eps)") }
        guard sigma.isFinite, sigma > 0 else { throw ModelError(message: "the substitution elasticity must be a finite number > 0, got \(sigma)") }
        guard !sources.isEmpty else { throw ModelError(message: "no sources") }
        for s in sources {
            guard s.baseValue.isFinite, s.baseValue >= 0 else { throw ModelError(message: "base value of \(s.name) must be ≥ 0, got \(s.baseValue)") }
            guard s.baseTariff.isFinite, s.baseTariff > -1 else { throw ModelError(message: "base tariff of \(s.name) must be > −1, got \(s.baseTariff)") }
            if let t = s.newTariff, !(t.isFinite && t > -1) { throw ModelError(message: "new tariff of \(s.name) must be > −1, got \(t)") }
            guard !s.supplyElasticity.isNaN, s.supplyElasticity >= 0 else { throw ModelError(message: "supply elasticity of \(s.name) must be ≥ 0, got \(s.supplyElasticity)") }
        }
        let total = sources.reduce(0) { $0 + $1.baseValue }
        guard total > 0 else { throw ModelError(message: "the base imports are zero: nothing to model") }
        let share = sources.map { $0.baseValue / total }
        let prohibitive = sources.map { $0.newTariff == nil }
        if zip(prohibitive, share).contains(where: { $0 && $1 > 0 }) && sigma <= 1 {
            throw ModelError(message: "a prohibitive tariff needs a substitution elasticity > 1 (got \(sigma)): with σ ≤ 1 the CES import composite cannot do without a source")
        }
        guard zip(prohibitive, share).contains(where: { !$0 && $1 > 0 }) else {
            throw ModelError(message: "every source is cut: no remaining supplier to substitute")
        }
        let logTau = sources.map { s in s.newTariff.map { log((1 + $0) / (1 + s.baseTariff)) } ?? 0 }

        func logPrice(_ k: Int, _ logP: Double) -> Double {
            let eta = sources[k].supplyElasticity
            if eta.isInfinite { return logTau[k] }
            return (eta * logTau[k] + (sigma - eps) * logP) / (eta + sigma)
        }
        func logCES(_ logP: Double) -> Double {
            if abs(sigma - 1) < 1e-12 {
                var s = 0.0
                for k in sources.indices where !prohibitive[k] { s += share[k] * logPrice(k, logP) }
                return s
            }
            var s = 0.0
            for k in sources.indices where !prohibitive[k] && share[k] > 0 {
                s += share[k] * exp((1 - sigma) * logPrice(k, logP))
            }
            return log(s) / (1 - sigma)
        }
        // Residual F(ln P) = ln CES(p(P)) − ln P is strictly decreasing: bracket and bisect.
        func F(_ x: Double) -> Double { logCES(x) - x }
        var lo = -1.0, hi = 1.0
        var guardCount = 0
        while F(lo) < 0 && guardCount < 60 { lo *= 2; guardCount += 1 }
        while F(hi) > 0 && guardCount < 120 { hi *= 2; guardCount += 1 }
        guard F(lo) >= 0, F(hi) <= 0 else { throw ModelError(message: "no equilibrium price index found") }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if F(mid) > 0 { lo = mid } else { hi = mid }
            if hi - lo < 1e-14 { break }
        }
        let logP = 0.5 * (lo + hi)
        let P = exp(logP)
        let Q = exp(-eps * logP)
        var results: [SourceResult] = []
        var newImports = 0.0, creation = 0.0, gained = 0.0, tariffChange = 0.0
        for (k, s) in sources.enumerated() {
            let q0 = s.baseValue
            if prohibitive[k] {
                let tc = q0 * (Q - 1)
                results.append(SourceResult(name: s.name, baseValue: q0, newVolume: 0, tradeCreation: tc, tradeDiversion: -q0 - tc,
                                            exporterPrice: 1, importerPrice: nil, exporterRevenueChange: -q0))
                creation += tc
                tariffChange -= s.baseTariff * q0
                continue
            }
            let lp = logPrice(k, logP)
            let relative = exp(-sigma * (lp - logP))
            let q = q0 * relative * Q
            let w = exp(lp - logTau[k])
            let tc = q0 * (Q - 1), td = q0 * Q * (relative - 1)
            results.append(SourceResult(name: s.name, baseValue: q0, newVolume: q, tradeCreation: tc, tradeDiversion: td,
                                        exporterPrice: w, importerPrice: exp(lp), exporterRevenueChange: w * q - q0))
            newImports += q
            creation += tc
            if td > 0 { gained += td }
            tariffChange += (s.newTariff ?? 0) * w * q - s.baseTariff * q0
        }
        // With σ just above 1 a prohibitive cut sends the price index to infinity: the parameters
        // are valid but the model has no finite answer (issue #22: it was printed as NaN).
        let numbers = [P, Q, newImports, creation, gained, tariffChange]
            + results.flatMap { [$0.newVolume, $0.tradeCreation, $0.tradeDiversion, $0.exporterPrice, $0.exporterRevenueChange] }
        guard numbers.allSatisfy(\.isFinite) else {
            throw ModelError(message: "no finite equilibrium with a substitution elasticity of \(sigma): cutting \(sources.indices.filter { prohibitive[$0] }.map { sources[$0].name }.joined(separator: ", ")) sends the import price index to \(P) (the closer σ is to 1, the less the remaining suppliers can stand in); use a larger substitution elasticity or an ad-valorem tariff")
        }
        return Result(sources: results, priceIndex: P, compositeQuantity: Q, baseImports: total, newImports: newImports,
                      tradeCreation: creation, tradeDiversionGained: gained, tariffRevenueChange: tariffChange)
    }
}
