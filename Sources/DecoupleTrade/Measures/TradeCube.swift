import DecoupleCore

/// Trade values of one reporter summed by period, product group and partner: the table
/// every share, change and shift is computed from.
public struct TradeCube: Sendable {
    public let query: TradeQuery
    /// values[period][product group][partner], US dollars.
    public let values: [Period: [String: [Country: Double]]]
    /// For annual cubes built from monthly data: how many distinct months each year has.
    public let monthsCovered: [Int: Int]
    let countries: CountryTable

    /// Sums the flows that match `query`.
    public init(flows: [TradeFlow], query: TradeQuery, countries: CountryTable = .standard) {
        var values: [Period: [String: [Country: Double]]] = [:]
        var months: [Int: Set<Int>] = [:]
        let prefixes = query.products
        for f in flows where f.reporter == query.reporter && query.flow.includes(f.direction) {
            if let prefixes, !prefixes.contains(where: { f.product.code.hasPrefix($0) }) { continue }
            if !query.excluding.isEmpty, query.excluding.contains(where: { f.product.code.hasPrefix($0) }) { continue }
            var period = f.period
            if query.annual, case .month(let y, let m) = f.period {
                period = .year(y)
                months[y, default: []].insert(m)
            }
            let group = f.product.truncated(to: query.productLevel).code
            values[period, default: [:]][group, default: [:]][f.partner, default: 0] += f.value
        }
        self.query = query
        self.values = values
        self.monthsCovered = months.mapValues(\.count)
        self.countries = countries
    }

    /// The periods present, in order.
    public var periods: [Period] { values.keys.sorted() }

    /// The product groups present, in code order.
    public var productGroups: [String] {
        Set(values.values.flatMap { $0.keys }).sorted()
    }

    /// The value with one partner (0 when absent).
    public func value(_ partner: Country, period: Period, product: String = "TOTAL") -> Double {
        values[period]?[product]?[partner] ?? 0
    }

    /// The reporter's total with the world: the source's world total when it has one,
    /// else the sum over its partners (``PartnerRule``: economies, plus the part of a partner
    /// aggregate such as the EU that the members listed beside it do not account for).
    public func total(period: Period, product: String = "TOTAL") -> (value: Double, basis: DenominatorBasis)? {
        guard let byPartner = values[period]?[product] else { return nil }
        if let world = byPartner[.world] { return (world, .reportedWorld) }
        return (PartnerRule.sumOfPartners(byPartner, year: period.year, countries: countries), .sumOfPartners)
    }

    /// The partners (``PartnerRule``: economies and partner aggregates) and their values in a
    /// period, largest first.
    public func partners(period: Period, product: String = "TOTAL") -> [(partner: Country, value: Double)] {
        let byPartner = values[period]?[product] ?? [:]
        let aggregates = Set(PartnerRule.partnerAggregates(in: byPartner, year: period.year, countries: countries).map(\.aggregate))
        return byPartner
            .filter { (PartnerRule.isPartner($0.key, in: countries) || aggregates.contains($0.key)) && $0.key != query.reporter }
            .map { (partner: $0.key, value: $0.value) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.partner < $1.partner }
    }

    /// The partner aggregates of a period and product (``PartnerRule``), each with the part of
    /// its value that the members listed beside it do not account for.
    public func partnerAggregates(period: Period, product: String = "TOTAL") -> [(aggregate: Country, remainder: Double)] {
        PartnerRule.partnerAggregates(in: values[period]?[product] ?? [:], year: period.year, countries: countries)
    }

    /// True when a year of an annual cube built from monthly data has all twelve months.
    public func isComplete(_ period: Period) -> Bool {
        guard case .year(let y) = period, let n = monthsCovered[y] else { return true }
        return n == 12
    }
}
