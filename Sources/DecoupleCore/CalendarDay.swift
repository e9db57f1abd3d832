import Foundation

/// One day of the Gregorian calendar (`2024-01-01`), the unit every legal date in the policy
/// data and the IRA rules is compared in.
///
/// Parsed strictly from ISO 8601 `YYYY-MM-DD` text: `2024-02-30` or `2024-1-5` are rejected,
/// never corrected.
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years Decouple accepts in dates (anything else is a typing error, not a policy date).
    public static let plausibleYears = 1900...2200

    /// A checked day, or nil when it does not exist (`2023-02-29`) or lies outside ``plausibleYears``.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.plausibleYears.contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (exactly four, two and two digits).
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r { guard u[i] >= 48 && u[i] <= 57 else { return nil }; n = n * 10 + Int(u[i] - 48) }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days in a month, leap years included.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The last day of a year (`2024-12-31`).
    public static func endOfYear(_ year: Int) -> CalendarDay {
        CalendarDay(year: year, month: 12, day: 31) ?? CalendarDay(unchecked: year, 12, 31)
    }

    /// Today in UTC (the report's "as of" day).
    public static func today() -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDay(unchecked: c.year!, c.month!, c.day!)
    }

    /// The next day.
    public var next: CalendarDay {
        if day < Self.daysIn(month: month, year: year) { return CalendarDay(unchecked: year, month, day + 1) }
        if month < 12 { return CalendarDay(unchecked: year, month + 1, 1) }
        return CalendarDay(unchecked: year + 1, 1, 1)
    }

    package init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = CalendarDay(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a date YYYY-MM-DD, found '\(s)'"))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
