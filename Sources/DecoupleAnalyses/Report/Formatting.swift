import DecoupleCore

/// Formats used by the report's tables and sentences.
enum Fmt {
    static func pct(_ v: Double) -> String { ValueFormat.percent(decimals: 1).format(v) }
    static func pp(_ v: Double) -> String { ValueFormat.percentagePoints(decimals: 1).format(v) }
    static func usd(_ v: Double) -> String { ValueFormat.usd.format(v) }
    /// A round threshold without a trailing ".0": `1e8` → "$100m" (not "$100.0m").
    static func usdThreshold(_ v: Double) -> String {
        let t = usd(v)
        for unit in ["k", "m", "bn", "tn"] where t.hasSuffix(".0" + unit) { return String(t.dropLast(unit.count + 2)) + unit }
        return t
    }
}
