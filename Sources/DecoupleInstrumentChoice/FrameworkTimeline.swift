import DecoupleCore
import DecouplePolicy
import DecoupleTrade

/// When a gap counts as closing: the documented rule of `framework.json` (`catchUpRule`).
///
/// With gap_t = leader_t − challenger_t (shares of the world), the catch-up year is the first
/// year t, after a year in which the leader was ahead by more than `parityGap`, in which either
/// - **parity**: gap_t ≤ `parityGap` (the challenger has drawn level or passed), or
/// - **closing**: the gap narrowed by at least `closingRatePerYear` a year on average over the
///   previous `window` years, (gap_{t−w} − gap_t) / w ≥ `closingRatePerYear`, and at least
///   half of that narrowing is the challenger's own gain, c_t − c_{t−w} ≥ ½ (gap_{t−w} − gap_t)
///   (a gap that closes because the leader loses ground to third economies is not the
///   challenger catching up).
/// The thresholds are set before looking at any policy date (they say what "fast" means for a
/// share of world patents or trade), not fitted to the outcomes.
public struct CatchUpRule: Sendable, Codable, Hashable {
    /// The gap at or below which the challenger is level (0: equal shares).
    public var parityGap: Double
    /// The average yearly narrowing that counts as catching up (0.01 = 1 pp a year).
    public var closingRatePerYear: Double
    /// Years over which the narrowing is averaged.
    public var window: Int
    /// Why these values.
    public var note: String?

    /// 0 pp, 1 pp a year over 3 years.
    public static let standard = CatchUpRule(parityGap: 0, closingRatePerYear: 0.01, window: 3,
                                             note: "parity, or a gap narrowing by 1 percentage point of world share a year over three years")

    public init(parityGap: Double, closingRatePerYear: Double, window: Int, note: String? = nil) {
        self.parityGap = parityGap
        self.closingRatePerYear = closingRatePerYear
        self.window = window
        self.note = note
    }

    /// The catch-up year of a series (years ascending; each year's leader and challenger
    /// values) and the criterion that found it.
    public func catchUp(_ series: [(year: Int, leader: Double, challenger: Double)]) -> (year: Int, criterion: String)? {
        var leaderWasAhead = false
        let gaps = series.map { (year: $0.year, gap: $0.leader - $0.challenger) }
        for (i, p) in gaps.enumerated() {
            if leaderWasAhead && p.gap <= parityGap { return (p.year, "parity: gap \(NumberText.fixed(p.gap * 100, decimals: 1)) pp") }
            if window > 0, let j = gaps[..<i].lastIndex(where: { $0.year == p.year - window }), gaps[j].gap > parityGap,
               series[i].challenger - series[j].challenger >= 0.5 * (gaps[j].gap - p.gap) {
                let rate = (gaps[j].gap - p.gap) / Double(window)
                if rate >= closingRatePerYear {
                    return (p.year, "closing: \(NumberText.fixed(rate * 100, decimals: 1)) pp a year over \(gaps[j].year)–\(p.year)")
                }
            }
            if p.gap > parityGap { leaderWasAhead = true }
        }
        return nil
    }
}

/// One dimension's gap over time for one chain stage.
public struct DimensionCatchUp: Sendable, Codable, Hashable {
    public var dimension: AdvantageDimension
    public var indicator: String
    public var granularity: IndicatorGranularity
    public var firstYear: Int
    public var lastYear: Int
    /// leader − challenger in the first and last year.
    public var gapFirst: Double
    public var gapLast: Double
    /// Least-squares slope of the gap per year (negative: closing).
    public var changePerYear: Double?
    /// The first year the rule finds catch-up, and why; nil when it never does in the data.
    public var catchUpYear: Int?
    public var criterion: String?
}

