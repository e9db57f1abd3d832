import DecoupleCore
import DecoupleTrade

/// The leader's and challenger's competitive advantage in one chain (or stage), per dimension.
public struct AdvantageProfile: Sendable, Codable, Hashable {
    public var chain: String
    public var stage: String?
    public var arena: Arena
    public var leader: Country
    public var challenger: Country
    public var indicators: [Indicator]

    public init(chain: String, stage: String? = nil, arena: Arena, leader: Country, challenger: Country, indicators: [Indicator]) {
        self.chain = chain
        self.stage = stage
        self.arena = arena
        self.leader = leader
        self.challenger = challenger
        self.indicators = indicators
    }

    /// The indicators of one dimension.
    public func indicators(_ d: AdvantageDimension) -> [Indicator] { indicators.filter { $0.dimension == d } }

    /// Who leads a dimension: the sign of the summed leads of its indicators (nil when no indicator has data).
    public func lead(in d: AdvantageDimension) -> Int? {
        let leads = indicators(d).compactMap(\.lead)
        guard !leads.isEmpty else { return nil }
        let sum = leads.reduce(0, +)
        return sum > 0 ? 1 : (sum < 0 ? -1 : 0)
    }

    /// Pluses for leader and challenger in a dimension: the highest of its indicators (nil when missing).
    public func pluses(in d: AdvantageDimension) -> (leader: Int?, challenger: Int?) {
        let i = indicators(d)
        return (i.compactMap(\.leaderPluses).max(), i.compactMap(\.challengerPluses).max())
    }
}
