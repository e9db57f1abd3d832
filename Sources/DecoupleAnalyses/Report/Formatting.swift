import DecoupleCore

/// Formats used by the report's tables and sentences.
enum Fmt {
    static func pct(_ v: Double) -> String { ValueFormat.percent(decimals: 1).format(v) }
    static func pp(_ v: Double) -> String { ValueFormat.percentagePoints(decimals: 1).format(v) }
    static func usd(_ v: Double) -> String { ValueFormat.usd.format(v) }
}
