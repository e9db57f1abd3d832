/// A set of trade flows read from one source, with its provenance.
public struct TradeDataset: Sendable {
    /// A stable identifier (`imf-dots`, `census-hs2-monthly` …), used to cite the source in outputs.
    public var id: String
    public var provenance: Provenance
    public var flows: [TradeFlow]

    public init(id: String, provenance: Provenance, flows: [TradeFlow]) {
        self.id = id
        self.provenance = provenance
        self.flows = flows
    }
}
