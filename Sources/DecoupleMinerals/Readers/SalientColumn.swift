import DecoupleCore

/// A value column of a salient-statistics file, understood from its name.
///
/// Names follow `<Category>_<Qualifier…>_<unit>` (`Imports_Refined_kt`, `NIR_pct`,
/// `USprod_Mine_t`), but the releases vary: a qualifier may come first (`Bauxite_NIR_pct`),
/// the unit may be glued to the last word (`USprod_Primarykg`, `NIR_Refinedpct`) or missing
/// (`Consump_`), and some names are broken (`CASE STATEMENT ERRORkt`). The raw name is always
/// kept; the category is what measures use.
public struct SalientColumn: Hashable, Sendable, Codable {
    /// What the column measures.
    public enum Category: String, Hashable, Sendable, Codable, CaseIterable {
        case usProduction = "us_production"
        case imports
        case exports
        case consumption
        case price
        case employment
        case netImportReliance = "net_import_reliance"
        case stocks
        case shipments
        case recycling
        case other
    }

    /// 0-based field index in the record.
    public let index: Int
    /// The name as written in the header.
    public let name: String
    public let category: Category
    /// The remaining words of the name (`["Refined"]`, `["Apparent", "Total"]`), in order.
    public let qualifiers: [String]
    public let unit: MineralUnit

    public init(index: Int, name: String) {
        self.index = index
        self.name = name
        var tokens = name.trimmedUSGS.split(separator: "_").map(String.init)
        var unit = MineralUnit(code: "")
        if let last = tokens.last, MineralUnit.known[last] != nil, tokens.count > 1 {
            unit = MineralUnit(code: last)
            tokens.removeLast()
        } else if let last = tokens.last {
            // A unit glued to the last word ("Primarykg", "Refinedpct"): only units of two or
            // more letters are split off, a lone "t" or "g" is too ambiguous.
            for code in ["ctslb", "dtoz", "mmt", "mdol", "pct", "dkg", "dlb", "mct", "kct", "mcm", "kg", "kt", "dt"]
            where last.count > code.count && last.hasSuffix(code) {
                unit = MineralUnit(code: code)
                tokens[tokens.count - 1] = String(last.dropLast(code.count))
                break
            }
        }
        var category = Category.other
        var categoryAt: Int?
        for (i, t) in tokens.enumerated() {
            if let c = Self.category(of: t) { category = c; categoryAt = i; break }
        }
        if category == .netImportReliance, unit.code.isEmpty || unit.code == "t" { unit = MineralUnit(code: "pct") }
        self.category = category
        self.qualifiers = tokens.enumerated().filter { $0.offset != categoryAt }.map(\.element).filter { !$0.isEmpty }
        self.unit = unit
    }

    static func category(of token: String) -> Category? {
        switch token.lowercased() {
        case "usprod": .usProduction
        case "imports": .imports
        case "exports": .exports
        case "consump", "consumption": .consumption
        case "price": .price
        case "employment": .employment
        case "nir": .netImportReliance
        case "stocks": .stocks
        case "shipments": .shipments
        case "recycled": .recycling
        default: nil
        }
    }

    /// True when a qualifier equals `word` (case-insensitive).
    public func has(_ word: String) -> Bool { qualifiers.contains { $0.lowercased() == word.lowercased() } }
}
