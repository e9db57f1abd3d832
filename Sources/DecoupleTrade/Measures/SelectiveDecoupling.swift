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

/// The selective-decoupling regression as aggregations: the reporter's imports of every HS6
/// line by year and partner.
public struct SelectiveDecouplingRequest: TradeMeasureRequest {
    public var reporter: Country
    public var rival: Country
    public var strategic: ProductSelection
    public var policyYear: Int
    /// Years used (all when nil).
    public var years: ClosedRange<Int>?

    public init(reporter: Country, rival: Country, strategic: ProductSelection, policyYear: Int, years: ClosedRange<Int>? = nil) {
        self.reporter = reporter
        self.rival = rival
        self.strategic = strategic
        self.policyYear = policyYear
        self.years = years
    }

    public var queries: [TradeAggregationQuery] {
        var q = ReporterTrade.query(country: reporter, side: .imports, products: .all)
        if let years { q.years = Array(years) }
        return [q]
    }

    /// Nil when the years do not straddle the policy year or the regression cannot be fitted.
    public func result(from aggregates: [TradeAggregate]) -> SelectiveDecouplingEstimate? {
        let trade = ReporterTrade(country: reporter, side: .imports, aggregate: aggregates[0])
        let years = trade.years
        guard years.contains(where: { $0 < policyYear }), years.contains(where: { $0 >= policyYear }) else { return nil }
        var strategicCodes = Set<String>()
        var obs: [(code: String, year: Int, rival: Double, total: Double)] = []
        for year in years {
            for entry in trade.entries(year: year) where strategic.weight(of: entry.product) > 0 { strategicCodes.insert(entry.product.code) }
            for (code, v) in trade.rivalAndTotalByCode(year: year, rival: rival, hs6Only: true) { obs.append((code, year, v.rival, v.total)) }
        }
        obs.sort { $0.code != $1.code ? $0.code < $1.code : $0.year < $1.year }
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

extension BilateralPanel {
    /// The selective-decoupling regression on this panel (see ``SelectiveDecouplingRequest``).
    public func selectiveDecoupling(reporter: Country, rival: Country, strategic: ProductSelection,
                                    policyYear: Int, years range: ClosedRange<Int>? = nil) -> SelectiveDecouplingEstimate? {
        guard index(of: reporter) != nil else { return nil }
        return measure(SelectiveDecouplingRequest(reporter: reporter, rival: rival, strategic: strategic,
                                                  policyYear: policyYear, years: range))
    }
}
