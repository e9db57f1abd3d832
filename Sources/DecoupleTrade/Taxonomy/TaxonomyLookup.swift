import DecoupleCore

/// Where an HS6 code stands: the editions that have it, its chains and stages in each, and the
/// codes its trade maps to in the neighbouring editions with their chains and stages.
public struct TaxonomyLookup: Sendable, Encodable {
    public struct EditionEntry: Sendable, Encodable {
        public let edition: HSEdition
        public let name: String?
        public let matches: [TaxonomyMatch]
        /// Codes of the neighbouring editions this code's trade maps to.
        public let conversions: [Conversion]
    }
    public struct Conversion: Sendable, Encodable {
        public let edition: HSEdition
        public let code: String
        public let weight: Double
        public let matches: [TaxonomyMatch]
    }

    public let code: String
    public let editions: [EditionEntry]
    public let provenance: [Provenance]

    public init(code: String, taxonomy: StrategicTaxonomy, concordance: HSConcordance) {
        self.code = code
        var entries: [EditionEntry] = []
        for edition in [HSEdition.hs2012, .hs2017, .hs2022] where concordance.contains(code, in: edition) || !taxonomy.matches(for: code, edition: edition).isEmpty {
            var conversions: [Conversion] = []
            for neighbour in Self.neighbours(of: edition) {
                for link in concordance.conversions(of: code, from: edition, to: neighbour) {
                    conversions.append(Conversion(edition: neighbour, code: link.code, weight: link.weight,
                                                  matches: taxonomy.matches(for: link.code, edition: neighbour)))
                }
            }
            entries.append(EditionEntry(edition: edition, name: concordance.names[edition]?[code],
                                        matches: taxonomy.matches(for: code, edition: edition), conversions: conversions))
        }
        editions = entries
        provenance = taxonomy.provenance + [HSConcordance.provenance]
    }

    static func neighbours(of e: HSEdition) -> [HSEdition] {
        switch e {
        case .hs2012: [.hs2017]
        case .hs2017: [.hs2012, .hs2022]
        case .hs2022: [.hs2017]
        default: []
        }
    }

    /// A readable account for the terminal.
    public func text() -> String {
        guard !editions.isEmpty else { return "\(code): not an HS6 code of HS2012, HS2017 or HS2022, and not in the taxonomy.\n" }
        var s = ""
        for e in editions {
            s += "\(code) in \(e.edition.rawValue)\(e.name.map { ": \($0)" } ?? "")\n"
            if e.matches.isEmpty { s += "  not in any strategic chain\n" }
            for m in e.matches { s += "  → \(Self.describe(m))\n" }
            for c in e.conversions where c.weight >= 0.001 {
                let where_ = c.matches.isEmpty ? "not in any chain" : c.matches.map(Self.describe).joined(separator: "; ")
                s += "  ≈ \(c.edition.rawValue) \(c.code) (\(String(format: "%.1f%%", c.weight * 100)) of trade): \(where_)\n"
            }
        }
        s += "Sources: taxonomy \(provenance.dropLast().map(\.retrievedFrom).joined(separator: ", ")); HS lists and conversion weights: \(HSConcordance.provenance.citation), Apache-2.0.\n"
        return s
    }

    static func describe(_ m: TaxonomyMatch) -> String {
        var s = "\(m.chain) › \(m.stage) (\(m.level.rawValue), \(m.arena.rawValue))"
        if let w = m.weight, w < 1 { s += String(format: ", weight %.3f", w) }
        if m.shared { s += ", shared line" }
        return s
    }
}
