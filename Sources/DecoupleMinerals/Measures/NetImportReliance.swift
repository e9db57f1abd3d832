import DecoupleCore

/// US net import reliance of one mineral in one year: as USGS reports it, and recomputed
/// from the salient statistics where they allow, both shown.
///
/// USGS defines net import reliance as imports − exports (+ adjustments for government and
/// industry stock changes) as a percentage of apparent consumption. Recomputed here as
///
///     recomputed = 100 × (imports − exports) / apparentConsumption
///
/// with the apparent consumption the file reports, or, when it has none,
/// `apparentConsumption = usProduction + imports − exports` (stock changes unknown). A
/// negative result means a net exporter. Not recomputed when any input is withheld, not
/// available or a bound.
public struct NetImportReliance: Sendable, Codable, Hashable {
    public let year: Int
    /// As published (`100`, `>50`, `E`, `W`).
    public let reported: MineralAmount?
    /// Percent, when the inputs allow.
    public let recomputed: Double?
    /// How ``recomputed`` was obtained, or why it could not be.
    public let method: String
    /// The cells ``recomputed`` was computed from.
    public let inputs: [MineralProvenance]

    public init(_ s: MineralSupplyInput.SalientYear) {
        year = s.year
        reported = s.reportedReliance
        inputs = [s.imports, s.exports, s.apparentConsumption ?? s.usProduction].compactMap { $0?.source }
        let i = s.imports?.amount.exact, e = s.exports?.amount.exact
        let sameUnits = Set([s.imports?.unit, s.exports?.unit, s.apparentConsumption?.unit, s.usProduction?.unit].compactMap { $0 }).count <= 1
        guard let i, let e else {
            recomputed = nil
            method = "not recomputed: imports or exports are not published as numbers for \(s.year)"
            return
        }
        guard sameUnits else {
            recomputed = nil
            method = "not recomputed: imports, exports and consumption are in different units"
            return
        }
        if let c = s.apparentConsumption?.amount.exact, c > 0 {
            recomputed = 100 * (i - e) / c
            method = "100 × (imports − exports) / apparent consumption"
        } else if let p = s.usProduction?.amount.exact, p + i - e > 0 {
            recomputed = 100 * (i - e) / (p + i - e)
            method = "100 × (imports − exports) / (production + imports − exports)"
        } else {
            recomputed = nil
            let c = s.apparentConsumption.map { "apparent consumption is \($0.amount.text)" } ?? "no apparent consumption"
            let p = s.usProduction.map { "production is \($0.amount.text)" } ?? "no production"
            method = "not recomputed: \(c), \(p)"
        }
    }

    /// The reported figure as a number for planning (bound itself for `>x`/`<x`, 0 for a net
    /// exporter), else the recomputed one clamped to 0–100.
    public var planningPercent: Double? {
        if let r = reported?.amount.planningValue { return r }
        return recomputed.map { min(100, max(0, $0)) }
    }
}

extension NetImportReliance {
    /// The reliance as USGS published it ("75%", ">50%", "E"), bounds kept; "–" when none was.
    public var reportedText: String {
        reported.map { $0.amount.text + ($0.amount.exact != nil || $0.amount.isBound ? "%" : "") } ?? "–"
    }
}
