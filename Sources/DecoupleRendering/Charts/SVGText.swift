import DecoupleAnalyses

/// Escapes text for use in XML/HTML content and in quoted attribute values:
/// `&` `<` `>` `"` `'` become entity references.
/// - Parameter s: Raw text.
/// - Returns: Text safe to embed in SVG or HTML.
public func xmlEscaped(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default:
            // Control characters other than tab/newline/CR are not allowed in XML 1.0.
            if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" { out += " " } else { out.unicodeScalars.append(c) }
        }
    }
    return out
}

/// Rough text metrics for laying out SVG text without a font engine.
enum TextMetrics {
    /// Estimated rendered width of `s` at `fontSize` for a typical sans-serif
    /// font (deliberately a little generous so labels don't collide).
    static func width(_ s: String, fontSize: Double) -> Double {
        Double(s.count) * fontSize * 0.6
    }

    /// The label column of a horizontal bar chart: as wide as the widest label, at most 35% of
    /// the plot width, and how many characters fit in it (at least 3).
    static func labelColumn(_ labels: [String], fontSize: Double, plotWidth: Double) -> (width: Double, maxChars: Int) {
        // Capitals (ISO codes such as VNM, TWN) run wider than the 0.6 em estimate: room for them.
        let widest = labels.map { l in width(l, fontSize: fontSize) * (l.count <= 4 || l == l.uppercased() ? 1.25 : 1.05) }.max() ?? 0
        let column = min(widest, plotWidth * 0.35)
        return (column, max(3, Int(column / (fontSize * 0.6))))
    }

    /// `s` shortened to at most `maxChars` characters, ending in "…" when cut.
    /// A "chain: stage" label shortened from the chain's end, keeping the stage that tells the
    /// bars apart ("Semiconductor manufactur…: wafer fab tools", not "Semiconductor
    /// manufacturing equipment: …"); other labels as ``truncated(_:maxChars:)``.
    static func truncatedLabel(_ s: String, maxChars: Int) -> String {
        guard s.count > maxChars, let r = s.range(of: ": ") else { return truncated(s, maxChars: maxChars) }
        let head = String(s[..<r.lowerBound]), tail = String(s[r.upperBound...])
        let room = maxChars - tail.count - 2
        if room >= 4 { return truncated(head, maxChars: room) + ": " + tail }
        return truncated(head, maxChars: 4) + ": " + truncated(tail, maxChars: max(2, maxChars - 6))
    }

    static func truncated(_ s: String, maxChars: Int) -> String {
        guard s.count > maxChars else { return s }
        guard maxChars > 1 else { return "…" }
        return String(s.prefix(maxChars - 1)).trimmingTrailingSpaces() + "…"
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
