import DecoupleCore

/// A set of trade flows read from one source, with its provenance.
public struct TradeDataset: Sendable {
    /// A stable identifier (`imf-dots`, `census-hs2-monthly` …), used to cite the source in outputs.
    public var id: String
    public var provenance: Provenance
    public var flows: [TradeFlow]
    /// Product descriptions the source gives, by code ("85" → "ELECTRICAL MACHINERY …").
    public var productNames: [String: String]

    public init(id: String, provenance: Provenance, flows: [TradeFlow], productNames: [String: String] = [:]) {
        self.id = id
        self.provenance = provenance
        self.flows = flows
        self.productNames = productNames
    }
}
