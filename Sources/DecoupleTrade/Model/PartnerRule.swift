import DecoupleCore

/// The one rule for who is a trade partner — in shares, ranks, concentration and every sum over
/// partners, for the in-memory datasets (``TradeCube``) and the panel measures
/// (``ReporterTrade``) alike.
///
/// - Every economy is a partner: present-day economies and historic entities (Serbia and
///   Montenegro, the Netherlands Antilles).
/// - An aggregate whose members are known (``CountryGroup``: the European Union, the euro area)
///   is a partner — shown as "European Union (aggregate)" — when the members listed beside it
///   do not account for it: its value less the members listed is more than
///   ``coveredTolerance`` of its value. The US Census Bureau's 2024 file lists the EU (`0003`)
///   and of its members only Slovakia, so the EU is a partner; IMF DOTS lists the EU and all
///   its members, so it is not. A partner aggregate enters the sum of partners with that
///   remainder only, so a member listed on its own is never counted twice. Its own value (and
///   share, and rank) is the published one, which includes the members listed separately.
/// - Every other aggregate (World, regions, "not specified") is a total, never a partner.
///
/// A reporter's total is its World figure when the source has one, else the sum over its
/// partners (``DenominatorBasis``).
public enum PartnerRule {
    /// The part of an aggregate that its listed members may leave unexplained before it counts
    /// as a partner (rounding and small revisions between the aggregate and member lines).
    public static let coveredTolerance = 0.01

    /// True when `c` is an economy (not an aggregate of `countries`). A partner aggregate
    /// (``partnerAggregates(in:year:countries:)``) is a partner too.
    @inline(__always) public static func isPartner(_ c: Country, in countries: CountryTable = .standard) -> Bool {
        countries.info(c)?.kind != .aggregate
    }

    /// The aggregates with known members among `values`' keys that count as partners in
    /// `year`, each with the part of its value its listed members do not account for.
    public static func partnerAggregates(in values: [Country: Double], year: Int,
                                         countries: CountryTable = .standard) -> [(aggregate: Country, remainder: Double)] {
        var out: [(aggregate: Country, remainder: Double)] = []
        for (c, v) in values where v > 0 {
            guard let group = CountryGroup.group(c), countries.info(c)?.kind == .aggregate else { continue }
            let members = group.members(in: year)
            let listed = members.reduce(0.0) { $0 + (values[$1] ?? 0) }
            let remainder = v - listed
            if remainder > coveredTolerance * v { out.append((c, remainder)) }
        }
        return out.sorted { $0.aggregate < $1.aggregate }
    }

    /// The sum over the partners of one cell (one period and product): every economy, plus
    /// each partner aggregate's remainder.
    public static func sumOfPartners(_ values: [Country: Double], year: Int, countries: CountryTable = .standard) -> Double {
        var sum = 0.0
        var hasGroup = false
        // In code order: the sum is the same in every process, to the last bit.
        for (c, v) in values.sorted(by: { $0.key < $1.key }) {
            if isPartner(c, in: countries) { sum += v } else if CountryGroup.group(c) != nil { hasGroup = true }
        }
        if hasGroup {
            for a in partnerAggregates(in: values, year: year, countries: countries) { sum += a.remainder }
        }
        return sum
    }

    /// A partner's display name: an aggregate partner is marked "(aggregate)".
    public static func displayName(_ c: Country, countries: CountryTable = .standard) -> String {
        countries.info(c)?.kind == .aggregate ? "\(countries.name(c)) (aggregate)" : countries.name(c)
    }

    static let standardAggregates: Set<Country> = Set(CountryTable.standard.entries.filter { $0.value.kind == .aggregate }.map(\.key))
    /// Every economy of the standard table, sorted (the partner filter of panel queries).
    static let standardPartners: [Country] = CountryTable.standard.entries.filter { $0.value.kind != .aggregate }.map(\.key).sorted()
    /// True when `c` is an aggregate of the standard table (fast path of the panel measures).
    @inline(__always) static func isAggregate(_ c: Country) -> Bool { standardAggregates.contains(c) }
}
