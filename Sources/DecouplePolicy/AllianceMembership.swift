import DecoupleCore
import Foundation

/// A country's membership of an issue-based alliance, with the dates it joined and left.
public struct AllianceMembership: Sendable, Codable, Hashable {
    public var country: Country
    /// ISO 8601 date (`2022-06-14`) the country joined.
    public var joined: String
    /// ISO 8601 date the country left, if it did.
    public var left: String?

    public init(country: Country, joined: String, left: String? = nil) {
        self.country = country
        self.joined = joined
        self.left = left
    }

    /// True when the country was a member on `date` (ISO 8601, compared as text: `YYYY-MM-DD`).
    public func isMember(on date: String) -> Bool {
        joined <= date && (left.map { date < $0 } ?? true)
    }
}
