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
    /// else the sum over its partners (``PartnerRule``: aggregates such as the EU are left out).
    public func total(period: Period, product: String = "TOTAL") -> (value: Double, basis: DenominatorBasis)? {
        guard let byPartner = values[period]?[product] else { return nil }
        if let world = byPartner[.world] { return (world, .reportedWorld) }
        let sum = byPartner.reduce(0.0) { acc, kv in
            PartnerRule.isPartner(kv.key, in: countries) ? acc + kv.value : acc
        }
        return (sum, .sumOfPartners)
    }

    /// The partners (``PartnerRule``) and their values in a period, largest first.
    public func partners(period: Period, product: String = "TOTAL") -> [(partner: Country, value: Double)] {
        (values[period]?[product] ?? [:])
            .filter { PartnerRule.isPartner($0.key, in: countries) && $0.key != query.reporter }
            .map { (partner: $0.key, value: $0.value) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.partner < $1.partner }
    }

    /// True when a year of an annual cube built from monthly data has all twelve months.
    public func isComplete(_ period: Period) -> Bool {
        guard case .year(let y) = period, let n = monthsCovered[y] else { return true }
        return n == 12
    }
}
