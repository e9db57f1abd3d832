import DecoupleCore

/// The three dimensions of competitive advantage in the framework (Zhou 2024, Table 1).
public enum AdvantageDimension: String, Sendable, Codable, CaseIterable {
    /// Innovation: patents, R&D.
    case technology
    /// Production: share of world output or exports.
    case manufacturing
    /// Demand: size of the home market.
    case market
}

/// One measured indicator of a dimension, for the leader and the challenger, with its source.
///
/// Values are shares of the world total (0–1) unless `unit` says otherwise. A value that the
/// data do not give is nil and is shown as missing, never as zero.
public struct Indicator: Sendable, Codable, Hashable {
    public var dimension: AdvantageDimension
    /// What is measured ("share of USPTO semiconductor patents, by inventor").
    public var name: String
    public var leaderValue: Double?
    public var challengerValue: Double?
    public var unit: String
    public var year: Int
    /// Citation of the source (dataset or publication).
    public var source: String
    /// The framework's "+" scale (0–3) for each side, from ``PlusScale``.
    public var leaderPluses: Int?
    public var challengerPluses: Int?
    /// How finely the indicator measures a stage (chain-wide patents, ICIO sectors …).
    public var granularity: IndicatorGranularity?

    public init(dimension: AdvantageDimension, name: String, leaderValue: Double?, challengerValue: Double?,
                unit: String = "share of world", year: Int, source: String, scale: PlusScale? = nil,
                granularity: IndicatorGranularity? = nil) {
        self.granularity = granularity
        self.dimension = dimension
        self.name = name
        self.leaderValue = leaderValue
        self.challengerValue = challengerValue
        self.unit = unit
        self.year = year
        self.source = source
        leaderPluses = leaderValue.flatMap { v in scale.map { $0.pluses(v) } }
        challengerPluses = challengerValue.flatMap { v in scale.map { $0.pluses(v) } }
    }

    /// leader / challenger, when both are known and the challenger's is positive.
    public var ratio: Double? {
        guard let l = leaderValue, let c = challengerValue, c > 0 else { return nil }
        return l / c
    }

    /// Who is ahead on this indicator: positive when the leader is, negative when the challenger is.
    /// With one side missing, a share above one half still decides it (the other side has less).
    public var lead: Int? {
        if let l = leaderPluses, let c = challengerPluses, l != c { return l - c }
        switch (leaderValue, challengerValue) {
        case let (l?, c?): return l > c ? 1 : (l < c ? -1 : 0)
        case let (l?, nil) where unit == "share of world" && l > 0.5: return 1
        case let (nil, c?) where unit == "share of world" && c > 0.5: return -1
        default: return nil
        }
    }
}

/// Maps a share of the world to the framework's "+" scale: thresholds for +, ++ and +++.
public struct PlusScale: Sendable, Codable, Hashable {
    /// Minimum share for one, two and three pluses (ascending).
    public var thresholds: [Double]

    public init(thresholds: [Double]) { self.thresholds = thresholds }

    /// 0 to 3 pluses.
    public func pluses(_ share: Double) -> Int { thresholds.filter { share >= $0 }.count }

    /// "+++", "++", "+" or "–".
    public static func symbol(_ n: Int?) -> String {
        guard let n else { return "n/a" }
        return n == 0 ? "–" : String(repeating: "+", count: n)
    }
}
