import DecoupleCore
import DecoupleTrade

/// Manufacturing indicators from an all-reporter trade panel (e.g. CEPII BACI): each side's
/// share of world exports of a chain's products, Σ_k w_k x_{c,k} / Σ_k w_k X_k, with the
/// taxonomy's weights w_k for the panel's HS edition (``WorldExportMatrix/worldMarketShare(country:weights:)``).
public struct PanelExportShares: Sendable {
    /// Shares by chain id: leader, challenger.
    public let shares: [String: (leader: Double?, challenger: Double?)]
    public let year: Int
    public let source: String

    /// Computes the shares for every chain of the taxonomy in `year` (the panel's latest when nil).
    public init?(panel: BilateralPanel, taxonomy: StrategicTaxonomy, leader: Country, challenger: Country, year: Int? = nil) {
        guard let y = year ?? panel.years.last, let matrix = panel.worldExports(year: y) else { return nil }
        let l = matrix.countries.firstIndex(of: leader), c = matrix.countries.firstIndex(of: challenger)
        var out: [String: (leader: Double?, challenger: Double?)] = [:]
        for chain in taxonomy.chains {
            guard let selection = try? ProductSelection.chain(chain.id, taxonomy: taxonomy) else { continue }
            let weights = selection.weights(in: panel)
            guard weights.contains(where: { $0 > 0 }) else { continue }
            out[chain.id] = (l.flatMap { matrix.worldMarketShare(country: $0, weights: weights) },
                             c.flatMap { matrix.worldMarketShare(country: $0, weights: weights) })
        }
        shares = out
        self.year = y
        source = panel.provenance.map(\.citation).joined(separator: "; ")
    }

    /// The indicator of a chain, when the panel has its products.
    public func indicator(chain: String, configuration: FrameworkConfiguration) -> Indicator? {
        guard let s = shares[chain] else { return nil }
        return Indicator(dimension: .manufacturing, name: "share of world exports of the chain's HS6 products (trade panel)",
                         leaderValue: s.leader, challengerValue: s.challenger, year: year, source: source,
                         scale: configuration.scale(.manufacturing), granularity: .chain)
    }
}
