import DecoupleCore

/// Who took the rival's place: in the products where the rival's share of the reporter's imports
/// fell between two years, every partner's share change, and whether the partners that gained
/// imported more from the rival themselves ("connector" countries, which may be re-routing or
/// assembling the rival's goods).
///
/// With L the products (HS codes, matched across editions) where the rival's share fell:
///
///     share_k(t)  = M_t(reporter ← k, L) / M_t(reporter, L)
///     change_k    = share_k(to) − share_k(from)
///     connector_k = change_k > 0  and  M_to(k ← rival, L) > M_from(k ← rival, L)
///
/// The connector test needs the gainer's own imports (all-reporter data such as BACI); it is
/// nil when the panel has no import rows for the gainer.
public struct TradeDiversion: Sendable, Codable {
    public struct Partner: Sendable, Codable, Equatable {
        public let partner: Country
        public let valueFrom: Double
        public let valueTo: Double
        public let shareFrom: Double
        public let shareTo: Double
        public var change: Double { shareTo - shareFrom }
        /// The partner's imports from the rival of the same products; nil without data.
        public let importsFromRivalFrom: Double?
        public let importsFromRivalTo: Double?
        /// Gained share and imported more from the rival; nil without data.
        public let isConnector: Bool?
    }

    public let reporter: Country
    public let rival: Country
    public let products: String
    public let fromYear: Int
    public let toYear: Int
    /// The rival's share over the whole selection in the two years.
    public let rivalShareFrom: Double
    public let rivalShareTo: Double
    /// Products compared (imported in both years) and those among them where the rival lost share.
    public let productsCompared: Int
    public let productsWhereRivalLost: Int
    /// The rival's share over the products where it lost, in the two years.
    public let rivalShareFromInLost: Double
    public let rivalShareToInLost: Double
    /// Partners other than the rival, largest gain first.
    public let partners: [Partner]

    /// The partners that gained share.
    public var gainers: [Partner] { partners.filter { $0.change > 0 } }
}

/// Trade diversion as aggregations: the reporter's imports by year, product and partner, and
/// the rival's sales to every importer (with which importers buy the products at all).
public struct TradeDiversionRequest: TradeMeasureRequest {
    public var reporter: Country
    public var rival: Country
    public var products: ProductSelection
    public var from: Int
    public var to: Int

    public init(reporter: Country, rival: Country, products: ProductSelection, from: Int, to: Int) {
        self.reporter = reporter
        self.rival = rival
        self.products = products
        self.from = from
        self.to = to
    }

    public var queries: [TradeAggregationQuery] {
        [ReporterTrade.query(country: reporter, side: .imports, years: [from, to], products: products.filter),
         TradeAggregationQuery(side: .imports, years: [from, to], partners: [rival], products: products.filter,
                               groupBy: [.year, .reporter, .product]),
         TradeAggregationQuery(side: .imports, years: [from, to], products: products.filter,
                               groupBy: [.year, .reporter, .product])]
    }

    /// Nil when the two years have no product in common.
    public func result(from aggregates: [TradeAggregate]) -> TradeDiversion? {
        let trade = ReporterTrade(country: reporter, side: .imports, aggregate: aggregates[0])
        let a = trade.rivalAndTotalByCode(year: from, rival: rival), b = trade.rivalAndTotalByCode(year: to, rival: rival)
        let compared = Set(a.keys).intersection(b.keys)
        guard !compared.isEmpty else { return nil }
        let lost = compared.filter { b[$0]!.rival / b[$0]!.total < a[$0]!.rival / a[$0]!.total }
        let allA = a.values.reduce((0.0, 0.0)) { ($0.0 + $1.rival, $0.1 + $1.total) }
        let allB = b.values.reduce((0.0, 0.0)) { ($0.0 + $1.rival, $0.1 + $1.total) }

        let inLost: (ProductCode) -> Bool = { lost.contains($0.code) }
        let pv0 = trade.partnerValues(year: from, include: inLost)
        let pv1 = trade.partnerValues(year: to, include: inLost)
        // The rival's sales of the lost products to each importer, and which importers buy them at all.
        func byImporter(_ rows: [TradeAggregateRow], year: Int) -> (values: [Country: Double], buyers: Set<Country>) {
            var values: [Country: Double] = [:]
            for row in rows where row.year == year && inLost(row.product!) { values[row.reporter!, default: 0] += row.value }
            return (values, Set(values.keys))
        }
        let rivalKnown = !aggregates[1].rows.isEmpty || trade.years.contains { trade.partnerValues(year: $0).byPartner[rival] != nil }
        let supply0 = byImporter(aggregates[1].rows, year: from), supply1 = byImporter(aggregates[1].rows, year: to)
        let buyers0 = byImporter(aggregates[2].rows, year: from).buyers, buyers1 = byImporter(aggregates[2].rows, year: to).buyers
        var partners: [TradeDiversion.Partner] = []
        if !lost.isEmpty, pv0.total > 0, pv1.total > 0 {
            for k in Set(pv0.byPartner.keys).union(pv1.byPartner.keys) where k != reporter && k != rival {
                let v0 = pv0.byPartner[k] ?? 0, v1 = pv1.byPartner[k] ?? 0
                guard v0 > 0 || v1 > 0 else { continue }
                let s0 = v0 / pv0.total, s1 = v1 / pv1.total
                var fromValue: Double? = nil, toValue: Double? = nil, connector: Bool? = nil
                if rivalKnown, buyers0.contains(k) || buyers1.contains(k) {
                    fromValue = supply0.values[k] ?? 0
                    toValue = supply1.values[k] ?? 0
                    connector = s1 > s0 && toValue! > fromValue!
                }
                partners.append(TradeDiversion.Partner(partner: k, valueFrom: v0, valueTo: v1, shareFrom: s0, shareTo: s1,
                                                       importsFromRivalFrom: fromValue, importsFromRivalTo: toValue,
                                                       isConnector: connector))
            }
        }
        partners.sort { $0.change != $1.change ? $0.change > $1.change : $0.partner < $1.partner }
        let lostA = lost.reduce((0.0, 0.0)) { ($0.0 + a[$1]!.rival, $0.1 + a[$1]!.total) }
        let lostB = lost.reduce((0.0, 0.0)) { ($0.0 + b[$1]!.rival, $0.1 + b[$1]!.total) }
        return TradeDiversion(
            reporter: reporter, rival: rival, products: products.name, fromYear: from, toYear: to,
            rivalShareFrom: allA.1 > 0 ? allA.0 / allA.1 : 0, rivalShareTo: allB.1 > 0 ? allB.0 / allB.1 : 0,
            productsCompared: compared.count, productsWhereRivalLost: lost.count,
            rivalShareFromInLost: lostA.1 > 0 ? lostA.0 / lostA.1 : 0, rivalShareToInLost: lostB.1 > 0 ? lostB.0 / lostB.1 : 0,
            partners: partners)
    }
}

extension BilateralPanel {
    /// Trade diversion on this panel (see ``TradeDiversionRequest``); nil when the reporter or a
    /// year is missing or the years have no product in common.
    public func tradeDiversion(reporter: Country, rival: Country, products: ProductSelection,
                               from: Int, to: Int) -> TradeDiversion? {
        guard index(of: reporter) != nil, yearIndex(from) != nil, yearIndex(to) != nil else { return nil }
        return measure(TradeDiversionRequest(reporter: reporter, rival: rival, products: products, from: from, to: to))
    }
}
