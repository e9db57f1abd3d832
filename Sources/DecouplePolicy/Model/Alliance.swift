import DecoupleCore

/// An issue-based alliance or grouping (Zhou 2024, Table 4 and the groupings named in the text):
/// who belonged to it when, and where that is written down.
///
/// Read from `Data/policy/alliances.json` by `AlliancesLoader`.
public struct Alliance: Hashable, Sendable, Codable, Identifiable {
    /// Kebab-case identifier (`msp`, `ipef`).
    public var id: String
    /// The short name users type (`MSP`, `IPEF`, `Chip4`).
    public var abbreviation: String
    public var name: String
    /// The issue it is organised around (`critical-minerals`, `semiconductors`, `security` …).
    public var issue: String
    /// When it was founded or launched.
    public var founded: PolicyDate
    /// When it ended, if it did.
    public var ended: PolicyDate?
    /// True for the six initiatives of the paper's Table 4.
    public var inTable4: Bool
    /// One entry per membership spell (a country that left and rejoined has two).
    public var members: [AllianceMembership]
    public var sources: [PolicySource]
    public var note: String?

    public init(id: String, abbreviation: String, name: String, issue: String, founded: PolicyDate,
                ended: PolicyDate? = nil, inTable4: Bool = false, members: [AllianceMembership],
                sources: [PolicySource], note: String? = nil) {
        self.id = id
        self.abbreviation = abbreviation
        self.name = name
        self.issue = issue
        self.founded = founded
        self.ended = ended
        self.inTable4 = inTable4
        self.members = members
        self.sources = sources
        self.note = note
    }

    /// The members on `day`, sorted by code (empty before the founding and after the end).
    public func members(on day: CalendarDay) -> [Country] {
        if let ended, day >= ended.firstDay { return [] }
        return Set(members.filter { $0.isMember(on: day) }.map(\.country)).sorted()
    }

    /// True when `country` was a member on `day`.
    public func isMember(_ country: Country, on day: CalendarDay) -> Bool {
        if let ended, day >= ended.firstDay { return false }
        return members.contains { $0.country == country && $0.isMember(on: day) }
    }

    /// Every country that was ever a member.
    public var everMembers: [Country] { Set(members.map(\.country)).sorted() }
}
