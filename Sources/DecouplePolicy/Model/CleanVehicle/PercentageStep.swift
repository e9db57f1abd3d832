import DecoupleCore

/// One step of an applicable-percentage schedule: from `from` (a placed-in-service date) on,
/// the requirement is `percent` per cent, until the next step.
public struct PercentageStep: Hashable, Sendable, Codable {
    /// The first placed-in-service day the percentage applies to.
    public var from: CalendarDay
    /// The applicable percentage (40 means 40 %).
    public var percent: Int
    /// The provision that sets it ("26 U.S.C. 30D(e)(1)(B)(ii)").
    public var legalBasis: String

    public init(from: CalendarDay, percent: Int, legalBasis: String) {
        self.from = from
        self.percent = percent
        self.legalBasis = legalBasis
    }
}

/// A country whose extraction or processing counts for the critical-mineral requirement, from a date.
public struct QualifyingCountry: Hashable, Sendable, Codable {
    public var country: Country
    /// The first day it counts (entry into force of its agreement, or the start of the rules).
    public var from: CalendarDay
    /// Why it counts ("United States", "comprehensive FTA: KORUS", "critical minerals agreement").
    public var basis: String

    public init(country: Country, from: CalendarDay, basis: String) {
        self.country = country
        self.from = from
        self.basis = basis
    }
}
