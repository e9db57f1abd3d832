import DecoupleCore

/// A transparent supply-risk score in the spirit of the USGS 2020 critical-minerals method
/// (disruption potential × trade exposure) and the EU CRM method (concentration of supply).
/// Every component is kept.
///
///     disruptionPotential = w_hhi × HHI + w_rival × rivalProductionShare      (0–1)
///     tradeExposure       = netImportReliance / 100                           (0–1)
///     supplyRisk          = disruptionPotential × tradeExposure               (0–1)
///
/// HHI is of world production by country (``WorldShares``); the rival's share stands for the
/// governance term of the EU method (supply from the strategic rival); net import reliance is
/// the reported figure (a bound counts as its bound, `E` as 0), else the recomputed one.
/// Nil when either factor is unknown.
public struct SupplyRisk: Sendable, Codable, Hashable {
    /// Weights of the disruption potential; they sum to 1.
    public struct Weights: Sendable, Codable, Hashable {
        public var hhi: Double
        public var rivalShare: Double
        public init(hhi: Double = 0.5, rivalShare: Double = 0.5) {
            let sum = hhi + rivalShare
            self.hhi = sum > 0 ? hhi / sum : 0.5
            self.rivalShare = sum > 0 ? rivalShare / sum : 0.5
        }
    }

    public let hhi: Double
    public let rivalProductionShare: Double
    public let disruptionPotential: Double
    public let tradeExposure: Double
    /// True when trade exposure rests on a bound (`>50`) rather than a number.
    public let exposureIsBound: Bool
    public let score: Double
    public let weights: Weights

    public init?(shares: WorldShares?, rivalProductionShare: Double, reliance: NetImportReliance?, weights: Weights = Weights()) {
        guard let shares, let pct = reliance?.planningPercent else { return nil }
        hhi = shares.hhi
        self.rivalProductionShare = rivalProductionShare
        disruptionPotential = weights.hhi * shares.hhi + weights.rivalShare * rivalProductionShare
        tradeExposure = min(1, max(0, pct / 100))
        exposureIsBound = reliance?.reported?.amount.isBound ?? false
        score = disruptionPotential * tradeExposure
        self.weights = weights
    }
}
