import DecoupleCore

/// Something that runs trade aggregations: the local memory-mapped store
/// (``LocalTradeAggregationEngine``) or a remote engine such as Spark (the `Integrations/Spark`
/// package). Measures consume the aggregates, so they are written once for every engine.
public protocol TradeAggregationEngine: Sendable {
    /// A short name for messages and provenance (`local store`, `spark sc://host:15002`).
    var name: String { get }
    /// What the panel holds: years, whether it covers every reporter, its provenance.
    func describe() async throws -> TradePanelDescription
    /// Runs one aggregation.
    func aggregate(_ query: TradeAggregationQuery) async throws -> TradeAggregate
}

/// What an engine's panel holds.
public struct TradePanelDescription: Sendable, Equatable {
    /// Ascending.
    public var years: [Int]
    /// True when the panel covers every reporter (BACI), so world-level measures make sense.
    public var coversAllReporters: Bool
    public var provenance: [Provenance]

    public init(years: [Int], coversAllReporters: Bool, provenance: [Provenance]) {
        self.years = years
        self.coversAllReporters = coversAllReporters
        self.provenance = provenance
    }
}
