import DecoupleCore

/// Selective decoupling as a difference in differences: did the rival's share of the reporter's
/// imports fall more in strategic products than in all other products after a policy date?
///
///     share_pt = α_p + γ_t + β · (strategic_p × post_t) + ε_pt
///
/// share_pt is the rival's share of the reporter's imports of HS6 product p in year t (the
/// reporter's World row as denominator when the source has one, else the sum over partners);
/// strategic_p = 1 for products in the strategic selection; post_t = 1 from `policyYear` on.
/// Estimated by ``TwoWayFixedEffectsRegression`` (product and year fixed effects, standard errors
/// clustered by product). β < 0: the rival lost more share in strategic products — selective
/// decoupling. Products are matched by code across HS editions; a code counts as strategic when
/// the selection weights it in any edition; only products the reporter imports in a year enter
/// that year.
public struct SelectiveDecouplingEstimate: Sendable, Codable {
    public let reporter: Country
    public let rival: Country
    public let strategicProducts: String
    public let policyYear: Int
    public let firstYear: Int
    public let lastYear: Int
    /// β̂, in share points as a fraction (−0.05: five percentage points more decline).
    public let coefficient: Double
    public let standardError: Double
    public let tStatistic: Double
    public let observations: Int
    public let products: Int
    public let strategicProductCount: Int
    /// Mean share of the rival in strategic / other products, before and after the policy year.
    public let meanShareStrategicBefore: Double
    public let meanShareStrategicAfter: Double
    public let meanShareOtherBefore: Double
    public let meanShareOtherAfter: Double
}

extension BilateralPanel {
    /// The rival's share in each HS6 product and year: (product code, year, share).
    func rivalShares(reporter c: Int, rival r: Int?, years: [Int]) -> [(code: String, year: Int, rival: Double, total: Double)] {
        var out: [(String, Int, Double, Double)] = []
        let c16 = UInt16(c)
        let worldIndex = index(of: .world)
        for year in years {
            let y = yearIndex(year)!
            var byCode: [String: (Double, Double)] = [:]
            for p in 0..<products.count where products[p].level == .hs6 {
                var rivalValue = 0.0, sum = 0.0
                var world: Double? = nil
                for row in rows(yearIndex: y, productIndex: p) where importer[row] == c16 && basis[row] != 2 {
                    let e = Int(exporter[row])
                    if e == worldIndex { world = (world ?? 0) + value[row]; continue }
                    if isAggregate[e] { continue }
                    sum += value[row]
                    if e == r { rivalValue += value[row] }
                }
                let total = world ?? sum
                guard total > 0 else { continue }
                let code = products[p].code
                let old = byCode[code] ?? (0, 0)
                byCode[code] = (old.0 + rivalValue, old.1 + total)
            }
            for (code, v) in byCode { out.append((code, year, v.0, v.1)) }
        }
        return out.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    }

    /// Estimates selective decoupling; nil when the panel cannot identify it (no strategic or no
    /// other products, no years on both sides of `policyYear`, reporter absent).
    public func selectiveDecoupling(reporter: Country, rival: Country, strategic: ProductSelection,
                                    policyYear: Int, years range: ClosedRange<Int>? = nil) -> SelectiveDecouplingEstimate? {
        guard let c = index(of: reporter) else { return nil }
        let years = years(in: range)
        guard years.contains(where: { $0 < policyYear }), years.contains(where: { $0 >= policyYear }) else { return nil }
        var strategicCodes = Set<String>()
        for p in products where strategic.weight(of: p) > 0 { strategicCodes.insert(p.code) }
        let obs = rivalShares(reporter: c, rival: index(of: rival), years: years)
        guard !obs.isEmpty else { return nil }
        var codeIndex: [String: Int] = [:]
        var unit: [Int] = [], time: [Int] = [], share: [Double] = [], treated: [Double] = []
        var sums = [Double](repeating: 0, count: 4), counts = [Double](repeating: 0, count: 4)
        for o in obs {
            let u = codeIndex[o.code] ?? { let k = codeIndex.count; codeIndex[o.code] = k; return k }()
            let isStrategic = strategicCodes.contains(o.code)
            let post = o.year >= policyYear
            let s = o.rival / o.total
            unit.append(u); time.append(o.year); share.append(s)
            treated.append(isStrategic && post ? 1 : 0)
            let cell = (isStrategic ? 0 : 2) + (post ? 1 : 0)
            sums[cell] += s; counts[cell] += 1
        }
        guard let fit = TwoWayFixedEffectsRegression.fit(outcome: share, regressor: treated, unit: unit, time: time) else { return nil }
        func mean(_ i: Int) -> Double { counts[i] > 0 ? sums[i] / counts[i] : .nan }
        return SelectiveDecouplingEstimate(
            reporter: reporter, rival: rival, strategicProducts: strategic.name, policyYear: policyYear,
            firstYear: years.first!, lastYear: years.last!, coefficient: fit.coefficient, standardError: fit.standardError,
            tStatistic: fit.tStatistic, observations: fit.observations, products: fit.clusters,
            strategicProductCount: Set(obs.map(\.code)).intersection(strategicCodes).count,
            meanShareStrategicBefore: mean(0), meanShareStrategicAfter: mean(1),
            meanShareOtherBefore: mean(2), meanShareOtherAfter: mean(3))
    }
}
