import DecoupleCore

/// Selects policy measures by chain, country, instrument and time window.
public struct MeasureFilter: Sendable {
    /// Only measures targeting this taxonomy chain.
    public var chain: String?
    /// Only measures taken by, or aimed at, this country.
    public var country: Country?
    public var instrument: MeasureInstrument?
    /// Only measures in effect at some point on or after this day (ended on or after it, or not ended).
    public var from: CalendarDay?
    /// Only measures that started (in force, else announced) on or before this day.
    public var to: CalendarDay?

    public init(chain: String? = nil, country: Country? = nil, instrument: MeasureInstrument? = nil,
                from: CalendarDay? = nil, to: CalendarDay? = nil) {
        self.chain = chain
        self.country = country
        self.instrument = instrument
        self.from = from
        self.to = to
    }

    public func matches(_ m: PolicyMeasure) -> Bool {
        if let chain, !m.targets.contains(where: { $0.chain == chain }) { return false }
        if let country, m.jurisdiction != country && !m.targetedCountries.contains(country) { return false }
        if let instrument, m.instrument != instrument { return false }
        if let from, let ended = m.ended, ended.lastDay < from { return false }
        if let to, let start = m.start, start.firstDay > to { return false }
        return true
    }

    /// The matching measures, by start date then id.
    public func apply(_ measures: [PolicyMeasure]) -> [PolicyMeasure] {
        measures.filter(matches).sorted {
            let a = $0.start?.firstDay, b = $1.start?.firstDay
            if a != b { return (a.map { "\($0)" } ?? "") < (b.map { "\($0)" } ?? "") }
            return $0.id < $1.id
        }
    }
}
