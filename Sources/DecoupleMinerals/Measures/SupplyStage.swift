import DecoupleCore

/// The stage of supply a USGS production table describes.
///
/// The MCS world tables name the stage in their `Type` column: "Mine production, contained
/// cobalt" is the **mine** stage (ores and concentrates); "Refinery production", "Smelter
/// production", "Plant production, silicon metal" and "refined borates" are the **refinery**
/// stage (chemicals and metal). A type that names neither ("Cement production", "borates") has
/// no stage.
public enum SupplyStage: String, Sendable, Codable, Hashable, CaseIterable {
    /// Mine production: ores and concentrates.
    case mine
    /// Refinery, smelter or plant production: refined chemicals and metal.
    case refinery

    /// The words of a production type that mark the refinery stage.
    static let refineryWords: Set = ["refinery", "smelter", "refined"]

    /// The stage a USGS production type names, or nil when it names none.
    /// A type with the word "mine" ("Mine production, …"; not "bromine") is `.mine`; a type
    /// with "refinery", "smelter", "refined" or "plant production" is `.refinery` (a type
    /// naming both counts as mine).
    public init?(productionType: String) {
        let words = productionType.lowercased().split { !$0.isLetter }.map(String.init)
        if words.contains("mine") { self = .mine }
        else if words.contains(where: Self.refineryWords.contains)
                    || zip(words, words.dropFirst()).contains(where: { $0 == "plant" && $1 == "production" }) { self = .refinery }
        else { return nil }
    }

    /// The stage of supply that matches a stage of the strategic taxonomy's mineral chains:
    /// `ore` (ores and concentrates) is the mine stage; `chemical` (refined products, chemicals
    /// and intermediates), `metal` (unwrought metal, powders, ferro-alloys), `element` and
    /// `magnets` are made from refined material, so they match the refinery stage. Nil for an
    /// unknown stage id.
    public init?(taxonomyStage: String) {
        switch taxonomyStage.lowercased() {
        case "ore": self = .mine
        case "chemical", "metal", "element", "magnets": self = .refinery
        default: return nil
        }
    }

    /// "mine production" or "refinery production", for sentences and column titles.
    public var productionName: String {
        switch self {
        case .mine: "mine production"
        case .refinery: "refinery production"
        }
    }
}
