/// An aggregate of the country table whose members are known, with dated membership: the
/// European Union and the euro area. Trade sources publish such an aggregate as one partner
/// line (the US Census Bureau's `0003` European Union), sometimes beside some or all of its
/// members (IMF DOTS lists the EU and all its members). ``PartnerRule`` uses the membership to
/// count the aggregate once: as a partner when its members are not all listed, never on top
/// of members that are.
public struct CountryGroup: Sendable {
    /// The aggregate's code in the country table (`EU`, `EA`).
    public let country: Country
    /// Each member with the first calendar year it belonged and, for a member that left, the
    /// first year it no longer did (the UK: 2020, left on 31 January 2020).
    public let membership: [(member: Country, from: Int, until: Int?)]

    /// The members in calendar year `year`.
    public func members(in year: Int) -> Set<Country> {
        Set(membership.filter { $0.from <= year && ($0.until.map { year < $0 } ?? true) }.map(\.member))
    }

    /// Every country that was ever a member.
    public var everMembers: Set<Country> { Set(membership.map(\.member)) }

    /// The group an aggregate code stands for, if its members are known.
    public static func group(_ country: Country) -> CountryGroup? {
        switch country.code {
        case "EU": europeanUnion
        case "EA": euroArea
        default: nil
        }
    }

    /// The European Union (EEC until 1993), by year of accession; treaties of accession as
    /// listed at european-union.europa.eu ("EU countries"); the UK's withdrawal took effect on
    /// 1 February 2020.
    public static let europeanUnion = CountryGroup(country: Country("EU"), membership: joined([
        1958: ["BEL", "DEU", "FRA", "ITA", "LUX", "NLD"],
        1973: ["DNK", "IRL", "GBR"],
        1981: ["GRC"],
        1986: ["PRT", "ESP"],
        1995: ["AUT", "FIN", "SWE"],
        2004: ["CYP", "CZE", "EST", "HUN", "LVA", "LTU", "MLT", "POL", "SVK", "SVN"],
        2007: ["BGR", "ROU"],
        2013: ["HRV"],
    ], left: ["GBR": 2020]))

    /// The euro area, by year of adoption of the euro (European Central Bank, "Our money").
    public static let euroArea = CountryGroup(country: Country("EA"), membership: joined([
        1999: ["AUT", "BEL", "FIN", "FRA", "DEU", "IRL", "ITA", "LUX", "NLD", "PRT", "ESP"],
        2001: ["GRC"],
        2007: ["SVN"],
        2008: ["CYP", "MLT"],
        2009: ["SVK"],
        2011: ["EST"],
        2014: ["LVA"],
        2015: ["LTU"],
        2023: ["HRV"],
    ], left: [:]))

    private static func joined(_ byYear: [Int: [String]], left: [String: Int]) -> [(member: Country, from: Int, until: Int?)] {
        byYear.sorted { $0.key < $1.key }.flatMap { year, codes in
            codes.map { (member: Country($0), from: year, until: left[$0]) }
        }
    }
}
