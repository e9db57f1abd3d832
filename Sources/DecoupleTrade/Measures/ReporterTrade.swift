import DecoupleCore

/// One country's trade on one side, by year, product and partner, summed over a product
/// selection: the table that partner shares, trends, diversion and the selective-decoupling
/// regression start from. Built from one aggregate grouped by year, product and partner.
///
/// Partners follow ``PartnerRule``. For each product the country's total is its `World` partner
/// row when the source has one (UN Comtrade), else the sum over partners (BACI): economies, and
/// a partner aggregate such as the EU with the part its listed members do not account for.
/// Weighted products count `w_p × value` (the engine applies the weights).
struct ReporterTrade {
    struct ProductYear {
        var product: ProductCode
        /// The partners (``PartnerRule``): economies in aggregate order, then partner aggregates.
        var partners: [(partner: Country, value: Double)] = []
        /// The World row, when the source has one.
        var world: Double?
        /// Σ over the economies, plus each partner aggregate's remainder.
        var partnerSum = 0.0
        /// Aggregates with known members seen in the rows (resolved when the entry is complete).
        var groups: [(aggregate: Country, value: Double)] = []

        /// Adds the aggregates whose listed members do not account for them as partners.
        mutating func resolveGroups(year: Int) {
            guard !groups.isEmpty else { return }
            var values = Dictionary(partners.map { ($0.partner, $0.value) }, uniquingKeysWith: +)
            for g in groups { values[g.aggregate, default: 0] += g.value }
            for a in PartnerRule.partnerAggregates(in: values, year: year) {
                partners.append((a.aggregate, values[a.aggregate] ?? 0))
                partnerSum += a.remainder
            }
            groups = []
        }
        /// The total: the World row, else the partner sum.
        var total: Double { world ?? partnerSum }
    }

    let country: Country
    let side: TradeSide
    /// Per year, the products in aggregate order.
    private(set) var byYear: [Int: [ProductYear]] = [:]

    /// The aggregation behind the table.
    static func query(country: Country, side: TradeSide, years: [Int]? = nil, products: ProductFilter) -> TradeAggregationQuery {
        TradeAggregationQuery(side: side, years: years, reporters: [country], products: products,
                              groupBy: [.year, .product, .partner])
    }

    init(country: Country, side: TradeSide, aggregate: TradeAggregate) {
        self.country = country
        self.side = side
        var current: (year: Int, product: ProductCode)? = nil
        var entry: ProductYear? = nil
        func flush(_ byYear: inout [Int: [ProductYear]]) {
            if var e = entry, let c = current {
                e.resolveGroups(year: c.year)
                byYear[c.year, default: []].append(e)
            }
        }
        for row in aggregate.rows {
            guard let year = row.year, let product = row.product, let partner = row.partner else { continue }
            if current?.year != year || current?.product != product {
                flush(&byYear)
                current = (year, product)
                entry = ProductYear(product: product)
            }
            if PartnerRule.isAggregate(partner) {
                if partner == .world {
                    entry!.world = (entry!.world ?? 0) + row.value
                } else if CountryGroup.group(partner) != nil {
                    entry!.groups.append((partner, row.value))
                }
                continue
            }
            entry!.partners.append((partner, row.value))
            entry!.partnerSum += row.value
        }
        flush(&byYear)
    }

    /// The products of one year.
    func entries(year: Int) -> [ProductYear] { byYear[year] ?? [] }

    /// The years with rows, ascending.
    var years: [Int] { byYear.keys.sorted() }

    /// The country's trade in `year` by partner over the products that `include` keeps.
    func partnerValues(year: Int, include: (ProductCode) -> Bool = { _ in true }) -> PartnerValues {
        var byPartner: [Country: Double] = [:]
        var total = 0.0
        var allWorld = true
        var any = false
        for entry in byYear[year] ?? [] where include(entry.product) {
            any = true
            for (partner, value) in entry.partners { byPartner[partner, default: 0] += value }
            if entry.world == nil && entry.partnerSum > 0 { allWorld = false }
            total += entry.total
        }
        return PartnerValues(byPartner: byPartner, total: total, totalFromWorldRows: any && allWorld, hasRows: any)
    }

    /// Per product code (editions merged) in `year`: the value from `rival` and the total,
    /// for products with a positive total. `hs6Only` keeps HS6 lines only.
    func rivalAndTotalByCode(year: Int, rival: Country, hs6Only: Bool = false) -> [String: (rival: Double, total: Double)] {
        var out: [String: (rival: Double, total: Double)] = [:]
        for entry in byYear[year] ?? [] where !hs6Only || entry.product.level == .hs6 {
            let total = entry.total
            guard total > 0 else { continue }
            let rivalValue = entry.partners.reduce(0) { $1.partner == rival ? $0 + $1.value : $0 }
            let old = out[entry.product.code] ?? (0, 0)
            out[entry.product.code] = (old.rival + rivalValue, old.total + total)
        }
        return out
    }
}

/// One country's trade in one year, summed over a product selection, by partner: the table
/// every share, concentration and asymmetry measure starts from.
struct PartnerValues {
    /// Value by partner (``PartnerRule``: economies and partner aggregates), US dollars.
    var byPartner: [Country: Double]
    /// Σ_p w_p · total_p, where total_p is the World row or the partner sum.
    var total: Double
    /// True when every product with trade had a World row.
    var totalFromWorldRows: Bool
    /// True when at least one row of the side was found.
    var hasRows: Bool
}
