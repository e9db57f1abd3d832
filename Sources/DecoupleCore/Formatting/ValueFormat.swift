import Foundation

/// How chart values are turned into text (tooltips, value labels, axis ticks).
///
/// Negative numbers use the typographic minus sign "−" (U+2212). A value that
/// rounds to zero is printed without a sign. Non-finite input prints as "n/a".
public enum ValueFormat: Sendable, Equatable {
    /// Values are fractions: `0.163` → `"16.3%"` with `decimals: 1`.
    case percent(decimals: Int)
    /// Plain numbers with thousands separators: `1234.5` → `"1,234.5"` with `decimals: 1`.
    case number(decimals: Int)
    /// US dollars scaled to k/m/bn/tn with one decimal:
    /// `1.2e9` → `"$1.2bn"`, `3.4e6` → `"$3.4m"`, `5e3` → `"$5.0k"`, `950` → `"$950"`.
    case usd
    /// Changes in a share, given as fractions, shown in percentage points with
    /// an explicit sign: `-0.031` → `"−3.1 pp"`, `0.02` → `"+2.0 pp"`.
    case percentagePoints(decimals: Int)

    /// Formats a single value for display (tooltips and value labels).
    /// - Parameter v: The raw value (a fraction for `.percent` / `.percentagePoints`).
    /// - Returns: The formatted text, or `"n/a"` for NaN / infinite input.
    public func format(_ v: Double) -> String {
        guard v.isFinite else { return "n/a" }
        switch self {
        case .percent(let d):
            return NumberText.fixed(v * 100, decimals: d) + "%"
        case .number(let d):
            return NumberText.fixed(v, decimals: d, grouping: true)
        case .usd:
            return Self.usdText(v, unitFromMagnitude: nil, decimals: nil)
        case .percentagePoints(let d):
            return NumberText.fixed(v * 100, decimals: d, explicitPlus: true) + " pp"
        }
    }

    /// Formats evenly spaced axis ticks with just enough decimals for `step`
    /// (so ticks read "0%, 5%, 10%" rather than "0.0%, 5.0%, 10.0%").
    /// For `.usd` all ticks share the unit of the largest tick ("$0.5bn, $1bn").
    package func tickLabels(_ ticks: [Double], step: Double) -> [String] {
        switch self {
        case .percent:
            let d = NumberText.decimalsNeeded(forStep: step * 100)
            return ticks.map { NumberText.fixed($0 * 100, decimals: d) + "%" }
        case .number:
            let d = NumberText.decimalsNeeded(forStep: step)
            return ticks.map { NumberText.fixed($0, decimals: d, grouping: true) }
        case .percentagePoints:
            let d = NumberText.decimalsNeeded(forStep: step * 100)
            return ticks.map { NumberText.fixed($0 * 100, decimals: d, explicitPlus: true) + " pp" }
        case .usd:
            let largest = ticks.map { abs($0) }.max() ?? 0
            let unit = Self.usdUnits.first { largest >= $0.scale } ?? (1, "")
            let d = NumberText.decimalsNeeded(forStep: step / unit.scale)
            return ticks.map { Self.usdText($0, unitFromMagnitude: unit, decimals: d) }
        }
    }

    /// Dollar units from largest to smallest.
    private static let usdUnits: [(scale: Double, suffix: String)] = [
        (1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"),
    ]

    /// Dollar text; picks the unit from `abs(v)` unless one is forced.
    private static func usdText(
        _ v: Double, unitFromMagnitude forced: (scale: Double, suffix: String)?, decimals: Int?
    ) -> String {
        let a = abs(v)
        if a == 0 { return "$0" }
        var unit: (scale: Double, suffix: String)
        if let forced {
            unit = forced
        } else if let i = usdUnits.firstIndex(where: { a >= $0.scale }) {
            unit = usdUnits[i]
            // 999,960 would print "$1000.0k": move up a unit instead.
            if i > 0, ((a / unit.scale) * 10).rounded() / 10 >= 1000 { unit = usdUnits[i - 1] }
        } else {
            unit = (1, "")
            if a.rounded() >= 1000 { unit = (1e3, "k") }
        }
        let d = decimals ?? (unit.scale == 1 ? 0 : 1)
        let body = NumberText.fixed(a / unit.scale, decimals: d)
        let isZero = body.allSatisfy { $0 == "0" || $0 == "." }
        return (v < 0 && !isZero ? "\u{2212}" : "") + "$" + body + unit.suffix
    }
}
