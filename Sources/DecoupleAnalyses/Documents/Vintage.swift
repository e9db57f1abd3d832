import DecoupleCore

/// The latest period a section or headline covers, and whether that is old news: when the
/// period ended more than two years (24 months) before the report's "as of" day, the
/// vintage carries a note saying so.
public struct Vintage: Sendable, Codable, Hashable {
    /// The latest period covered, as the data name it (`2024`, `2021-06`).
    public let latestPeriod: String
    /// The report's "as of" day.
    public let asOf: CalendarDay
    /// "data end in 2020-12, 71 months before 2026-12-05", or nil when the data are recent.
    public let staleNote: String?

    /// How many months may pass after the end of the latest period before it is called old.
    public static let staleAfterMonths = 24

    /// The vintage of data whose latest period is `latest`, seen on `asOf`.
    public init(latest: Period, asOf: CalendarDay) {
        self.latestPeriod = latest.description
        self.asOf = asOf
        let endMonth: Int
        switch latest {
        case .year(let y): endMonth = y * 12 + 12
        case .month(let y, let m): endMonth = y * 12 + m
        }
        let age = asOf.year * 12 + asOf.month - endMonth
        staleNote = age > Self.staleAfterMonths
            ? "data end in \(latest), \(age) months before \(asOf): more than two years old" : nil
    }

    /// The vintage of the latest of `periods`, nil when there are none.
    public init?(periods: [Period], asOf: CalendarDay) {
        guard let last = periods.max() else { return nil }
        self.init(latest: last, asOf: asOf)
    }

    /// "latest period 2024" or "latest period 2020 — data end in 2020, … more than two years old".
    public var text: String {
        "latest period \(latestPeriod)" + (staleNote.map { " — \($0)" } ?? "")
    }
}

/// One headline of the report: a figure with its label, source and vintage, as the text
/// report's summary and the dashboard's overview cards show it. Computed once, in the
/// analyses layer, from the sections' figures.
public struct ReportHeadline: Sendable, Codable {
    /// A stable id (`rival-share-of-trade`, `stages-mostly-from-rival`, …).
    public let id: String
    /// The number shown, already written ("16.4%", "14 of 83").
    public let value: String
    /// What the number is.
    public let label: String
    /// The dataset id the number comes from.
    public let source: String
    /// The latest period it covers.
    public let vintage: Vintage
}
