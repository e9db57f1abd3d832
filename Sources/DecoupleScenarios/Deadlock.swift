import DecoupleCore
import Foundation

/// Sanctions-deadlock indicator — a STYLISED READING of the companion abstract in
/// FRAMEWORK.md §7 (Pang Qin): the probability that a sanction ends in deadlock is U-shaped in
/// the target's import dependence on the sanctioning country. It is not an estimate of that
/// paper's model; the thresholds are parameters.
///
/// dependence `D = M(target ← sanctioner) / M(target ← world)` (imports, from the ICIO:
/// intermediate plus final-demand purchases of the target from abroad);
/// zone: `D < low` → low dependence (deadlock risk elevated: weak signal, little leverage);
/// `low ≤ D ≤ high` → medium (risk lowest); `D > high` → high dependence (risk elevated again:
/// signal distortion through asymmetric dependence).
/// U-score `u = ((D − m) / h)²` with `m = (low + high)/2`, `h = (high − low)/2`: u < 1 inside
/// the medium band, 1 at its edges, growing outside.
public struct DeadlockIndicator: Sendable, Codable, Hashable {
    public enum Zone: String, Sendable, Codable { case low, medium, high }
    public let target: String
    public let sanctioner: String
    public let importsFromSanctioner: Double
    public let totalImports: Double
    public let dependence: Double
    public let lowThreshold: Double
    public let highThreshold: Double
    public let zone: Zone
    public let uScore: Double
    public let deadlockRisk: String
    public let label: String
    /// What the imports cover: "intermediate and final use" when the table has final demand by
    /// economy, else "intermediate inputs only (the table has no final demand)".
    public let coverage: String

    public init(target: String, sanctioner: String, importsFromSanctioner: Double, totalImports: Double,
                low: Double, high: Double, coverage: String = "intermediate inputs only (the table has no final demand)") {
        self.coverage = coverage
        self.target = target
        self.sanctioner = sanctioner
        self.importsFromSanctioner = importsFromSanctioner
        self.totalImports = totalImports
        let D = totalImports > 0 ? importsFromSanctioner / totalImports : 0
        dependence = D
        lowThreshold = low
        highThreshold = high
        zone = D < low ? .low : (D > high ? .high : .medium)
        let m = (low + high) / 2, h = max((high - low) / 2, 1e-12)
        uScore = ((D - m) / h) * ((D - m) / h)
        deadlockRisk = zone == .medium ? "lowest (bottom of the U)" : "elevated (\(zone == .low ? "left" : "right") arm of the U)"
        label = "stylised reading of the U-shaped deadlock finding (FRAMEWORK.md §7), not an estimate"
    }
}
