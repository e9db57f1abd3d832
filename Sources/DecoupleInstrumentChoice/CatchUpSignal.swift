import DecoupleCore
import DecoupleMinerals

/// How fast the challenger closes the gap to the leader on one indicator (the framework's
/// "pyramid" effect: the leader's room shrinks while the follower accelerates).
public struct CatchUpSignal: Sendable, Codable, Hashable {
    /// A chain id, or an arena (`green`, `digital`).
    public var scope: String
    public var dimension: AdvantageDimension
    public var indicator: String
    public var fromYear: Int
    public var toYear: Int
    public var leaderFrom: Double
    public var leaderTo: Double
    public var challengerFrom: Double
    public var challengerTo: Double
    public var source: String

    /// Gap (leader − challenger share) at the start and the end.
    public var gapFrom: Double { leaderFrom - challengerFrom }
    public var gapTo: Double { leaderTo - challengerTo }

    /// Share points of gap closed per year (positive = the challenger is catching up).
    public var gapClosedPerYear: Double { (gapFrom - gapTo) / Double(max(1, toYear - fromYear)) }

    /// Years until parity if the gap keeps closing at this pace (nil when it is not closing, 0 when overtaken).
    public var yearsToParity: Double? {
        if gapTo <= 0 { return 0 }
        return gapClosedPerYear > 0 ? gapTo / gapClosedPerYear : nil
    }

    /// Growth of the challenger's share over the window (to / from).
    public var challengerShareGrowth: Double? { challengerFrom > 0 ? challengerTo / challengerFrom : nil }
}