/// How catch-up and securitisation are ordered for one stage.
public enum TimelineOrder: String, Sendable, Codable {
    /// The paper's order: the challenger caught up, then the leader securitised.
    case catchUpThenSecuritisation = "catch-up preceded securitisation"
    /// The leader acted first: reported, not hidden.
    case securitisedBeforeCatchUp = "securitised before catch-up"
    /// Both in the same year.
    case sameYear = "same year"
    /// The leader securitised; the data show no catch-up.
    case securitisedWithoutCatchUp = "securitised, no catch-up in the data"
    /// Catch-up without any securitising measure in the data.
    case catchUpWithoutSecuritisation = "catch-up, not securitised in the data"
    /// Neither.
    case neither = "neither catch-up nor securitisation in the data"
}

/// One stage's sequence: catch-up per dimension, the leader's designation and first
/// instrument, the challenger's first measure, and their order.
public struct StageTimeline: Sendable, Codable, Hashable {
    public var chain: String
    public var stage: String?
    public var catchUps: [DimensionCatchUp]
    /// The earliest catch-up year over the dimensions, and the dimension.
    public var catchUpYear: Int?
    public var catchUpDimension: AdvantageDimension?
    /// The leader's first strategy or review naming the chain or stage.
    public var designated: String?
    public var designatedBy: String?
    /// The leader's first instrument aimed at the chain or stage.
    public var firstInstrument: String?
    public var firstInstrumentMeasure: String?
    /// The challenger's first measure on the chain or stage (the action–reaction side).
    public var challengerFirstMeasure: String?
    public var challengerFirstMeasureID: String?
    /// Securitisation: the earlier of designation and first instrument.
    public var securitisedYear: Int?
    public var order: TimelineOrder
    /// securitisation year − catch-up year (positive in the paper's order).
    public var yearsFromCatchUpToSecuritisation: Int?
    /// The leader's vulnerability, measured before its first measure on the stage when the data allow.
    public var vulnerability: DatedVulnerability?
    /// Every measure of either side naming the stage, in date order: the action–reaction sequence.
    public var actions: [TimelineAction]
}

/// One measure in a stage's action–reaction sequence.
public struct TimelineAction: Sendable, Codable, Hashable {
    public var date: String
    /// The economy that took the measure.
    public var by: String
    public var measure: String
    public var instrument: String
}

/// The framework's sequence for every chain stage (`decouple framework timeline`).
public struct FrameworkTimeline: Sendable, Codable {
    public var leader: String
    public var challenger: String
    public var rule: CatchUpRule
    public var stages: [StageTimeline]
}

