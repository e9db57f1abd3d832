import DecoupleCore

/// One partner's part of a country's trade.
public struct PartnerValue: Sendable, Codable, Hashable {
    public let partner: Country
    /// US dollars (weighted by the selection's product weights).
    public let value: Double
    /// value / the country's total (see ``PartnerShareTable/total``).
    public let share: Double
}

/// A country's imports (or exports) of a product selection in one year, by partner, with the
/// concentration measures of that distribution.
public struct PartnerShareTable: Sendable, Codable {
    public let year: Int
    public let country: Country
    public let side: TradeSide
    public let products: String
    /// The country's total: Σ over products of the World row where the source has one, else of
    /// the partner sum. Shares are shares of this total.
    public let total: Double
    /// True when the total comes from World rows (a partner may be missing from the data).
    public let totalFromWorldRows: Bool
    /// Every partner with trade, largest first.
    public let partners: [PartnerValue]

    /// The sum over the partners in the data (equal to ``total`` for BACI).
    public var partnerSum: Double { partners.reduce(0) { $0 + $1.value } }

    /// A partner's share of the total (0 when absent):  s_k = v_k / total.
    public func share(of partner: Country) -> Double {
        partners.first { $0.partner == partner }?.share ?? 0
    }

    /// The `k` largest partners.
    public func top(_ k: Int) -> [PartnerValue] { Array(partners.prefix(max(0, k))) }

    /// CR_k = Σ_{i ≤ k} v_(i) / Σ_j v_j over the partners in the data.
    public func topShare(_ k: Int) -> Double { ConcentrationIndex.topShare(partners.map(\.value), k: k) }

    /// HHI = Σ_k (v_k / Σ_j v_j)², over the partners in the data; in [1/N, 1].
    public var hhi: Double { ConcentrationIndex.hhi(partners.map(\.value)) }

    /// (HHI − 1/N) / (1 − 1/N): 0 for N equal partners, 1 for a single partner.
    public var normalizedHHI: Double { ConcentrationIndex.normalizedHHI(hhi, partners: partners.count) }
}

/// A country's partner shares on one side, for every year asked (all when nil) with trade.
public struct PartnerSharesRequest: TradeMeasureRequest {
    public var country: Country
    public var side: TradeSide
    public var years: [Int]?
    public var products: ProductSelection

    public init(country: Country, side: TradeSide, years: [Int]? = nil, products: ProductSelection = .all) {
        self.country = country
        self.side = side
        self.years = years
        self.products = products
    }

    public var queries: [TradeAggregationQuery] {
        [ReporterTrade.query(country: country, side: side, years: years, products: products.filter)]
    }

    /// One table per year with trade, ascending.
    public func result(from aggregates: [TradeAggregate]) -> [PartnerShareTable] {
        let trade = ReporterTrade(country: country, side: side, aggregate: aggregates[0])
        return trade.years.compactMap { PartnerShareTable(trade.partnerValues(year: $0), year: $0, country: country, side: side,
                                                          products: products.name) }
    }
}

extension PartnerShareTable {
    /// The table of one year's partner values; nil when there is no trade.
    init?(_ pv: PartnerValues, year: Int, country: Country, side: TradeSide, products: String) {
        guard pv.hasRows, pv.total > 0 else { return nil }
        let partners = pv.byPartner.filter { $0.value > 0 }
            .map { PartnerValue(partner: $0.key, value: $0.value, share: $0.value / pv.total) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.partner < $1.partner }
        self.init(year: year, country: country, side: side, products: products, total: pv.total,
                  totalFromWorldRows: pv.totalFromWorldRows, partners: partners)
    }
}

extension BilateralPanel {
    /// `country`'s trade on `side` with each partner in `year`, over `products`; nil when the
    /// panel has no such trade (country or year absent, or no rows).
    public func partnerShares(of country: Country, side: TradeSide, year: Int,
                              products: ProductSelection = .all) -> PartnerShareTable? {
        measure(PartnerSharesRequest(country: country, side: side, years: [year], products: products)).first
    }
}
