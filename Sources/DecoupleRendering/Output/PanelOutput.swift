import DecoupleAnalyses
import Foundation

/// Plain-text and CSV rendering shared by the commands (tables, percentages, sources lines).
public enum PanelOutput {
    /// A table with a header row; numeric-looking columns are right-aligned.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        let numeric = rows.isEmpty ? [] : Set(header.indices.filter { i in
            rows.allSatisfy { i >= $0.count || $0[i].first.map { $0.isNumber || $0 == "-" || $0 == "+" || $0 == "−" } ?? true }
        })
        return TableText.render(header: header, rows: rows, numeric: numeric, layout: .plain(rule: "-"))
    }

    public static func percent(_ x: Double?, digits: Int = 1) -> String {
        guard let x, x.isFinite else { return "n/a" }
        return NumberText.printf(x * 100, decimals: digits) + "%"
    }

    /// Percentage points, signed.
    public static func points(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "n/a" }
        return NumberText.printf(x * 100, decimals: 1, plus: true) + " pp"
    }

    public static func number(_ x: Double?, digits: Int = 3) -> String {
        guard let x, x.isFinite else { return "n/a" }
        return NumberText.printf(x, decimals: digits)
    }

    /// US dollars in millions.
    public static func millions(_ x: Double) -> String { NumberText.printf(x / 1e6, decimals: 1) }

    /// A CSV field, quoted when it needs it (RFC 4180).
    public static func csvField(_ s: String) -> String { DecoupleRendering.csvField(s) }

    public static func csv(_ rows: [[String]]) -> String {
        rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    public static func json<T: Encodable>(_ value: T) throws -> String { try DecoupleJSON.encode(value) }

    /// "Source: …" lines for the provenance of a store.
    public static func sources(_ provenance: [Provenance]) -> String {
        provenance.map { "Source: \($0.citation); \($0.licence)" }.joined(separator: "\n") + "\n"
    }

    public static func name(_ c: Country) -> String { CountryTable.standard.name(c) }

    /// "China's", "United States'".
    public static func possessive(_ c: Country) -> String {
        let n = name(c)
        return n.hasSuffix("s") ? n + "'" : n + "'s"
    }

    /// The warning printed when shares are of the partners in the data, not of world trade.
    public static func partnerSumNote(_ partners: [Country]) -> String {
        "Note: the store has no World rows for these imports, so shares are of the sum over the partners it holds (\(partners.map(\.code).sorted().joined(separator: ", "))), not of world imports.\n"
    }
}
