import Foundation

/// Number-to-text helpers: the one set every layer formats numbers with (charts, tables,
/// findings, explanations). ``ValueFormat`` builds on them.
package enum NumberText {
    /// Fixed-point text with `decimals` digits after the point.
    /// Negative values use "−" (U+2212); values rounding to zero get no sign.
    /// - Parameters:
    ///   - grouping: insert "," thousands separators in the integer part.
    ///   - explicitPlus: prefix positive (non-zero after rounding) values with "+".
    ///   - asciiMinus: "-" instead of "−" (plain-text tables meant for copying).
    package static func fixed(_ v: Double, decimals: Int, grouping: Bool = false, explicitPlus: Bool = false,
                               asciiMinus: Bool = false) -> String {
        guard v.isFinite else { return "n/a" }
        let d = max(0, min(decimals, 12))
        var body = String(format: "%.\(d)f", abs(v))
        let isZero = body.allSatisfy { $0 == "0" || $0 == "." }
        if grouping {
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            let intPart = Array(parts[0])
            var grouped = ""
            for (i, c) in intPart.enumerated() {
                if i > 0 && (intPart.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(c)
            }
            body = parts.count > 1 ? grouped + "." + parts[1] : grouped
        }
        if isZero { return body }
        if v < 0 { return (asciiMinus ? "-" : "\u{2212}") + body }
        return explicitPlus ? "+" + body : body
    }

    /// Fewest decimals that show every multiple of `step` exactly
    /// (for 1-2-5 steps: 5 → 0, 0.5 → 1, 0.02 → 2).
    package static func decimalsNeeded(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        for d in 0...8 {
            let scaled = step * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return d }
        }
        return 8
    }

    /// SVG coordinate text: at most two decimals, trailing zeros removed,
    /// never "-0". Non-finite input prints as "0".
    package static func coordinate(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        if r == 0 { return "0" }
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// One decimal, no trailing ".0" ("52.3", "100"); digits for any finite value (never a
    /// trapping conversion to `Int`).
    package static func oneDecimal(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        guard r.isFinite else { return String(r) }
        guard r == r.rounded() else { return String(r) }
        return abs(r) < 1e15 ? String(Int(r)) : String(format: "%.0f", r)
    }

    /// Two decimals ("0.35", "1.20").
    package static func twoDecimals(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 2 { s += String(repeating: "0", count: 2 - decimals) }
        }
        return s
    }

    /// An HHI (0–1) on the 0–10,000 scale, rounded; "n/a" when it is not a finite number (a
    /// world total that overflowed), never a trapping conversion.
    package static func hhiPoints(_ hhi: Double) -> String {
        let points = (hhi * 10_000).rounded()
        return points.isFinite && abs(points) < 1e15 ? String(Int(points)) : "n/a"
    }

    /// `US$12,345` or `US$12,345.67`, for any finite amount (digits come from the decimal text,
    /// never from a conversion to `Int` that would trap above 2^63); a non-finite amount is `US$?`.
    package static func dollars(_ x: Double) -> String {
        guard x.isFinite else { return "US$?" }
        let text = String(format: "%.2f", abs(x))
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = String(parts[0])
        let cents = parts.count > 1 ? String(parts[1]) : "00"
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let negative = x < 0 && text != "0.00"
        return "US$\(negative ? "-" : "")\(digits)\(grouped)\(cents == "00" ? "" : "." + cents)"
    }

    /// C-printf fixed-point text (`%.Nf`, with `plus` `%+.Nf`): ASCII signs, and a value that
    /// rounds to zero keeps its sign ("-0.0"), as the command tables have always printed it.
    package static func printf(_ v: Double, decimals: Int, plus: Bool = false) -> String {
        String(format: plus ? "%+.\(decimals)f" : "%.\(decimals)f", v)
    }
}
