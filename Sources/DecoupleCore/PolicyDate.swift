
/// A date as precisely as the source states it: a day (`2022-06-14`), a month (`2023-06`) or a
/// year (`2011`).
///
/// Sources often give only the month or the year an alliance was joined. Decouple keeps that
/// precision instead of inventing a day, shows it in every output, and — the one convention it
/// applies — counts a month- or year-precise date from its **first day** when comparing it with
/// a day (``firstDay``). The precision travels with the value so that outputs can flag it.
public struct PolicyDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// How precisely a date is known.
    public enum Precision: String, Sendable, Codable {
        case day, month, year
    }

    public let year: Int
    public let month: Int?
    public let day: Int?

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil for anything else or an impossible date.
    public init?(_ text: String) {
        switch text.utf8.count {
        case 10:
            guard let d = CalendarDay(text) else { return nil }
            self.init(d)
        case 7:
            guard let d = CalendarDay(text + "-01") else { return nil }
            self.init(year: d.year, month: d.month, day: nil)
        case 4:
            guard let d = CalendarDay(text + "-01-01") else { return nil }
            self.init(year: d.year, month: nil, day: nil)
        default:
            return nil
        }
    }

    /// A day-precise date.
    public init(_ day: CalendarDay) {
        self.init(year: day.year, month: day.month, day: day.day)
    }

    private init(year: Int, month: Int?, day: Int?) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var precision: Precision {
        day != nil ? .day : (month != nil ? .month : .year)
    }

    /// The first day the date can mean (the date itself when day-precise).
    public var firstDay: CalendarDay {
        CalendarDay(unchecked: year, month ?? 1, day ?? 1)
    }

    /// The last day the date can mean.
    public var lastDay: CalendarDay {
        let m = month ?? 12
        return CalendarDay(unchecked: year, m, day ?? CalendarDay.daysIn(month: m, year: year))
    }

    /// `2022-06-14`, `2023-06` or `2011`.
    public var description: String {
        switch precision {
        case .day: firstDay.description
        case .month: String(firstDay.description.prefix(7))
        case .year: String(year)
        }
    }

    /// The text with a marker when the date is less precise than a day ("2023-06 (month only)").
    public var annotated: String {
        switch precision {
        case .day: description
        case .month: "\(description) (month only)"
        case .year: "\(description) (year only)"
        }
    }

    public static func < (a: PolicyDate, b: PolicyDate) -> Bool {
        a.firstDay != b.firstDay ? a.firstDay < b.firstDay : a.lastDay < b.lastDay
    }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = PolicyDate(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected YYYY, YYYY-MM or YYYY-MM-DD, found '\(s)'"))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
