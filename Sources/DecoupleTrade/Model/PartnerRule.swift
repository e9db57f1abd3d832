import DecoupleCore

/// The one rule for who is a trade partner — in shares, ranks, concentration and every sum over
/// partners, for the in-memory datasets (``TradeCube``) and the panel measures
/// (``ReporterTrade``) alike: every country code that is not an aggregate. Present-day
/// economies and historic entities (Serbia and Montenegro, the Netherlands Antilles) are
/// partners; an aggregate (World, regions, "not specified") is a total, never a partner.
///
/// A reporter's total is its World figure when the source has one, else the sum over its
/// partners (``DenominatorBasis``).
public enum PartnerRule {
    /// True when `c` counts as a partner (it is not an aggregate of `countries`).
    @inline(__always) public static func isPartner(_ c: Country, in countries: CountryTable = .standard) -> Bool {
        countries.info(c)?.kind != .aggregate
    }

    static let standardAggregates: Set<Country> = Set(CountryTable.standard.entries.filter { $0.value.kind == .aggregate }.map(\.key))
    /// Every partner of the standard table, sorted (the partner filter of panel queries).
    static let standardPartners: [Country] = CountryTable.standard.entries.filter { $0.value.kind != .aggregate }.map(\.key).sorted()
    /// True when `c` is an aggregate of the standard table (fast path of the panel measures).
    @inline(__always) static func isAggregate(_ c: Country) -> Bool { standardAggregates.contains(c) }
}
