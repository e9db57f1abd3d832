import DecoupleCore

/// A country's (or the EU's) membership of an issue-based alliance, with the dates it joined
/// and left: membership is a function of date.
public struct AllianceMembership: Sendable, Codable, Hashable {
    /// The member (ISO 3166-1 alpha-3, or `EU` for the European Union as an institution).
    public var country: Country
    /// When the member joined, as precisely as the source states it.
    public var joined: PolicyDate
    /// When it left or was suspended, if it did.
    public var left: PolicyDate?
    /// How the dates are known, or what is special about this membership.
    public var note: String?

    public init(country: Country, joined: PolicyDate, left: PolicyDate? = nil, note: String? = nil) {
        self.country = country
        self.joined = joined
        self.left = left
        self.note = note
    }

    /// True when the country was a member on `day`: from the first day of `joined` up to the
    /// day before the first day of `left`. Month- and year-precise dates count from their first
    /// day (see ``PolicyDate``).
    public func isMember(on day: CalendarDay) -> Bool {
        joined.firstDay <= day && (left.map { day < $0.firstDay } ?? true)
    }
}