extension FrameworkAnalysis {
    /// The timeline of every chain stage of `panel`, with the measures of both sides.
    /// - Parameters:
    ///   - imports: the leader's imports by stage, partner and year (an all-reporter panel, or
    ///     one year of the leader's own statistics), for the dated vulnerability.
    ///   - alliances: the alliances with dated membership (who counts as an ally).
    public func timeline(panel: FrameworkPanel, taxonomy: StrategicTaxonomy, measures: [PolicyMeasure], chain only: String? = nil,
                         imports: StageImports? = nil, importsSource: String = "", alliances: [Alliance] = []) -> FrameworkTimeline {
        let rule = configuration.catchUpRule ?? .standard
        var stages: [StageTimeline] = []
        let dated = measures.filter { $0.start != nil }.sorted { $0.start!.description < $1.start!.description }
        for chain in taxonomy.chains where only == nil || chain.id == only {
            let stageIDs: [String?] = chain.arena == .criticalMinerals || chain.stages.isEmpty ? [nil] : chain.stages.map(\.id)
            for stage in stageIDs {
                var catchUps: [DimensionCatchUp] = []
                for d in AdvantageDimension.allCases {
                    for (indicator, rows) in panel.series(chain: chain.id, stage: stage, dimension: d).sorted(by: { $0.key < $1.key }) {
                        let series = rows.compactMap { r -> (year: Int, leader: Double, challenger: Double)? in
                            guard let l = r.leaderValue, let c = r.challengerValue else { return nil }
                            return (r.year, l, c)
                        }
                        let gaps = series.map { (year: $0.year, gap: $0.leader - $0.challenger) }
                        guard let first = gaps.first, let last = gaps.last else { continue }
                        let found = rule.catchUp(series)
                        catchUps.append(DimensionCatchUp(dimension: d, indicator: indicator, granularity: rows[0].granularity,
                                                         firstYear: first.year, lastYear: last.year, gapFirst: first.gap, gapLast: last.gap,
                                                         changePerYear: Self.slope(gaps), catchUpYear: found?.year, criterion: found?.criterion))
                    }
                }
                func names(_ m: PolicyMeasure) -> Bool {
                    m.targets.contains { $0.chain == chain.id && ($0.stage == nil || stage == nil || $0.stage == stage) }
                }
                let own = dated.filter { $0.jurisdiction == leader && names($0) }
                let designation = own.first { $0.instrument == .supplyChainStrategy }
                let instrument = own.first { $0.instrument != .supplyChainStrategy }
                let reaction = dated.first { $0.jurisdiction == challenger && names($0) }
                let actions = dated.filter { ($0.jurisdiction == leader || $0.jurisdiction == challenger) && names($0) }.map {
                    TimelineAction(date: $0.start!.description, by: $0.jurisdiction.code, measure: $0.id, instrument: $0.instrument.rawValue)
                }
                var vulnerability: DatedVulnerability?
                if let imports, let stage {
                    let firstMeasure = own.first?.start?.year
                    if let choice = Self.vulnerabilityYear(available: imports.years(chain: chain.id, stage: stage), firstMeasureYear: firstMeasure),
                       let row = imports.row(chain: chain.id, stage: stage, year: choice.year) {
                        vulnerability = datedVulnerability(imports: row, firstMeasureYear: firstMeasure, before: choice.before, note: choice.note,
                                                           alliances: alliances, source: importsSource)
                    }
                }
                let earliest = catchUps.filter { $0.catchUpYear != nil }.min { ($0.catchUpYear!, $0.dimension.rawValue) < ($1.catchUpYear!, $1.dimension.rawValue) }
                let securitised = [designation, instrument].compactMap { $0?.start?.year }.min()
                let order: TimelineOrder
                switch (earliest?.catchUpYear, securitised) {
                case let (c?, s?): order = c < s ? .catchUpThenSecuritisation : (c == s ? .sameYear : .securitisedBeforeCatchUp)
                case (nil, _?): order = .securitisedWithoutCatchUp
                case (_?, nil): order = .catchUpWithoutSecuritisation
                case (nil, nil): order = .neither
                }
                stages.append(StageTimeline(
                    chain: chain.id, stage: stage, catchUps: catchUps, catchUpYear: earliest?.catchUpYear, catchUpDimension: earliest?.dimension,
                    designated: designation?.start?.description, designatedBy: designation?.id,
                    firstInstrument: instrument?.start?.description, firstInstrumentMeasure: instrument?.id,
                    challengerFirstMeasure: reaction?.start?.description, challengerFirstMeasureID: reaction?.id,
                    securitisedYear: securitised, order: order,
                    yearsFromCatchUpToSecuritisation: earliest?.catchUpYear.flatMap { c in securitised.map { $0 - c } },
                    vulnerability: vulnerability, actions: actions))
            }
        }
        return FrameworkTimeline(leader: leader.code, challenger: challenger.code, rule: rule, stages: stages)
    }

    /// The least-squares slope of a series (nil with fewer than two points).
    static func slope(_ points: [(year: Int, gap: Double)]) -> Double? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0.0) { $0 + Double($1.year) } / n, my = points.reduce(0.0) { $0 + $1.gap } / n
        var sxy = 0.0, sxx = 0.0
        for p in points { sxy += (Double(p.year) - mx) * (p.gap - my); sxx += (Double(p.year) - mx) * (Double(p.year) - mx) }
        return sxx > 0 ? sxy / sxx : nil
    }
}
