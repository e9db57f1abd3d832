import DecoupleCore

/// Which day's membership a friend-shoring share uses for each period.
public enum MembershipDate: Sendable, Hashable {
    /// The members on one fixed day for every period (today's alliance applied to past trade).
    case fixed(CalendarDay)
    /// The members on the last day of each period (the alliance as it stood then).
    case endOfPeriod

    /// The day used for `period`.
    public func day(for period: Period) -> CalendarDay {
        switch self {
        case .fixed(let d): return d
        case .endOfPeriod:
            switch period {
            case .year(let y): return CalendarDay.endOfYear(min(max(y, CalendarDay.plausibleYears.lowerBound), CalendarDay.plausibleYears.upperBound))
            case .month(let y, let m):
                return CalendarDay(year: y, month: m, day: CalendarDay.daysIn(month: m, year: y)) ?? CalendarDay.endOfYear(y)
            }
        }
    }
}
