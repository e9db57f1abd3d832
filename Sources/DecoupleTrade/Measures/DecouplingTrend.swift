import DecoupleCore

/// The rival's share of a reporter's imports of a product selection, year by year, and its
/// change from a base year:
///
///     share_t  = M_t(reporter ← rival) / M_t(reporter)     (Σ over the selection, weighted)
///     change_t = share_t − share_base                       (a fraction: −0.05 = 5 points down)
///     growth_t = M_t(reporter ← rival) / M_base(reporter ← rival) − 1
public struct DecouplingTrend: Sendable, Codable {
    public struct Point: Sendable, Codable, Equatable {
        public let year: Int
        public let rivalValue: Double
        public let totalValue: Double
        public let share: Double
        /// share − base share; nil when the base year is missing.
        public let changeFromBase: Double?
        /// Growth of imports from the rival since the base year; nil when the base is missing or zero.
        public let rivalValueGrowth: Double?
    }

    public let reporter: Country
    public let rival: Country
    public let products: String
    public let baseYear: Int?
    public let points: [Point]
    /// True when every year's total comes from the source's World rows; false when it is the
    /// sum over the partners in the data (BACI, or a download limited to some partners).
    public let totalFromWorldRows: Bool

    /// The point of one year.
    public func point(_ year: Int) -> Point? { points.first { $0.year == year } }
}

/// The rival's share of the reporter's imports of a selection, year by year.
public struct DecouplingTrendRequest: TradeMeasureRequest {
    public var reporter: Country
    public var rival: Country
    public var products: ProductSelection
    /// Years kept (all when nil).
    public var years: ClosedRange<Int>?
    public var baseYear: Int?

    public init(reporter: Country, rival: Country, products: ProductSelection, years: ClosedRange<Int>? = nil, baseYear: Int? = nil) {
        self.reporter = reporter
        self.rival = rival
        self.products = products
        self.years = years
        self.baseYear = baseYear
    }

    public var queries: [TradeAggregationQuery] {
        var q = ReporterTrade.query(country: reporter, side: .imports, products: products.filter)
        if let years { q.years = Array(years) }
        return [q]
    }

    public func result(from aggregates: [TradeAggregate]) -> DecouplingTrend {
        let trade = ReporterTrade(country: reporter, side: .imports, aggregate: aggregates[0])
        var raw: [(year: Int, rival: Double, total: Double)] = []
        var allWorld = true
        for year in trade.years {
            let pv = trade.partnerValues(year: year)
            guard pv.total > 0 else { continue }
            allWorld = allWorld && pv.totalFromWorldRows
            raw.append((year, pv.byPartner[rival] ?? 0, pv.total))
        }
        let base = baseYear.flatMap { b in raw.first { $0.year == b } }
        let points = raw.map { p in
            DecouplingTrend.Point(
                year: p.year, rivalValue: p.rival, totalValue: p.total, share: p.rival / p.total,
                changeFromBase: base.map { p.rival / p.total - $0.rival / $0.total },
                rivalValueGrowth: base.flatMap { $0.rival > 0 ? p.rival / $0.rival - 1 : nil })
        }
        return DecouplingTrend(reporter: reporter, rival: rival, products: products.name, baseYear: base?.year, points: points,
                               totalFromWorldRows: allWorld && !points.isEmpty)
    }
}

extension BilateralPanel {
    /// The rival's share of the reporter's imports of `products`, year by year (see ``DecouplingTrendRequest``).
    public func decouplingTrend(reporter: Country, rival: Country, products: ProductSelection,
                                years range: ClosedRange<Int>? = nil, baseYear: Int? = nil) -> DecouplingTrend {
        measure(DecouplingTrendRequest(reporter: reporter, rival: rival, products: products, years: range, baseYear: baseYear))
    }
}
